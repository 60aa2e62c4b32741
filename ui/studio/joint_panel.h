// SPDX-License-Identifier: Apache-2.0
// The "Pose" dock: a tree of the hand's joints (the whole hand, then each finger's three joints)
// and three sliders for the selected one. For a finger joint they are its flexion, abduction and
// twist in degrees, each spanning exactly the model's joint limits; for the whole hand they turn
// it about the camera's x, y and z axes through the wrist (-180..180 degrees from the label as
// saved), and three more move it along those axes (-100..100 mm). Dragging previews, releasing
// commits: the window connects the signals to LabelEditor.
// GUI thread only.
#pragma once

#include <QLabel>
#include <QSlider>
#include <QTreeWidget>
#include <QWidget>
#include <array>

#include "core/model/hand_model.h"
#include "core/model/lbs.h"

namespace handprop::ui {

class JointPanel : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kStepsPerDegree = 10;
  static constexpr int kStepsPerMm = 2;
  static constexpr int kMoveRangeMm = 100;
  explicit JointPanel(const JointLimits& limits, QWidget* parent = nullptr);

  // Shows the label's angles for the selected joint (without emitting); disables the sliders
  // when `params` is null (no label at this frame).
  void SetParams(const HandParams* params);
  // 0 = the whole hand, 1..15 = MANO joints.
  int selected_joint() const { return selected_; }
  void SelectJoint(int joint);
  QSlider* slider(int axis) const { return sliders_[axis]; }
  QSlider* move_slider(int axis) const { return move_sliders_[axis]; }
  QTreeWidget* tree() const { return tree_; }

 Q_SIGNALS:
  void JointPreview(int joint, const Eigen::Vector3d& angles_deg);
  void HandRotationPreview(const Eigen::Vector3d& camera_axes_deg);
  void HandTranslationPreview(const Eigen::Vector3d& offset_m);
  void GestureFinished(const QString& text);  // a slider was released
  void JointSelected(int joint);

 private:
  void UpdateSliders();
  void OnSliderMoved();
  void FinishGesture();
  void OnMoveSliderMoved();
  Eigen::Vector3d SliderDegrees() const;

  const JointLimits& limits_;
  QTreeWidget* tree_ = nullptr;
  std::array<QSlider*, 3> sliders_{};
  std::array<QLabel*, 3> names_{};
  std::array<QLabel*, 3> values_{};
  std::array<QSlider*, 3> move_sliders_{};
  std::array<QLabel*, 3> move_names_{};
  bool moving_ = false;  // the last gesture was a move (for its undo text)
  HandParams params_;
  bool has_params_ = false;
  bool updating_ = false;
  int selected_ = 1;
};

}  // namespace handprop::ui
