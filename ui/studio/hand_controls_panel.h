// SPDX-License-Identifier: Apache-2.0
// The studio's side panel: the model's name, 10 shape sliders, the pose (flat hand or mean
// pose, plus the first few PCA coefficients) and display toggles. It only holds values; the
// window turns them into a mesh (StudioWindow). GUI thread only.
#pragma once

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QSlider>
#include <QWidget>
#include <vector>

#include "core/model/hand_model.h"
#include "core/model/lbs.h"

namespace handprop::ui {

struct HandControlsState {
  ShapeVector betas = ShapeVector::Zero();
  bool mean_pose = true;    // false: the flat hand
  Eigen::VectorXd pca;      // the first num_pca whitened PCA coefficients
  bool show_mesh = true;
  bool show_wireframe = false;
  bool show_skeleton = true;
};

class HandControlsPanel : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kMaxPcaSliders = 6;
  static constexpr double kSliderRange = 3.0;  // every slider spans [-3, 3]
  static constexpr int kSliderSteps = 100;     // slider units per 1.0

  // Sliders for min(kMaxPcaSliders, model.NumPcaComponents()) PCA coefficients; shape sliders
  // are named after model.shape_directions when the model has them.
  explicit HandControlsPanel(const HandModel& model, QWidget* parent = nullptr);

  HandControlsState State() const;
  int num_pca() const { return static_cast<int>(pca_sliders_.size()); }

  // Sets the panel's controls (emits the signals once). `state.pca` may be shorter than num_pca().
  void SetState(const HandControlsState& state);

 Q_SIGNALS:
  void HandChanged();     // shape or pose edited
  void DisplayChanged();  // a display toggle changed

 private:
  QSlider* AddSlider(QGridLayout* grid, int row, const QString& name, const QString& tooltip);

  std::vector<QSlider*> shape_sliders_;
  std::vector<QSlider*> pca_sliders_;
  QComboBox* pose_base_ = nullptr;
  QCheckBox* show_mesh_ = nullptr;
  QCheckBox* show_wireframe_ = nullptr;
  QCheckBox* show_skeleton_ = nullptr;
};

}  // namespace handprop::ui
