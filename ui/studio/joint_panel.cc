// SPDX-License-Identifier: Apache-2.0
#include "ui/studio/joint_panel.h"

#include <QGridLayout>
#include <QVBoxLayout>
#include <cmath>

#include "core/pose_edit/joint_edit.h"

namespace handprop::ui {
namespace {

constexpr const char* kFingerNames[] = {"Index", "Middle", "Little", "Ring", "Thumb"};  // MANO joint order
constexpr int kHandAxisRangeDeg = 180;

}  // namespace

JointPanel::JointPanel(const JointLimits& limits, QWidget* parent) : QWidget(parent), limits_(limits) {
  tree_ = new QTreeWidget;
  tree_->setHeaderHidden(true);
  auto* hand = new QTreeWidgetItem(tree_, {QStringLiteral("Whole hand")});
  hand->setData(0, Qt::UserRole, 0);
  for (int finger = 0; finger < 5; ++finger) {
    auto* item = new QTreeWidgetItem(tree_, {QString::fromLatin1(kFingerNames[finger])});
    item->setFlags(item->flags() & ~Qt::ItemIsSelectable);
    for (int j = 0; j < 3; ++j) {
      const int joint = 1 + 3 * finger + j;
      auto* child = new QTreeWidgetItem(item, {QString::fromLatin1(ManoJointName(joint))});
      child->setData(0, Qt::UserRole, joint);
    }
  }
  tree_->expandAll();

  auto* grid = new QGridLayout;
  for (int axis = 0; axis < 3; ++axis) {
    names_[axis] = new QLabel;
    values_[axis] = new QLabel;
    values_[axis]->setMinimumWidth(48);
    values_[axis]->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    sliders_[axis] = new QSlider(Qt::Horizontal);
    grid->addWidget(names_[axis], axis, 0);
    grid->addWidget(sliders_[axis], axis, 1);
    grid->addWidget(values_[axis], axis, 2);
    connect(sliders_[axis], &QSlider::valueChanged, this, &JointPanel::OnSliderMoved);
    connect(sliders_[axis], &QSlider::sliderReleased, this, &JointPanel::FinishGesture);
  }
  static const char* kMoveNames[] = {"Move x", "Move y", "Move z"};
  for (int axis = 0; axis < 3; ++axis) {
    move_names_[axis] = new QLabel(QString::fromLatin1(kMoveNames[axis]));
    move_sliders_[axis] = new QSlider(Qt::Horizontal);
    move_sliders_[axis]->setRange(-kMoveRangeMm * kStepsPerMm, kMoveRangeMm * kStepsPerMm);
    move_sliders_[axis]->setToolTip(QStringLiteral("Millimetres along the camera's axis (x right, y down, z forward)"));
    grid->addWidget(move_names_[axis], 3 + axis, 0);
    grid->addWidget(move_sliders_[axis], 3 + axis, 1, 1, 2);
    connect(move_sliders_[axis], &QSlider::valueChanged, this, &JointPanel::OnMoveSliderMoved);
    connect(move_sliders_[axis], &QSlider::sliderReleased, this, &JointPanel::FinishGesture);
  }
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(tree_, 1);
  layout->addLayout(grid);
  connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    if (item == nullptr || !item->data(0, Qt::UserRole).isValid()) return;
    selected_ = item->data(0, Qt::UserRole).toInt();
    UpdateSliders();
    Q_EMIT JointSelected(selected_);
  });
  SelectJoint(1);
  SetParams(nullptr);
}

void JointPanel::SelectJoint(int joint) {
  QTreeWidgetItemIterator it(tree_);
  for (; *it != nullptr; ++it)
    if ((*it)->data(0, Qt::UserRole).isValid() && (*it)->data(0, Qt::UserRole).toInt() == joint) tree_->setCurrentItem(*it);
}

void JointPanel::SetParams(const HandParams* params) {
  has_params_ = params != nullptr;
  if (params != nullptr) params_ = *params;
  UpdateSliders();
}

void JointPanel::UpdateSliders() {
  updating_ = true;
  static const char* kJointAxes[] = {"Flexion", "Abduction", "Twist"};
  static const char* kHandAxes[] = {"About x", "About y", "About z"};
  const Eigen::Vector3d angles = selected_ > 0 ? JointAngles(limits_, params_, selected_) : Eigen::Vector3d::Zero();
  for (int axis = 0; axis < 3; ++axis) {
    QSlider* slider = sliders_[axis];
    if (selected_ > 0) {
      slider->setRange(static_cast<int>(std::floor(limits_.min_deg(selected_ - 1, axis) * kStepsPerDegree)),
                       static_cast<int>(std::ceil(limits_.max_deg(selected_ - 1, axis) * kStepsPerDegree)));
    } else {
      slider->setRange(-kHandAxisRangeDeg * kStepsPerDegree, kHandAxisRangeDeg * kStepsPerDegree);
    }
    slider->setValue(static_cast<int>(std::lround(angles[axis] * kStepsPerDegree)));
    slider->setEnabled(has_params_);
    names_[axis]->setText(QString::fromLatin1(selected_ > 0 ? kJointAxes[axis] : kHandAxes[axis]));
    values_[axis]->setText(has_params_ ? QStringLiteral("%1°").arg(angles[axis], 0, 'f', 1) : QStringLiteral("–"));
    move_sliders_[axis]->setValue(0);  // relative to the label as saved
    move_sliders_[axis]->setEnabled(has_params_);
    move_sliders_[axis]->setVisible(selected_ == 0);
    move_names_[axis]->setVisible(selected_ == 0);
  }
  updating_ = false;
}

Eigen::Vector3d JointPanel::SliderDegrees() const {
  return {sliders_[0]->value() / double(kStepsPerDegree), sliders_[1]->value() / double(kStepsPerDegree),
          sliders_[2]->value() / double(kStepsPerDegree)};
}

void JointPanel::OnSliderMoved() {
  if (updating_ || !has_params_) return;
  moving_ = false;
  const Eigen::Vector3d degrees = SliderDegrees();
  for (int axis = 0; axis < 3; ++axis) values_[axis]->setText(QStringLiteral("%1°").arg(degrees[axis], 0, 'f', 1));
  if (selected_ > 0)
    Q_EMIT JointPreview(selected_, degrees);
  else
    Q_EMIT HandRotationPreview(degrees);
  // A key press or a click on the groove is a whole gesture by itself: commit it at once.
  const bool dragging = sliders_[0]->isSliderDown() || sliders_[1]->isSliderDown() || sliders_[2]->isSliderDown();
  if (!dragging) FinishGesture();
}

void JointPanel::OnMoveSliderMoved() {
  if (updating_ || !has_params_) return;
  moving_ = true;
  const Eigen::Vector3d mm(move_sliders_[0]->value(), move_sliders_[1]->value(), move_sliders_[2]->value());
  Q_EMIT HandTranslationPreview(mm / (1000.0 * kStepsPerMm));
  const bool dragging = move_sliders_[0]->isSliderDown() || move_sliders_[1]->isSliderDown() || move_sliders_[2]->isSliderDown();
  if (!dragging) FinishGesture();
}

void JointPanel::FinishGesture() {
  QString text = QStringLiteral("Rotate %1").arg(QString::fromLatin1(ManoJointName(selected_)));
  if (selected_ == 0) text = moving_ ? QStringLiteral("Move the hand") : QStringLiteral("Rotate the hand");
  moving_ = false;
  Q_EMIT GestureFinished(text);
  if (selected_ == 0) UpdateSliders();  // the hand sliders are relative: back to zero
}

}  // namespace handprop::ui
