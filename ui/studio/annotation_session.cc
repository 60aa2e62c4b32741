// SPDX-License-Identifier: Apache-2.0
#include "ui/studio/annotation_session.h"

#include <algorithm>
#include <cstdlib>

#include "core/data/model_joint_limits.h"
#include "core/util/error.h"

namespace handprop::ui {
namespace {

std::string UserName() {
  for (const char* name : {"HANDPROP_USER", "USER"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return value;
  }
  return "annotator";
}

}  // namespace

AnnotationSession::AnnotationSession(ProjectStore store, HandModel model)
    : store_(std::move(store)), model_(std::make_unique<const HandModel>(std::move(model))),
      lbs_(std::make_unique<HandLbs>(*model_)), limits_(MotionJointLimits(*model_)), user_(UserName()) {}

AnnotationSession::~AnnotationSession() = default;

std::unique_ptr<AnnotationSession> AnnotationSession::Open(const std::string& project_path, HandModel model) {
  ProjectStore store = ProjectStore::Open(project_path);
  if (store.Meta().role == ProjectRole::kGroundTruth)
    throw InputError(project_path + ": is a generator's ground truth, not an annotation project (open the project file beside it)");
  std::unique_ptr<AnnotationSession> session(new AnnotationSession(std::move(store), std::move(model)));
  session->videos_ = session->store_.Videos();
  session->hands_ = session->store_.Hands();
  for (const VideoRecord& video : session->videos_) {
    session->frame_overrides_[video.id] = session->store_.FramesWithOverrides(video.id);
    for (const HandRecord& hand : session->HandsOf(video.id))
      session->timelines_.emplace(std::make_pair(video.id, hand.id), LabelTimeline(std::max(video.frame_count, 1)));
  }
  for (const VideoRecord& video : session->videos_) session->ReloadLabels(video.id);
  return session;
}

const VideoRecord* AnnotationSession::FindVideo(int64_t video_id) const {
  for (const VideoRecord& video : videos_)
    if (video.id == video_id) return &video;
  return nullptr;
}

std::vector<HandRecord> AnnotationSession::HandsOf(int64_t video_id) const {
  std::vector<HandRecord> hands;
  const VideoRecord* video = FindVideo(video_id);
  if (video == nullptr) return hands;
  for (const HandRecord& hand : hands_)
    if (hand.sequence == video->sequence) hands.push_back(hand);
  return hands;
}

CameraIntrinsics AnnotationSession::IntrinsicsAt(int64_t video_id, int frame) const {
  const VideoRecord* video = FindVideo(video_id);
  HP_CHECK(video != nullptr, "IntrinsicsAt: unknown video ", video_id);
  const auto overrides = frame_overrides_.find(video_id);
  if (overrides != frame_overrides_.end())
    for (const FrameRecord& record : overrides->second)
      if (record.index == frame && record.intrinsics) return *record.intrinsics;
  return video->intrinsics;
}

void AnnotationSession::RelinkVideo(int64_t video_id, const std::string& path) {
  for (VideoRecord& video : videos_)
    if (video.id == video_id) video.path = path;
}

const LabelTimeline& AnnotationSession::timeline(int64_t video_id, int64_t hand_id) const {
  const auto found = timelines_.find({video_id, hand_id});
  HP_CHECK(found != timelines_.end(), "timeline: no (video ", video_id, ", hand ", hand_id, ")");
  return found->second;
}

std::optional<LabelRecord> AnnotationSession::Label(int64_t video_id, int frame, int64_t hand_id) const {
  return store_.Label(video_id, frame, hand_id);
}

LabelRecord AnnotationSession::MakeUserLabel(const LabelKey& key, const HandParams& params, Provenance provenance) const {
  LabelRecord label;
  label.video_id = key.video_id;
  label.frame_index = key.frame_index;
  label.hand_id = key.hand_id;
  label.params = params;
  label.keypoints = lbs_->Forward(params).keypoints;
  label.confidence = ConfidenceVector::Ones();
  label.provenance = provenance;
  label.author = user_;
  return label;
}

std::vector<LabelKey> AnnotationSession::KeysOfEdit(const EditRequest& request) const {
  std::vector<LabelKey> keys = request.deletes;
  for (const LabelRecord& label : request.puts) keys.push_back({label.video_id, label.frame_index, label.hand_id});
  return keys;
}

int64_t AnnotationSession::Apply(const EditRequest& request) {
  const int64_t id = store_.ApplyEdit(request);
  if (id != 0) Refresh(KeysOfEdit(request));
  return id;
}

void AnnotationSession::Undo(int64_t edit_id) {
  store_.UndoEdit(edit_id, user_);
  for (const VideoRecord& video : videos_) ReloadLabels(video.id);
}

void AnnotationSession::Redo(int64_t edit_id) {
  store_.RedoEdit(edit_id, user_);
  for (const VideoRecord& video : videos_) ReloadLabels(video.id);
}

void AnnotationSession::Refresh(const std::vector<LabelKey>& keys) {
  std::map<int64_t, std::vector<int>> frames_of_video;
  for (const LabelKey& key : keys) {
    const auto found = timelines_.find({key.video_id, key.hand_id});
    if (found == timelines_.end()) continue;
    const std::optional<LabelRecord> label = store_.Label(key.video_id, key.frame_index, key.hand_id);
    if (label)
      found->second.Set(*label);
    else
      found->second.Clear(key.frame_index);
    frames_of_video[key.video_id].push_back(key.frame_index);
  }
  for (auto& [video_id, frames] : frames_of_video) {
    std::sort(frames.begin(), frames.end());
    frames.erase(std::unique(frames.begin(), frames.end()), frames.end());
    Q_EMIT LabelsChanged(video_id, frames);
  }
}

void AnnotationSession::ReloadLabels(int64_t video_id) {
  const VideoRecord* video = FindVideo(video_id);
  if (video == nullptr) return;
  std::map<int64_t, std::vector<LabelRecord>> per_hand;
  for (LabelRecord& label : store_.Labels(video_id)) per_hand[label.hand_id].push_back(std::move(label));
  for (const HandRecord& hand : HandsOf(video_id))
    timelines_.insert_or_assign({video_id, hand.id}, LabelTimeline::FromLabels(std::max(video->frame_count, 1), per_hand[hand.id]));
  Q_EMIT LabelsChanged(video_id, {});
}

}  // namespace handprop::ui
