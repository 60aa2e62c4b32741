// SPDX-License-Identifier: Apache-2.0
// Main for the ui tests that need a QApplication: creates it, then runs GoogleTest. Without any
// display it falls back to the "offscreen" platform, where the OpenGL tests skip themselves
// (build-env.md §6); under xvfb-run they run for real. Seeds like tests/support/test_main.cc.
#include <gtest/gtest.h>

#include <QApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <cstdlib>

namespace {
class SeedEveryTest : public ::testing::EmptyTestEventListener {
  void OnTestStart(const ::testing::TestInfo&) override { std::srand(1234); }
};

bool HasDisplay() {
  for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return true;
  }
  return false;
}
}  // namespace

int main(int argc, char** argv) {
  if (!HasDisplay()) setenv("QT_QPA_PLATFORM", "offscreen", 1);
  QApplication app(argc, argv);
  // Settings (recent projects, window layout, shortcuts) go to a folder of this run, never the
  // user's configuration.
  QTemporaryDir settings;
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::UnitTest::GetInstance()->listeners().Append(new SeedEveryTest);
  return RUN_ALL_TESTS();
}
