// SPDX-License-Identifier: Apache-2.0
#include "ui/studio/studio_window.h"

#include <QHBoxLayout>
#include <QLayout>
#include <QScrollArea>
#include <QShowEvent>
#include <QStatusBar>
#include <utility>

#include "core/model/pose_convention.h"

namespace handprop::ui {
namespace {
// The first view, for models in MANO's frame (wrist at +x, fingers along -x, palm facing -y):
// from above and behind the wrist, turned a little towards the thumb, so the back of the hand
// shows with the fingers pointing up.
constexpr double kInitialYawDeg = 70.0;
constexpr double kInitialPitchDeg = 55.0;
constexpr int kPanelWidth = 330;
}  // namespace

StudioWindow::StudioWindow(HandModel model, QWidget* parent)
    : QMainWindow(parent), model_(std::make_unique<const HandModel>(std::move(model))),
      lbs_(std::make_unique<HandLbs>(*model_)) {
  setWindowTitle(QStringLiteral("HandProp Studio · %1").arg(QString::fromStdString(model_->name)));

  viewport_ = new HandViewport;
  controls_ = new HandControlsPanel(*model_);
  auto* scroll = new QScrollArea;
  scroll->setWidget(controls_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setFixedWidth(kPanelWidth);

  auto* central = new QWidget;
  auto* layout = new QHBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(viewport_, 1);
  layout->addWidget(scroll);
  setCentralWidget(central);
  statusBar()->showMessage(QStringLiteral("Drag to rotate · wheel to zoom"));

  connect(controls_, &HandControlsPanel::HandChanged, this, &StudioWindow::UpdateHand);
  connect(controls_, &HandControlsPanel::DisplayChanged, this, &StudioWindow::UpdateDisplay);
  UpdateHand();
  UpdateDisplay();
  OrbitCamera orbit;
  orbit.yaw_deg = kInitialYawDeg;
  orbit.pitch_deg = kInitialPitchDeg;
  viewport_->SetOrbitCamera(orbit);
}

void StudioWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  if (framed_) return;
  centralWidget()->layout()->activate();  // the viewport's final size, for its aspect ratio
  viewport_->FitOrbitToMesh();
  framed_ = true;
}

HandParams StudioWindow::CurrentParams() const {
  const HandControlsState state = controls_->State();
  PoseConvention convention;
  convention.flat_hand_mean = !state.mean_pose;
  convention.num_pca = controls_->num_pca();
  Eigen::VectorXd input = Eigen::VectorXd::Zero(convention.InputSize());
  input.tail(state.pca.size()) = state.pca;
  HandParams params;
  params.pose = AbsolutePose(*model_, input, convention);
  params.betas = state.betas;
  return params;
}

void StudioWindow::UpdateHand() {
  const HandMesh mesh = lbs_->Forward(CurrentParams());
  viewport_->SetMesh(mesh.vertices, model_->faces);
  viewport_->SetKeypoints(mesh.keypoints);
}

void StudioWindow::UpdateDisplay() {
  const HandControlsState state = controls_->State();
  ViewStyle style = viewport_->style();
  style.show_mesh = state.show_mesh;
  style.show_wireframe = state.show_wireframe;
  style.show_skeleton = state.show_skeleton;
  viewport_->SetStyle(style);
}

}  // namespace handprop::ui
