// SPDX-License-Identifier: Apache-2.0
// ShortcutMap (defaults, conflicts, QSettings round trip, QAction) and the dialog that edits it.
#include "ui/timeline/shortcut_map.h"

#include <gtest/gtest.h>

#include <QAction>
#include <QKeySequenceEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTest>
#include <set>

#include "tests/support/test_util.h"
#include "ui/timeline/shortcut_dialog.h"

namespace handprop::ui {
namespace {

using handprop::testing::TempDir;

QList<QKeySequence> Keys(const char* text) {
  return QKeySequence::listFromString(QString::fromLatin1(text), QKeySequence::PortableText);
}

TEST(ShortcutMapTest, DefaultsAreCompleteAndConflictFree) {
  const ShortcutMap map;
  EXPECT_EQ(map.Conflicts(), QString());
  std::set<std::string> ids;
  for (const ShortcutCommand& command : ShortcutMap::Commands()) {
    EXPECT_TRUE(ids.insert(command.id).second) << command.id;
    EXPECT_FALSE(map.Keys(QLatin1String(command.id)).isEmpty()) << command.id;
  }
  for (const char* id : {"frame.next", "frame.prev", "frame.step_forward", "frame.step_back", "keyframe.next",
                         "keyframe.prev", "frame.next_unverified", "frame.next_uncertain", "playback.toggle",
                         "label.verify", "view.toggle_overlay"})
    EXPECT_TRUE(ShortcutMap::IsCommand(QLatin1String(id))) << id;
  EXPECT_EQ(map.Keys(QStringLiteral("frame.next")), (QList<QKeySequence>{QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_F)}));
  EXPECT_EQ(map.Keys(QStringLiteral("playback.toggle")), QList<QKeySequence>{QKeySequence(Qt::Key_Space)});
  EXPECT_EQ(map.step_frames(), 10);
}

TEST(ShortcutMapTest, ConflictsNameTheKeyAndBothCommands) {
  ShortcutMap map;
  map.SetKeys(QStringLiteral("frame.next"), Keys("Ctrl+Right"));
  EXPECT_EQ(map.Conflicts(), QStringLiteral("Ctrl+Right is used by frame.next and keyframe.next"));
  map.SetKeys(QStringLiteral("keyframe.next"), Keys("R"));
  EXPECT_EQ(map.Conflicts(), QString());
}

TEST(ShortcutMapTest, OverridesRoundTripThroughAnIniFile) {
  const TempDir dir;
  const QString path = QString::fromStdString(dir.File("studio.ini"));
  ShortcutMap map;
  map.SetKeys(QStringLiteral("frame.next"), Keys("Ctrl+N; Alt+Right"));
  map.SetKeys(QStringLiteral("view.toggle_overlay"), {});  // no key at all
  map.set_step_frames(25);
  {
    QSettings settings(path, QSettings::IniFormat);
    settings.setValue(QStringLiteral("shortcuts/frame.prev"), QStringLiteral("stale"));
    map.Save(settings);
  }
  QSettings settings(path, QSettings::IniFormat);
  EXPECT_TRUE(settings.contains(QStringLiteral("shortcuts/frame.next")));
  EXPECT_FALSE(settings.contains(QStringLiteral("shortcuts/frame.prev")));  // default again: removed
  ShortcutMap loaded;
  loaded.Load(settings);
  EXPECT_TRUE(loaded == map);
  EXPECT_EQ(loaded.Keys(QStringLiteral("frame.next")), Keys("Ctrl+N; Alt+Right"));
  EXPECT_TRUE(loaded.Keys(QStringLiteral("view.toggle_overlay")).isEmpty());
  EXPECT_EQ(loaded.step_frames(), 25);
  loaded.ResetToDefaults();
  EXPECT_TRUE(loaded == ShortcutMap());
}

TEST(ShortcutMapTest, ApplyGivesTheActionItsKeysAndLabel) {
  ShortcutMap map;
  QAction action;
  map.Apply(&action, QStringLiteral("keyframe.prev"));
  EXPECT_EQ(action.shortcuts(), Keys("Ctrl+Left; E; PgUp"));
  EXPECT_EQ(action.text(), QStringLiteral("Previous key frame"));
}

TEST(ShortcutDialogTest, ShowsConflictsResetsAndSavesOnOk) {
  const TempDir dir;
  QSettings settings(QString::fromStdString(dir.File("studio.ini")), QSettings::IniFormat);
  ShortcutMap map;
  ShortcutDialog dialog(&map, &settings);
  EXPECT_EQ(dialog.Editor(QStringLiteral("frame.next"), 1)->keySequence(), QKeySequence(Qt::Key_F));
  dialog.Editor(QStringLiteral("frame.prev"), 0)->setKeySequence(QKeySequence(Qt::Key_Right));
  EXPECT_EQ(dialog.conflict_text(), QStringLiteral("Right is used by frame.next and frame.prev"));
  EXPECT_FALSE(dialog.ok_button()->isEnabled());
  QTest::mouseClick(dialog.reset_button(), Qt::LeftButton);
  EXPECT_EQ(dialog.conflict_text(), QString());
  EXPECT_TRUE(dialog.ok_button()->isEnabled());
  EXPECT_EQ(dialog.Editor(QStringLiteral("frame.prev"), 0)->keySequence(), QKeySequence(Qt::Key_Left));

  dialog.Editor(QStringLiteral("view.toggle_overlay"), 1)->setKeySequence(QKeySequence(QStringLiteral("Ctrl+O")));
  dialog.step_box()->setValue(5);
  EXPECT_TRUE(map == ShortcutMap());  // nothing changes before OK
  QTest::mouseClick(dialog.ok_button(), Qt::LeftButton);
  EXPECT_EQ(dialog.result(), QDialog::Accepted);
  EXPECT_EQ(map.Keys(QStringLiteral("view.toggle_overlay")), Keys("O; Ctrl+O"));
  EXPECT_EQ(map.Keys(QStringLiteral("keyframe.next")), Keys("Ctrl+Right; R; PgDown"));  // the unshown alias stays
  EXPECT_EQ(map.step_frames(), 5);
  ShortcutMap saved;
  saved.Load(settings);
  EXPECT_TRUE(saved == map);
}

TEST(ShortcutDialogTest, CancelChangesNothing) {
  const TempDir dir;
  QSettings settings(QString::fromStdString(dir.File("studio.ini")), QSettings::IniFormat);
  ShortcutMap map;
  ShortcutDialog dialog(&map, &settings);
  dialog.Editor(QStringLiteral("label.verify"), 0)->setKeySequence(QKeySequence(QStringLiteral("Ctrl+K")));
  dialog.reject();
  EXPECT_TRUE(map == ShortcutMap());
  EXPECT_TRUE(settings.allKeys().isEmpty());
}

}  // namespace
}  // namespace handprop::ui
