// SPDX-License-Identifier: Apache-2.0
// The "Keyboard shortcuts" dialog: one row per ShortcutMap command with two QKeySequenceEdits
// (primary key and alias), the step size N, "Reset to defaults", and a message naming any key
// used by two commands; OK is disabled while a conflict remains. OK stores the edited map in
// the caller's ShortcutMap and saves it to the caller's QSettings; Cancel changes nothing.
// GUI thread only; `map` and `settings` must outlive the dialog.
#pragma once

#include <QDialog>
#include <vector>

#include "ui/timeline/shortcut_map.h"

class QKeySequenceEdit;
class QLabel;
class QPushButton;
class QSettings;
class QSpinBox;

namespace handprop::ui {

class ShortcutDialog : public QDialog {
  Q_OBJECT

 public:
  static constexpr int kEditsPerCommand = 2;  // primary key, alias (more aliases stay as loaded)

  ShortcutDialog(ShortcutMap* map, QSettings* settings, QWidget* parent = nullptr);

  // The map as edited so far, and what the dialog shows about it (for tests and the caller).
  const ShortcutMap& edited() const { return edited_; }
  QKeySequenceEdit* Editor(const QString& id, int slot) const;
  QSpinBox* step_box() const { return step_box_; }
  QString conflict_text() const;
  QPushButton* ok_button() const { return ok_button_; }
  QPushButton* reset_button() const { return reset_button_; }

  void accept() override;

 private:
  void ShowMap();       // edits <- edited_
  void ReadEdits();     // edited_ <- edits, then refresh the conflict message
  void ShowConflicts();

  ShortcutMap* map_;
  QSettings* settings_;
  ShortcutMap edited_;
  std::vector<QKeySequenceEdit*> edits_;  // kEditsPerCommand per command, in command order
  QSpinBox* step_box_ = nullptr;
  QLabel* conflict_label_ = nullptr;
  QPushButton* ok_button_ = nullptr;
  QPushButton* reset_button_ = nullptr;
  bool showing_ = false;
};

}  // namespace handprop::ui
