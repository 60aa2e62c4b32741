// SPDX-License-Identifier: Apache-2.0
// HandProp Studio's main window: the hand viewport with the controls panel at its side. It
// poses the model live with core's HandLbs whenever a control changes (well under a frame for
// a 778-vertex hand). GUI thread only.
#pragma once

#include <QMainWindow>
#include <memory>

#include "core/model/hand_model.h"
#include "core/model/lbs.h"
#include "ui/studio/hand_controls_panel.h"
#include "ui/viewport/hand_viewport.h"

namespace handprop::ui {

class StudioWindow : public QMainWindow {
  Q_OBJECT

 public:
  // Takes the (validated) model; shows it in the mean pose with zero shape.
  explicit StudioWindow(HandModel model, QWidget* parent = nullptr);

  HandViewport* viewport() const { return viewport_; }
  HandControlsPanel* controls() const { return controls_; }
  // The parameters the controls currently describe (absolute pose, shape, zero translation).
  HandParams CurrentParams() const;

 protected:
  // Frames the hand once the viewport has its real size.
  void showEvent(QShowEvent* event) override;

 private:
  void UpdateHand();
  void UpdateDisplay();

  std::unique_ptr<const HandModel> model_;  // stable address: lbs_ refers to it
  std::unique_ptr<HandLbs> lbs_;
  HandViewport* viewport_ = nullptr;
  HandControlsPanel* controls_ = nullptr;
  bool framed_ = false;
};

}  // namespace handprop::ui
