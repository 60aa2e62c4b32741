// SPDX-License-Identifier: Apache-2.0
#include "core/train/project_frames.h"

#include <algorithm>
#include <set>
#include <cstdlib>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>

#include "core/io/store/project_store.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {

std::string ProjectFramesOptions::Check() const {
  HP_OPTION_CHECK_NESTED(crop);
  HP_OPTION_CHECK_GE(unlabelled_extra_margin, 0.0);
  HP_OPTION_CHECK_GE(cache_bytes_per_video, 0);
  return {};
}


ProjectFrames::ProjectFrames(const std::string& project_path, const ProjectFramesOptions& options)
    : project_path_(project_path), options_(options) {
  if (const std::string problem = options.Check(); !problem.empty()) throw InputError(project_path + ": " + problem);
  StoreOpenOptions open;
  open.read_only = true;
  const ProjectStore store = ProjectStore::Open(project_path, open);
  if (store.Meta().role == ProjectRole::kGroundTruth)
    throw InputError(project_path + ": is a ground-truth store; training reads the labels of a project");

  std::map<std::string, int64_t> right_hand;  // sequence -> first right hand by id
  std::vector<HandRecord> hands = store.Hands();
  std::sort(hands.begin(), hands.end(), [](const HandRecord& a, const HandRecord& b) { return a.id < b.id; });
  for (const HandRecord& h : hands)
    if (h.side == HandSide::kRight) right_hand.emplace(h.sequence, h.id);

  std::vector<VideoRecord> records = store.Videos();
  std::sort(records.begin(), records.end(), [](const VideoRecord& a, const VideoRecord& b) { return a.id < b.id; });
  const std::set<std::string> wanted(options.sequences.begin(), options.sequences.end());
  for (const std::string& name : wanted)
    if (std::none_of(records.begin(), records.end(), [&](const VideoRecord& r) { return r.sequence == name; }))
      throw InputError(project_path + ": has no sequence '" + name + "'");
  for (const VideoRecord& r : records) {
    if (!wanted.empty() && !wanted.count(r.sequence)) continue;
    ProjectVideo video;
    video.video_id = r.id;
    video.path = r.path;
    video.sequence = r.sequence;
    video.camera_index = r.camera_index;
    video.num_frames = r.frame_count;
    const auto hand = right_hand.find(r.sequence);
    video.hand_id = hand == right_hand.end() ? 0 : hand->second;
    std::map<int, CameraIntrinsics> overrides;
    std::map<int, std::string> images;
    for (const FrameRecord& f : store.FramesWithOverrides(r.id)) {
      if (f.intrinsics) overrides[f.index] = *f.intrinsics;
      if (!f.image_path.empty()) images[f.index] = f.image_path;
    }
    // An image list needs no video file; any frame without its own image reads the video.
    const bool needs_video = static_cast<int>(images.size()) < r.frame_count;
    std::error_code error;
    if (needs_video && !std::filesystem::exists(r.path, error))
      throw InputError(project_path + ": video " + std::to_string(r.id) + " file " + r.path + " does not exist");
    videos_.push_back(std::move(video));
    video_intrinsics_.push_back(r.intrinsics);
    overrides_.push_back(std::move(overrides));
    image_paths_.push_back(std::move(images));
  }
  labels_.resize(videos_.size());
  for (const LabelRecord& l : store.AllLabels()) {
    const auto it = std::lower_bound(videos_.begin(), videos_.end(), l.video_id,
                                     [](const ProjectVideo& v, int64_t id) { return v.video_id < id; });
    if (it == videos_.end() || it->video_id != l.video_id) continue;  // a sequence left out
    const int v = static_cast<int>(it - videos_.begin());
    if (l.hand_id != videos_[v].hand_id || !IsHumanProvenance(l.provenance)) continue;
    labels_[v][l.frame_index] = Label{l.params, l.keypoints};
  }
  for (size_t v = 0; v < videos_.size(); ++v)
    for (const auto& [frame, label] : labels_[v]) videos_[v].key_frames.push_back(frame);  // map: sorted
  sources_.resize(videos_.size());
}

ProjectFrames::~ProjectFrames() = default;
ProjectFrames::ProjectFrames(ProjectFrames&&) noexcept = default;
ProjectFrames& ProjectFrames::operator=(ProjectFrames&&) noexcept = default;

