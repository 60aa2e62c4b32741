// SPDX-License-Identifier: Apache-2.0
#include "ui/timeline/shortcut_dialog.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace handprop::ui {

ShortcutDialog::ShortcutDialog(ShortcutMap* map, QSettings* settings, QWidget* parent)
    : QDialog(parent), map_(map), settings_(settings), edited_(*map) {
  setWindowTitle(tr("Keyboard shortcuts"));
  auto* grid = new QGridLayout;
  grid->addWidget(new QLabel(tr("<b>Command</b>")), 0, 0);
  grid->addWidget(new QLabel(tr("<b>Key</b>")), 0, 1);
  grid->addWidget(new QLabel(tr("<b>Alias</b>")), 0, 2);
  const auto& commands = ShortcutMap::Commands();
  for (size_t i = 0; i < commands.size(); ++i) {
    auto* label = new QLabel(tr(commands[i].label));
    label->setToolTip(tr("%1 — default follows %2").arg(QLatin1String(commands[i].id), QLatin1String(commands[i].follows)));
    grid->addWidget(label, static_cast<int>(i) + 1, 0);
    for (int slot = 0; slot < kEditsPerCommand; ++slot) {
      auto* edit = new QKeySequenceEdit(this);
      edit->setObjectName(QStringLiteral("%1/%2").arg(QLatin1String(commands[i].id)).arg(slot));
      connect(edit, &QKeySequenceEdit::keySequenceChanged, this, [this] { ReadEdits(); });
      grid->addWidget(edit, static_cast<int>(i) + 1, slot + 1);
      edits_.push_back(edit);
    }
  }
  step_box_ = new QSpinBox(this);
  step_box_->setRange(1, 100000);
  connect(step_box_, &QSpinBox::valueChanged, this, [this] { ReadEdits(); });
  const int step_row = static_cast<int>(commands.size()) + 1;
  grid->addWidget(new QLabel(tr("Step N (frames)")), step_row, 0);
  grid->addWidget(step_box_, step_row, 1);

  conflict_label_ = new QLabel(this);
  conflict_label_->setStyleSheet(QStringLiteral("color: #d55e00"));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults);
  ok_button_ = buttons->button(QDialogButtonBox::Ok);
  reset_button_ = buttons->button(QDialogButtonBox::RestoreDefaults);
  reset_button_->setText(tr("Reset to defaults"));
  connect(buttons, &QDialogButtonBox::accepted, this, &ShortcutDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &ShortcutDialog::reject);
  connect(reset_button_, &QPushButton::clicked, this, [this] {
    edited_.ResetToDefaults();
    ShowMap();
  });

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(grid);
  layout->addWidget(conflict_label_);
  layout->addWidget(buttons);
  ShowMap();
}

QKeySequenceEdit* ShortcutDialog::Editor(const QString& id, int slot) const {
  const auto& commands = ShortcutMap::Commands();
  for (size_t i = 0; i < commands.size(); ++i)
    if (id == QLatin1String(commands[i].id) && slot >= 0 && slot < kEditsPerCommand) return edits_[i * kEditsPerCommand + slot];
  return nullptr;
}

QString ShortcutDialog::conflict_text() const { return conflict_label_->text(); }

void ShortcutDialog::ShowMap() {
  showing_ = true;
  const auto& commands = ShortcutMap::Commands();
  for (size_t i = 0; i < commands.size(); ++i) {
    const QList<QKeySequence> keys = edited_.Keys(QLatin1String(commands[i].id));
    for (int slot = 0; slot < kEditsPerCommand; ++slot)
      edits_[i * kEditsPerCommand + slot]->setKeySequence(slot < keys.size() ? keys[slot] : QKeySequence());
  }
  step_box_->setValue(edited_.step_frames());
  showing_ = false;
  ShowConflicts();
}

void ShortcutDialog::ReadEdits() {
  if (showing_) return;
  const auto& commands = ShortcutMap::Commands();
  for (size_t i = 0; i < commands.size(); ++i) {
    const QString id = QLatin1String(commands[i].id);
    QList<QKeySequence> keys = edited_.Keys(id);
    QList<QKeySequence> shown;
    for (int slot = 0; slot < kEditsPerCommand; ++slot) shown.append(edits_[i * kEditsPerCommand + slot]->keySequence());
    for (int extra = kEditsPerCommand; extra < keys.size(); ++extra) shown.append(keys[extra]);  // aliases not shown
    edited_.SetKeys(id, shown);
  }
  edited_.set_step_frames(step_box_->value());
  ShowConflicts();
}

void ShortcutDialog::ShowConflicts() {
  const QString conflicts = edited_.Conflicts();
  conflict_label_->setText(conflicts);
  ok_button_->setEnabled(conflicts.isEmpty());
}

void ShortcutDialog::accept() {
  if (!edited_.Conflicts().isEmpty()) return;
  *map_ = edited_;
  map_->Save(*settings_);
  settings_->sync();
  QDialog::accept();
}

}  // namespace handprop::ui
