// SPDX-License-Identifier: Apache-2.0
#include "ui/studio/hand_controls_panel.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace handprop::ui {
namespace {

QString ValueText(int slider_value) {
  return QString::asprintf("%+.2f", static_cast<double>(slider_value) / HandControlsPanel::kSliderSteps);
}

int SliderValue(double value) {
  const double clamped = std::clamp(value, -HandControlsPanel::kSliderRange, HandControlsPanel::kSliderRange);
  return static_cast<int>(std::lround(clamped * HandControlsPanel::kSliderSteps));
}

double FromSlider(const QSlider* slider) { return static_cast<double>(slider->value()) / HandControlsPanel::kSliderSteps; }

}  // namespace

HandControlsPanel::HandControlsPanel(const HandModel& model, QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(10, 10, 10, 10);
  layout->setSpacing(10);

  auto* title = new QLabel(QStringLiteral("<b>%1</b> &nbsp;<span style='color:gray'>%2 hand</span>")
                               .arg(QString::fromStdString(model.name).toHtmlEscaped(), HandSideName(model.side)));
  auto* details = new QLabel(QStringLiteral("%1 vertices · %2 faces · %3 PCA components")
                                 .arg(model.NumVertices())
                                 .arg(model.NumFaces())
                                 .arg(model.NumPcaComponents()));
  details->setStyleSheet(QStringLiteral("color: gray"));
  layout->addWidget(title);
  layout->addWidget(details);

  auto* shape_box = new QGroupBox(QStringLiteral("Shape (β)"));
  auto* shape_grid = new QGridLayout(shape_box);
  for (int i = 0; i < kNumBetas; ++i) {
    const bool named = i < static_cast<int>(model.shape_directions.size()) && !model.shape_directions[i].name.empty();
    const QString name = named ? QString::fromStdString(model.shape_directions[i].name).replace('_', ' ')
                               : QStringLiteral("β%1").arg(i);
    const QString tip = named ? QString::fromStdString(model.shape_directions[i].meaning) : QString();
    shape_sliders_.push_back(AddSlider(shape_grid, i, name, tip));
  }
  layout->addWidget(shape_box);

  auto* pose_box = new QGroupBox(QStringLiteral("Pose"));
  auto* pose_grid = new QGridLayout(pose_box);
  pose_base_ = new QComboBox;
  pose_base_->addItem(QStringLiteral("Mean pose"));
  pose_base_->addItem(QStringLiteral("Flat hand"));
  pose_base_->setToolTip(QStringLiteral("What a zero pose means: the model's mean articulation or the flat hand"));
  pose_grid->addWidget(new QLabel(QStringLiteral("Base")), 0, 0);
  pose_grid->addWidget(pose_base_, 0, 1, 1, 2);
  connect(pose_base_, &QComboBox::currentIndexChanged, this, &HandControlsPanel::HandChanged);
  const int num_pca = std::min(kMaxPcaSliders, model.NumPcaComponents());
  for (int i = 0; i < num_pca; ++i)
    pca_sliders_.push_back(AddSlider(pose_grid, i + 1, QStringLiteral("PC %1").arg(i + 1),
                                     QStringLiteral("Coefficient of pose principal component %1 (whitened)").arg(i + 1)));
  layout->addWidget(pose_box);

  auto* display_box = new QGroupBox(QStringLiteral("Display"));
  auto* display_layout = new QHBoxLayout(display_box);
  show_mesh_ = new QCheckBox(QStringLiteral("Mesh"));
  show_wireframe_ = new QCheckBox(QStringLiteral("Wireframe"));
  show_skeleton_ = new QCheckBox(QStringLiteral("Keypoints"));
  show_mesh_->setChecked(true);
  show_skeleton_->setChecked(true);
  for (QCheckBox* box : {show_mesh_, show_wireframe_, show_skeleton_}) {
    display_layout->addWidget(box);
    connect(box, &QCheckBox::toggled, this, &HandControlsPanel::DisplayChanged);
  }
  layout->addWidget(display_box);

  auto* reset = new QPushButton(QStringLiteral("Reset shape and pose"));
  connect(reset, &QPushButton::clicked, this, [this] { SetState(HandControlsState{}); });
  layout->addWidget(reset);
  layout->addStretch(1);
}

QSlider* HandControlsPanel::AddSlider(QGridLayout* grid, int row, const QString& name, const QString& tooltip) {
  auto* label = new QLabel(name);
  auto* slider = new QSlider(Qt::Horizontal);
  auto* value = new QLabel(ValueText(0));
  slider->setRange(-static_cast<int>(kSliderRange * kSliderSteps), static_cast<int>(kSliderRange * kSliderSteps));
  slider->setPageStep(kSliderSteps / 2);
  slider->setMinimumWidth(110);
  value->setMinimumWidth(value->fontMetrics().horizontalAdvance(QStringLiteral("+0.00")) + 4);
  value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  if (!tooltip.isEmpty()) {
    label->setToolTip(tooltip);
    slider->setToolTip(tooltip);
  }
  grid->addWidget(label, row, 0);
  grid->addWidget(slider, row, 1);
  grid->addWidget(value, row, 2);
  connect(slider, &QSlider::valueChanged, value, [value](int v) { value->setText(ValueText(v)); });
  connect(slider, &QSlider::valueChanged, this, &HandControlsPanel::HandChanged);
  return slider;
}

HandControlsState HandControlsPanel::State() const {
  HandControlsState state;
  for (int i = 0; i < kNumBetas; ++i) state.betas[i] = FromSlider(shape_sliders_[i]);
  state.mean_pose = pose_base_->currentIndex() == 0;
  state.pca.resize(num_pca());
  for (int i = 0; i < num_pca(); ++i) state.pca[i] = FromSlider(pca_sliders_[i]);
  state.show_mesh = show_mesh_->isChecked();
  state.show_wireframe = show_wireframe_->isChecked();
  state.show_skeleton = show_skeleton_->isChecked();
  return state;
}

void HandControlsPanel::SetState(const HandControlsState& state) {
  {
    const QSignalBlocker block(this);  // children still update their labels
    for (int i = 0; i < kNumBetas; ++i) shape_sliders_[i]->setValue(SliderValue(state.betas[i]));
    pose_base_->setCurrentIndex(state.mean_pose ? 0 : 1);
    for (int i = 0; i < num_pca(); ++i) pca_sliders_[i]->setValue(SliderValue(i < state.pca.size() ? state.pca[i] : 0.0));
    show_mesh_->setChecked(state.show_mesh);
    show_wireframe_->setChecked(state.show_wireframe);
    show_skeleton_->setChecked(state.show_skeleton);
  }
  Q_EMIT HandChanged();
  Q_EMIT DisplayChanged();
}

}  // namespace handprop::ui