int ProjectFrames::VideoIndex(int64_t video_id) const {
  const auto it = std::lower_bound(videos_.begin(), videos_.end(), video_id,
                                   [](const ProjectVideo& v, int64_t id) { return v.video_id < id; });
  if (it == videos_.end() || it->video_id != video_id)
    throw InputError(project_path_ + ": no video with id " + std::to_string(video_id));
  return static_cast<int>(it - videos_.begin());
}

std::vector<VideoKeyFrames> ProjectFrames::KeyFrames() const {
  std::vector<VideoKeyFrames> out;
  out.reserve(videos_.size());
  for (const ProjectVideo& v : videos_) out.push_back({v.num_frames, v.key_frames});
  return out;
}

std::string ProjectFrames::Where(int64_t video_id, int frame) const {
  return project_path_ + ": video " + std::to_string(video_id) + " frame " + std::to_string(frame);
}

CameraIntrinsics ProjectFrames::FrameIntrinsics(int64_t video_id, int frame) const {
  const int v = VideoIndex(video_id);
  if (frame < 0 || frame >= videos_[v].num_frames)
    throw InputError(Where(video_id, frame) + ": out of range (the video has " + std::to_string(videos_[v].num_frames) +
                     " frames)");
  const auto it = overrides_[v].find(frame);
  return it == overrides_[v].end() ? video_intrinsics_[v] : it->second;
}

const ProjectFrames::Label* ProjectFrames::FindLabel(int video_index, int frame) const {
  const auto it = labels_[video_index].find(frame);
  return it == labels_[video_index].end() ? nullptr : &it->second;
}

HandCropBox ProjectFrames::CropBox(int64_t video_id, int frame, int* box_source_frame) const {
  FrameIntrinsics(video_id, frame);  // validates the id and the range
  const int v = VideoIndex(video_id);
  const std::vector<int>& keys = videos_[v].key_frames;
  if (keys.empty()) throw InputError(Where(video_id, frame) + ": the video has no labelled frame to place a crop");
  // The nearest key frame, ties to the earlier one.
  const auto next = std::lower_bound(keys.begin(), keys.end(), frame);
  int source = next == keys.end() ? keys.back() : *next;
  if (next != keys.begin() && frame - *(next - 1) <= std::abs(source - frame)) source = *(next - 1);
  HandCropOptions crop = options_.crop;
  if (source != frame) crop.margin += options_.unlabelled_extra_margin;
  if (box_source_frame) *box_source_frame = source;
  try {
    return CropBoxFromPoints(FrameIntrinsics(video_id, source), FindLabel(v, source)->keypoints, crop);
  } catch (const InputError& e) {
    throw InputError(Where(video_id, source) + ": " + e.what());
  }
}

cv::Mat ProjectFrames::ReadPixels(int video_index, int frame) {
  const auto image = image_paths_[video_index].find(frame);
  if (image != image_paths_[video_index].end()) {
    cv::Mat pixels = cv::imread(image->second, cv::IMREAD_COLOR);
    if (pixels.empty())
      throw InputError(Where(videos_[video_index].video_id, frame) + ": cannot read the image " + image->second);
    return pixels;
  }
  std::unique_ptr<CachedVideoSource>& source = sources_[video_index];
  if (!source) {
    FrameCacheOptions cache;
    cache.max_bytes = options_.cache_bytes_per_video;
    source = std::make_unique<CachedVideoSource>(OpenVideoSource(videos_[video_index].path), cache);
  }
  return source->ReadFrame(frame);
}

CropSample ProjectFrames::Frame(int64_t video_id, int frame, std::optional<uint64_t> jitter_seed,
                                const CropJitterOptions& jitter) {
  CropSample sample;
  sample.video_id = video_id;
  sample.frame = frame;
  sample.box = CropBox(video_id, frame, &sample.box_source_frame);
  if (jitter_seed) {
    openhand::SeededRandom random(*jitter_seed);
    sample.box = JitterCropBox(sample.box, jitter, random);
  }
  const int v = VideoIndex(video_id);
  if (const Label* label = FindLabel(v, frame)) {
    sample.labelled = true;
    sample.params = label->params;
    sample.keypoints = label->keypoints;
  }
  const int size = options_.crop.size;
  sample.intrinsics = CropIntrinsics(FrameIntrinsics(video_id, frame), sample.box, size);
  sample.crop = CropImage(ReadPixels(v, frame), sample.box, size);
  return sample;
}

}  // namespace handprop
