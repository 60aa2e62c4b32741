// SPDX-License-Identifier: Apache-2.0
#include "ui/studio/label_editor.h"

#include <algorithm>
#include <cmath>

#include "core/pose_edit/joint_edit.h"

namespace handprop::ui {
namespace {

// The nearest frame of the timeline that has a label, or -1.
int NearestLabelledFrame(const LabelTimeline& timeline, int frame) {
  for (int d = 0; d < timeline.num_frames(); ++d) {
    if (frame - d >= 0 && timeline.provenance(frame - d)) return frame - d;
    if (frame + d < timeline.num_frames() && timeline.provenance(frame + d)) return frame + d;
  }
  return -1;
}

}  // namespace

Provenance EditedProvenance(Provenance before) {
  return before == Provenance::kManual ? Provenance::kManual : Provenance::kCorrected;
}

LabelEditor::LabelEditor(AnnotationSession& session, QUndoStack& undo_stack, JournalErrorHandler on_error, QObject* parent)
    : QObject(parent), session_(session), undo_stack_(undo_stack), on_error_(std::move(on_error)) {
  // Whatever changed the cursor's label (an edit, an undo, an accepted job), show it as stored.
  connect(&session_, &AnnotationSession::LabelsChanged, this, [this](qint64 video_id, const std::vector<int>& frames) {
    if (video_id == cursor_.video_id &&
        (frames.empty() || std::binary_search(frames.begin(), frames.end(), cursor_.frame_index)))
      SetCursor(cursor_.video_id, cursor_.frame_index, cursor_.hand_id);
  });
}

void LabelEditor::SetCursor(int64_t video_id, int frame, int64_t hand_id) {
  cursor_ = {video_id, frame, hand_id};
  stored_ = hand_id != 0 ? session_.Label(video_id, frame, hand_id) : std::nullopt;
  working_ = stored_;
  gesture_ = false;
  Q_EMIT WorkingLabelChanged();
}

void LabelEditor::SetWorkingParams(const HandParams& params) {
  if (!working_) return;
  working_->params = params;
  working_->keypoints = session_.lbs().Forward(params).keypoints;
  gesture_ = true;
  Q_EMIT WorkingLabelChanged();
}

void LabelEditor::PreviewJointAngles(int joint, const Eigen::Vector3d& angles_deg) {
  if (!working_) return;
  SetWorkingParams(SetJointAngles(session_.limits(), working_->params, joint, angles_deg));
}

void LabelEditor::PreviewHandRotation(const Eigen::Matrix3d& rotation) {
  if (!stored_) return;
  SetWorkingParams(RotateHandAboutWrist(session_.model(), stored_->params, rotation));
}

void LabelEditor::PreviewHandTranslation(const Eigen::Vector3d& offset_m) {
  if (!stored_) return;
  SetWorkingParams(TranslateHand(stored_->params, offset_m));
}

KeypointIkResult LabelEditor::PreviewKeypointDrag(int keypoint, const Eigen::Vector2d& pixel) {
  KeypointIkResult result;
  if (!working_) return result;
  const CameraIntrinsics camera = session_.IntrinsicsAt(cursor_.video_id, cursor_.frame_index);
  // Warm start from the working label: each mouse move is a small step from the last solve.
  result = SolveKeypointIk(session_.model(), session_.limits(), camera, working_->params, {{keypoint, pixel}}, ik_options_);
  working_->params = result.params;
  working_->keypoints = result.keypoints;
  gesture_ = true;
  Q_EMIT WorkingLabelChanged();
  return result;
}

int64_t LabelEditor::Commit(const QString& text) {
  if (!gesture_ || !working_ || !stored_) return 0;
  EditRequest request;
  request.text = text.toStdString();
  request.author = session_.user();
  request.puts.push_back(session_.MakeUserLabel(cursor_, working_->params, EditedProvenance(stored_->provenance)));
  const int64_t id = ApplyAndPush(request);
  if (id == 0) Cancel();  // nothing changed; otherwise LabelsChanged has shown the saved label
  return id;
}

void LabelEditor::Cancel() { SetCursor(cursor_.video_id, cursor_.frame_index, cursor_.hand_id); }

int64_t LabelEditor::Verify() {
  if (!stored_ || stored_->provenance == Provenance::kVerified || stored_->provenance == Provenance::kManual) return 0;
  EditRequest request;
  request.text = "Verify frame " + std::to_string(cursor_.frame_index);
  request.author = session_.user();
  LabelRecord label = *stored_;  // the label as it is, confirmed by a person
  label.provenance = Provenance::kVerified;
  label.author = session_.user();
  label.confidence = ConfidenceVector::Ones();
  request.puts.push_back(label);
  return ApplyAndPush(request);  // LabelsChanged shows the saved label
}

int64_t LabelEditor::MakeKeyFrame() {
  if (cursor_.hand_id == 0) return 0;
  if (stored_ && IsHumanProvenance(stored_->provenance)) return 0;
  std::optional<LabelRecord> source = stored_;
  if (!source) {
    const int nearest = NearestLabelledFrame(session_.timeline(cursor_.video_id, cursor_.hand_id), cursor_.frame_index);
    if (nearest < 0) return 0;
    source = session_.Label(cursor_.video_id, nearest, cursor_.hand_id);
    if (!source) return 0;
  }
  EditRequest request;
  request.text = "Make frame " + std::to_string(cursor_.frame_index) + " a key frame";
  request.author = session_.user();
  request.puts.push_back(session_.MakeUserLabel(cursor_, source->params, stored_ ? Provenance::kCorrected : Provenance::kManual));
  return ApplyAndPush(request);  // LabelsChanged shows the saved label
}

int64_t LabelEditor::ApplyShapeToHand(const ShapeVector& betas) {
  if (cursor_.hand_id == 0 || !betas.allFinite()) return 0;
  EditRequest request;
  request.text = "Set the shape of hand " + std::to_string(cursor_.hand_id);
  request.author = session_.user();
  const VideoRecord* current = session_.FindVideo(cursor_.video_id);
  if (current == nullptr) return 0;
  for (const VideoRecord& video : session_.videos()) {
    if (video.sequence != current->sequence) continue;
    for (const LabelRecord& label : session_.store().Labels(video.id)) {
      // Only key frames: machine labels take their shape from them at the next propagation.
      if (label.hand_id != cursor_.hand_id || !IsHumanProvenance(label.provenance) || label.params.betas == betas) continue;
      HandParams params = label.params;
      params.betas = betas;
      request.puts.push_back(session_.MakeUserLabel({label.video_id, label.frame_index, label.hand_id}, params,
                                                    EditedProvenance(label.provenance)));
    }
  }
  if (request.puts.empty()) return 0;
  return ApplyAndPush(request);  // LabelsChanged shows the saved label
}

int64_t LabelEditor::ApplyAndPush(const EditRequest& request) {
  const int64_t id = session_.Apply(request);
  if (id != 0) undo_stack_.push(new JournalCommand(session_, id, QString::fromStdString(request.text), true, on_error_));
  return id;
}

}  // namespace handprop::ui
