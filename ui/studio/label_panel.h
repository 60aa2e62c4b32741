// SPDX-License-Identifier: Apache-2.0
// The "Label" dock: where the current label comes from (provenance, author, model, key frames it
// was made from, confidence), the Verify and Make-key-frame buttons, and the subject's shape
// (ten betas, applied to every key frame of the hand at once). GUI thread only.
#pragma once

#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QWidget>
#include <array>
#include <optional>

#include "core/io/store/store_records.h"

namespace handprop::ui {

class LabelPanel : public QWidget {
  Q_OBJECT

 public:
  explicit LabelPanel(QWidget* parent = nullptr);

  // Shows the label of (frame, hand name); none: "no label".
  void SetLabel(const std::optional<LabelRecord>& label, int frame, const QString& hand_name);
  ShapeVector Betas() const;
  QPushButton* verify_button() const { return verify_; }
  QPushButton* key_frame_button() const { return key_frame_; }
  QPushButton* apply_shape_button() const { return apply_shape_; }
  QString SummaryText() const { return summary_->text(); }

 Q_SIGNALS:
  void VerifyRequested();
  void KeyFrameRequested();
  void ShapeRequested(const ShapeVector& betas);

 private:
  QLabel* summary_ = nullptr;
  QPushButton* verify_ = nullptr;
  QPushButton* key_frame_ = nullptr;
  QPushButton* apply_shape_ = nullptr;
  std::array<QDoubleSpinBox*, kNumBetas> betas_{};
};

}  // namespace handprop::ui
