// SPDX-License-Identifier: Apache-2.0
#include "ui/studio/label_panel.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QVBoxLayout>

namespace handprop::ui {
namespace {

constexpr double kBetaRange = 5.0;

QString SourceFrames(const std::vector<int>& frames) {
  QStringList parts;
  for (int frame : frames) parts << QString::number(frame);
  return parts.isEmpty() ? QStringLiteral("–") : parts.join(QStringLiteral(", "));
}

}  // namespace

LabelPanel::LabelPanel(QWidget* parent) : QWidget(parent) {
  summary_ = new QLabel;
  summary_->setTextFormat(Qt::RichText);
  summary_->setWordWrap(true);
  summary_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  verify_ = new QPushButton(QStringLiteral("Verify"));
  verify_->setToolTip(QStringLiteral("Confirm this label as correct: it becomes a key frame"));
  key_frame_ = new QPushButton(QStringLiteral("Make key frame"));
  key_frame_->setToolTip(QStringLiteral("Save this frame's label (or the nearest one) as a manual key frame"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(verify_);
  buttons->addWidget(key_frame_);

  auto* shape = new QGroupBox(QStringLiteral("Shape of this hand (all key frames)"));
  auto* grid = new QGridLayout(shape);
  for (int i = 0; i < kNumBetas; ++i) {
    betas_[i] = new QDoubleSpinBox;
    betas_[i]->setRange(-kBetaRange, kBetaRange);
    betas_[i]->setSingleStep(0.1);
    betas_[i]->setDecimals(2);
    betas_[i]->setPrefix(QStringLiteral("β%1 ").arg(i));
    grid->addWidget(betas_[i], i / 2, i % 2);
  }
  apply_shape_ = new QPushButton(QStringLiteral("Apply shape"));
  grid->addWidget(apply_shape_, kNumBetas / 2, 0, 1, 2);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(summary_);
  layout->addLayout(buttons);
  layout->addWidget(shape);
  layout->addStretch(1);
  connect(verify_, &QPushButton::clicked, this, &LabelPanel::VerifyRequested);
  connect(key_frame_, &QPushButton::clicked, this, &LabelPanel::KeyFrameRequested);
  connect(apply_shape_, &QPushButton::clicked, this, [this] { Q_EMIT ShapeRequested(Betas()); });
  SetLabel(std::nullopt, 0, QString());
}

void LabelPanel::SetLabel(const std::optional<LabelRecord>& label, int frame, const QString& hand_name) {
  const QString where = QStringLiteral("<b>Frame %1</b>%2").arg(frame).arg(hand_name.isEmpty() ? QString() : QStringLiteral(" · ") + hand_name);
  if (!label) {
    summary_->setText(where + QStringLiteral("<br>No label. Interpolate or propagate, or make a key frame."));
  } else {
    QString text = where + QStringLiteral("<br>Provenance: <b>%1</b><br>Author: %2")
                               .arg(QString::fromLatin1(ProvenanceName(label->provenance)), QString::fromStdString(label->author));
    if (!label->model_id.empty()) text += QStringLiteral("<br>Model: %1").arg(QString::fromStdString(label->model_id));
    if (!label->source_frames.empty()) text += QStringLiteral("<br>From key frames: %1").arg(SourceFrames(label->source_frames));
    if (!IsHumanProvenance(label->provenance))
      text += QStringLiteral("<br>Confidence: mean %1, lowest %2")
                  .arg(label->confidence.mean(), 0, 'f', 2)
                  .arg(label->confidence.minCoeff(), 0, 'f', 2);
    summary_->setText(text);
    for (int i = 0; i < kNumBetas; ++i) {
      const QSignalBlocker block(betas_[i]);
      betas_[i]->setValue(label->params.betas[i]);
    }
  }
  const bool machine = label && !IsHumanProvenance(label->provenance);
  verify_->setEnabled(machine || (label && label->provenance == Provenance::kCorrected));
  key_frame_->setEnabled(!label || machine);
  apply_shape_->setEnabled(label.has_value());
}

ShapeVector LabelPanel::Betas() const {
  ShapeVector betas;
  for (int i = 0; i < kNumBetas; ++i) betas[i] = betas_[i]->value();
  return betas;
}

}  // namespace handprop::ui
