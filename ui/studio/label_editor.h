// SPDX-License-Identifier: Apache-2.0
// Editing the label of the current (video, frame, hand): joint rotations within the model's
// limits, keypoint drags solved by inverse kinematics, moving and rotating the whole hand, the
// subject's shape, verifying, and making a key frame. No widgets: the window's panels and the
// viewport call it, and the tests drive it directly.
//
// A gesture (a slider drag, a keypoint drag) first changes only the working label (Preview*,
// shown at once, not saved); Commit turns it into ONE journal edit (one store transaction, one
// undo step). Instant actions (Verify, MakeKeyFrame, ApplyShapeToHand) are one edit each.
//
// Provenance after an edit: a manual label stays manual; anything else a person changes becomes
// corrected (SLEAP's "user-edited prediction"); Verify marks the label verified unchanged.
//
// GUI thread only. Errors from the store (a locked project, a bad value) propagate as exceptions
// and leave both the project and the working label as they were.
#pragma once

#include <QObject>
#include <QUndoStack>
#include <optional>

#include "core/pose_edit/keypoint_ik.h"
#include "ui/studio/annotation_session.h"
#include "ui/studio/journal_command.h"

namespace handprop::ui {

class LabelEditor : public QObject {
  Q_OBJECT

 public:
  LabelEditor(AnnotationSession& session, QUndoStack& undo_stack, JournalErrorHandler on_error, QObject* parent = nullptr);

  // Selects the label to edit (drops an uncommitted gesture). Call after navigation and after
  // every LabelsChanged of this frame.
  void SetCursor(int64_t video_id, int frame, int64_t hand_id);
  const LabelKey& cursor() const { return cursor_; }
  // The label as stored, and as shown (with an uncommitted gesture applied).
  const std::optional<LabelRecord>& stored() const { return stored_; }
  const std::optional<LabelRecord>& working() const { return working_; }
  bool has_gesture() const { return gesture_; }

  // Gestures (no-ops without a label at the cursor).
  void PreviewJointAngles(int joint, const Eigen::Vector3d& angles_deg);  // MANO joint 1..15
  void PreviewHandRotation(const Eigen::Matrix3d& rotation);              // about the wrist, from the stored label
  void PreviewHandTranslation(const Eigen::Vector3d& offset_m);           // from the stored label
  // Moves FreiHAND keypoint `keypoint` to the image pixel, the others pinned; returns the solve.
  KeypointIkResult PreviewKeypointDrag(int keypoint, const Eigen::Vector2d& pixel);
  // Saves the gesture as one edit named `text` ("Rotate index_2"); returns the edit id or 0.
  int64_t Commit(const QString& text);
  void Cancel();  // back to the stored label

  // Instant edits; each returns the edit id (0: nothing to do).
  int64_t Verify();
  // Makes the current frame a key frame: its label (or, when it has none, the nearest label of
  // the hand, copied) saved as manual.
  int64_t MakeKeyFrame();
  // Gives every key-frame label (human-made) of the current hand in every video of its sequence
  // these betas, keypoints re-posed: "edit the shape once per subject". Machine labels keep theirs
  // until the next interpolation or propagation, which copies the shape from the key frames.
  int64_t ApplyShapeToHand(const ShapeVector& betas);

  KeypointIkOptions& ik_options() { return ik_options_; }

 Q_SIGNALS:
  // The working label changed (gesture, commit, cancel or cursor).
  void WorkingLabelChanged();

 private:
  int64_t ApplyAndPush(const EditRequest& request);
  void SetWorkingParams(const HandParams& params);

  AnnotationSession& session_;
  QUndoStack& undo_stack_;
  JournalErrorHandler on_error_;
  LabelKey cursor_;
  std::optional<LabelRecord> stored_;
  std::optional<LabelRecord> working_;
  bool gesture_ = false;
  KeypointIkOptions ik_options_;
};

// The provenance a label gets when a person edits it (see the header comment).
Provenance EditedProvenance(Provenance before);

}  // namespace handprop::ui
