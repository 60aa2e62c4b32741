// SPDX-License-Identifier: Apache-2.0
// The annotation workspace's keyboard commands, their default keys and the user's overrides
// (docs/timeline.md has the table and which tool each default follows). Each command has a
// list of key sequences (a primary one and aliases). Overrides live in QSettings group
// "shortcuts": one entry per command whose keys differ from the defaults, written as
// QKeySequence::listToString in PortableText ("" = no key), plus "step_frames".
// Plain value type; the QAction and QSettings calls belong on the GUI thread.
#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>
#include <vector>

class QAction;
class QSettings;

namespace handprop::ui {

struct ShortcutCommand {
  const char* id;                 // "frame.next", ...
  const char* label;              // shown in menus and the shortcut dialog
  const char* default_keys;       // PortableText, aliases separated by "; "
  const char* follows;            // the tool(s) whose convention the default copies
};

class ShortcutMap {
 public:
  static constexpr int kDefaultStepFrames = 10;

  // Every command, in menu order.
  static const std::vector<ShortcutCommand>& Commands();
  static bool IsCommand(const QString& id);

  ShortcutMap();  // the defaults

  // Keys of a known command (an unknown id is a bug: HP_CHECK).
  QList<QKeySequence> Keys(const QString& id) const;
  void SetKeys(const QString& id, const QList<QKeySequence>& keys);
  static QList<QKeySequence> DefaultKeys(const QString& id);
  // Frames moved by "frame.step_forward" / "frame.step_back" (>= 1).
  int step_frames() const { return step_frames_; }
  void set_step_frames(int frames);
  void ResetToDefaults();

  // Reads group "shortcuts"; missing entries keep the defaults, unknown ids are ignored, a
  // step_frames below 1 or unreadable keeps the default.
  void Load(QSettings& settings);
  // Writes group "shortcuts" (only what differs from the defaults, stale entries removed).
  void Save(QSettings& settings) const;

  // "" when no key sequence belongs to two commands, else one line per clash:
  // "Ctrl+Right is used by frame.next and keyframe.next".
  QString Conflicts() const;

  // Gives the action the command's keys (and its label as text when the action has none).
  void Apply(QAction* action, const QString& id) const;

  bool operator==(const ShortcutMap& other) const;

 private:
  int IndexOf(const QString& id) const;

  std::vector<QList<QKeySequence>> keys_;  // indexed like Commands()
  int step_frames_ = kDefaultStepFrames;
};

}  // namespace handprop::ui
