// SPDX-License-Identifier: Apache-2.0
#include "ui/timeline/shortcut_map.h"

#include <QAction>
#include <QSettings>
#include <QStringList>
#include <map>

#include "core/util/error.h"

namespace handprop::ui {
namespace {

constexpr char kGroup[] = "shortcuts";
constexpr char kStepKey[] = "step_frames";

QList<QKeySequence> Parse(const char* text) {
  return QKeySequence::listFromString(QString::fromLatin1(text), QKeySequence::PortableText);
}

}  // namespace

const std::vector<ShortcutCommand>& ShortcutMap::Commands() {
  static const std::vector<ShortcutCommand> commands = {
      {"frame.next", "Next frame", "Right; F", "SLEAP (Right), CVAT (F)"},
      {"frame.prev", "Previous frame", "Left; D", "SLEAP (Left), CVAT (D)"},
      {"frame.step_forward", "Step N frames forward", "Shift+Right; V", "CVAT (V, step N in settings)"},
      {"frame.step_back", "Step N frames back", "Shift+Left; C", "CVAT (C, step N in settings)"},
      {"keyframe.next", "Next key frame", "Ctrl+Right; R; PgDown", "CVAT (R); Ctrl+arrow as Label Studio's hops"},
      {"keyframe.prev", "Previous key frame", "Ctrl+Left; E; PgUp", "CVAT (E); Ctrl+arrow as Label Studio's hops"},
      {"frame.next_unverified", "Next unverified frame", "U", "SLEAP's Ctrl+U (next user-labelled), without Ctrl"},
      {"frame.next_uncertain", "Next most uncertain frame", "Shift+U; N", "SLEAP's next suggestion, ranked by uncertainty"},
      {"playback.toggle", "Play / pause", "Space", "CVAT, aitviewer (Space)"},
      {"label.verify", "Verify label", "Ctrl+Return; Ctrl+Enter", "HandProp (confirm = Ctrl+Enter, as in dialogs)"},
      {"view.toggle_overlay", "Toggle overlay", "O", "HandProp (SLEAP/CVAT hide with H)"},
  };
  return commands;
}

bool ShortcutMap::IsCommand(const QString& id) {
  for (const ShortcutCommand& command : Commands())
    if (id == QLatin1String(command.id)) return true;
  return false;
}

int ShortcutMap::IndexOf(const QString& id) const {
  const auto& commands = Commands();
  for (size_t i = 0; i < commands.size(); ++i)
    if (id == QLatin1String(commands[i].id)) return static_cast<int>(i);
  HP_CHECK(false, "unknown shortcut command ", id.toStdString());
  return -1;
}

ShortcutMap::ShortcutMap() { ResetToDefaults(); }

void ShortcutMap::ResetToDefaults() {
  keys_.clear();
  for (const ShortcutCommand& command : Commands()) keys_.push_back(Parse(command.default_keys));
  step_frames_ = kDefaultStepFrames;
}

QList<QKeySequence> ShortcutMap::Keys(const QString& id) const { return keys_[IndexOf(id)]; }

QList<QKeySequence> ShortcutMap::DefaultKeys(const QString& id) {
  for (const ShortcutCommand& command : Commands())
    if (id == QLatin1String(command.id)) return Parse(command.default_keys);
  HP_CHECK(false, "unknown shortcut command ", id.toStdString());
  return {};
}

void ShortcutMap::SetKeys(const QString& id, const QList<QKeySequence>& keys) {
  QList<QKeySequence> kept;
  for (const QKeySequence& key : keys)
    if (!key.isEmpty() && !kept.contains(key)) kept.append(key);
  keys_[IndexOf(id)] = kept;
}

void ShortcutMap::set_step_frames(int frames) {
  HP_CHECK(frames >= 1, "step_frames ", frames, " must be at least 1");
  step_frames_ = frames;
}

void ShortcutMap::Load(QSettings& settings) {
  ResetToDefaults();
  settings.beginGroup(QLatin1String(kGroup));
  for (const ShortcutCommand& command : Commands()) {
    const QString id = QLatin1String(command.id);
    if (settings.contains(id))
      SetKeys(id, QKeySequence::listFromString(settings.value(id).toString(), QKeySequence::PortableText));
  }
  bool ok = false;
  const int step = settings.value(QLatin1String(kStepKey)).toInt(&ok);
  if (ok && step >= 1) step_frames_ = step;
  settings.endGroup();
}

void ShortcutMap::Save(QSettings& settings) const {
  settings.beginGroup(QLatin1String(kGroup));
  const auto& commands = Commands();
  for (size_t i = 0; i < commands.size(); ++i) {
    const QString id = QLatin1String(commands[i].id);
    if (keys_[i] == Parse(commands[i].default_keys))
      settings.remove(id);
    else
      settings.setValue(id, QKeySequence::listToString(keys_[i], QKeySequence::PortableText));
  }
  if (step_frames_ == kDefaultStepFrames)
    settings.remove(QLatin1String(kStepKey));
  else
    settings.setValue(QLatin1String(kStepKey), step_frames_);
  settings.endGroup();
}

QString ShortcutMap::Conflicts() const {
  std::map<QString, QStringList> users;  // key (portable text) -> command ids, in command order
  const auto& commands = Commands();
  for (size_t i = 0; i < commands.size(); ++i)
    for (const QKeySequence& key : keys_[i]) users[key.toString(QKeySequence::PortableText)].append(commands[i].id);
  QStringList lines;
  for (const auto& [key, ids] : users)
    if (ids.size() > 1) lines.append(QStringLiteral("%1 is used by %2").arg(key, ids.join(QLatin1String(" and "))));
  return lines.join(QLatin1Char('\n'));
}

void ShortcutMap::Apply(QAction* action, const QString& id) const {
  const int index = IndexOf(id);
  action->setShortcuts(keys_[index]);
  if (action->text().isEmpty()) action->setText(QString::fromUtf8(Commands()[index].label));
}

bool ShortcutMap::operator==(const ShortcutMap& other) const {
  return keys_ == other.keys_ && step_frames_ == other.step_frames_;
}

}  // namespace handprop::ui
