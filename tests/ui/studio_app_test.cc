// SPDX-License-Identifier: Apache-2.0
// handprop-studio in-process: flag parsing, the screenshot mode (a PNG of the requested size,
// written atomically) and the one-line errors with their exit codes.
#include "ui/studio/studio_app.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <filesystem>
#include <set>

#include "core/io/store/sqlite_db.h"
#include "core/model/hand_model_io.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/support/test_util.h"
#include "tests/support/tiny_project.h"
#include "tests/ui/gui_test_util.h"

namespace handprop::ui {
namespace {

using handprop::testing::TempDir;

QStringList Args(std::initializer_list<const char*> flags) {
  QStringList args{QStringLiteral("handprop-studio")};
  for (const char* flag : flags) args << QString::fromUtf8(flag);
  return args;
}

std::string ParseError(std::initializer_list<const char*> flags) {
  try {
    ParseStudioArguments(Args(flags));
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(StudioArgumentsTest, DefaultsAreInteractiveOpenHand) {
  const StudioOptions options = ParseStudioArguments(Args({}));
  EXPECT_EQ(options.model, "openhand");
  EXPECT_TRUE(options.screenshot.empty());
  EXPECT_EQ(options.Check(), "");
}

TEST(StudioArgumentsTest, ReadsModelScreenshotAndSize) {
  const StudioOptions options =
      ParseStudioArguments(Args({"--model", "/data/mano_right.npz", "--screenshot", "shot.png", "--size", "800x600"}));
  EXPECT_EQ(options.model, "/data/mano_right.npz");
  EXPECT_EQ(options.screenshot, "shot.png");
  EXPECT_EQ(options.width, 800);
  EXPECT_EQ(options.height, 600);
  EXPECT_EQ(options.pose, "mean");
  EXPECT_EQ(ParseStudioArguments(Args({"--pose", "flat"})).pose, "flat");
}

TEST(StudioArgumentsTest, BadFlagsGiveOneLineNamingTheFlag) {
  EXPECT_EQ(ParseError({"--size", "800by600"}).rfind("--size: ", 0), 0u) << ParseError({"--size", "800by600"});
  EXPECT_EQ(ParseError({"--size", "100x600"}).rfind("--size: width = 100 violates", 0), 0u);
  EXPECT_EQ(ParseError({"--size", "800x"}).rfind("--size: ", 0), 0u);
  EXPECT_NE(ParseError({"--colour", "red"}).find("colour"), std::string::npos);
  EXPECT_NE(ParseError({"extra"}).find("extra"), std::string::npos);
  EXPECT_EQ(ParseError({"--screenshot", ""}).rfind("--screenshot: ", 0), 0u);
  EXPECT_EQ(ParseError({"--pose", "fist"}), "--pose must be mean or flat");
  for (const std::string& message : {ParseError({"--size", "1x1"}), ParseError({"--model"})}) {
    EXPECT_FALSE(message.empty());
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

TEST(StudioResourcesTest, IconIsCompiledIn) {
  QFile icon(QStringLiteral(":/handprop/icons/handprop.svg"));
  ASSERT_TRUE(icon.open(QIODevice::ReadOnly));
  EXPECT_TRUE(icon.readAll().contains("<svg"));
}

TEST(StudioScreenshotTest, BadModelFileFailsWithOneLineAndExitOne) {
  TempDir dir;
  const std::string bad = dir.File("broken.npz");
  WriteFileAtomically(bad, "this is not a zip archive");
  StudioOptions options;
  options.model = bad;
  options.screenshot = dir.File("out.png");
  ::testing::internal::CaptureStderr();
  const int code = RunStudio(options);
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(code, 1);
  EXPECT_EQ(err.rfind("handprop-studio: " + bad, 0), 0u) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_FALSE(std::filesystem::exists(options.screenshot));

  options.model = dir.File("missing.npz");
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(RunStudio(options), 1);
  EXPECT_NE(::testing::internal::GetCapturedStderr().find("missing.npz"), std::string::npos);
}

TEST(StudioScreenshotTest, WritesAPngOfTheRequestedSize) {
  HANDPROP_SKIP_WITHOUT_OPENGL();
  TempDir dir;
  const std::string model = dir.File("model.npz");
  SaveHandModel(model, handprop::testing::RandomHandModel(800, 11));
  StudioOptions options;
  options.model = model;
  options.screenshot = dir.File("shot.png");
  options.width = 720;
  options.height = 450;
  EXPECT_EQ(RunStudio(options), 0);

  const QImage image(QString::fromStdString(options.screenshot), "PNG");
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.width(), 720);
  EXPECT_EQ(image.height(), 450);
  std::set<QRgb> colours;  // a real window, not a blank image
  for (int y = 0; y < image.height(); y += 7)
    for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
  EXPECT_GT(colours.size(), 20u);
  // Written through a temporary file that is gone afterwards.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) files += entry.is_regular_file() ? 1 : 0;
  EXPECT_EQ(files, 2);  // model.npz and shot.png
}

TEST(StudioScreenshotTest, UnwritablePathFailsWithExitTwo) {
  HANDPROP_SKIP_WITHOUT_OPENGL();
  TempDir dir;
  const std::string model = dir.File("model.npz");
  SaveHandModel(model, handprop::testing::RandomHandModel(800, 12));
  StudioOptions options;
  options.model = model;
  options.screenshot = dir.File("no/such/folder/shot.png");
  options.width = 400;
  options.height = 320;
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(RunStudio(options), 2);
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("shot.png"), std::string::npos) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
}

TEST(StudioArgumentsTest, ReadsTheProjectCursorAndView) {
  const StudioOptions options = ParseStudioArguments(
      Args({"--project", "p.hpj", "--video", "clip.mp4", "--frame", "12", "--view", "3d", "--propagation-model", "m"}));
  EXPECT_EQ(options.project, "p.hpj");
  EXPECT_EQ(options.video, "clip.mp4");
  EXPECT_EQ(options.frame, 12);
  EXPECT_EQ(options.view, "3d");
  EXPECT_EQ(options.propagation_model, "m");
  EXPECT_EQ(ParseError({"--frame", "3"}), "--video, --frame and --propagation-model need --project");
  EXPECT_EQ(ParseError({"--project", "p.hpj", "--frame", "x"}), "--frame: 'x' is not a frame number");
  EXPECT_EQ(ParseError({"--project", "p.hpj", "--frame", "-2"}), "--frame must be >= 0");
  EXPECT_EQ(ParseError({"--view", "side"}), "--view must be overlay or 3d");
}

TEST(StudioScreenshotTest, ShowsTheRequestedFrameOfAProject) {
  HANDPROP_SKIP_WITHOUT_OPENGL();
  TempDir dir;
  const SynthResult synth = handprop::testing::RenderTinyProject(dir.File("synth"), 4);
  StudioOptions options;
  options.project = synth.project_path;
  options.video = "1";
  options.frame = 8;
  options.screenshot = dir.File("shot.png");
  options.width = 900;
  options.height = 600;
  EXPECT_EQ(RunStudio(options), 0);
  const QImage image(QString::fromStdString(options.screenshot), "PNG");
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.size(), QSize(900, 600));
}

TEST(StudioScreenshotTest, AProjectProblemIsOneLineAndExitOne) {
  HANDPROP_SKIP_WITHOUT_OPENGL();
  TempDir dir;
  const SynthResult synth = handprop::testing::RenderTinyProject(dir.File("synth"), 4);
  auto run = [&](const std::string& project, const std::string& video, int frame) {
    StudioOptions options;
    options.project = project;
    options.video = video;
    options.frame = frame;
    options.screenshot = dir.File("shot.png");
    ::testing::internal::CaptureStderr();
    const int code = RunStudio(options);
    const std::string err = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(code, 1) << err;
    EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
    return err;
  };
  EXPECT_NE(run(dir.File("missing.hpj"), "", 0).find("missing.hpj"), std::string::npos);
  EXPECT_NE(run(synth.project_path, "nine", 0).find("--video: 'nine' is not a video of"), std::string::npos);
  EXPECT_NE(run(synth.project_path, "", 500).find("--frame: 500 is past the end of"), std::string::npos);
  EXPECT_NE(run(synth.ground_truth_path, "", 0).find("ground truth"), std::string::npos);
  std::filesystem::copy_file(synth.project_path, dir.File("newer.hpj"));
  SqliteDb::Open(dir.File("newer.hpj"), {false, false, 1000}).Exec("PRAGMA user_version = 99");
  EXPECT_NE(run(dir.File("newer.hpj"), "", 0).find("newer.hpj: project schema version 99 is newer"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.File("shot.png")));
}

}  // namespace
}  // namespace handprop::ui
