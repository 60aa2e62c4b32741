// SPDX-License-Identifier: Apache-2.0
#include "ui/studio/studio_app.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QIcon>
#include <QImage>
#include <QMessageBox>
#include <QTimer>
#include <QWindow>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "core/model/hand_model_io.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/option_check.h"
#include "core/util/version.h"
#include "ui/studio/studio_window.h"

namespace handprop::ui {
namespace {

constexpr const char* kProgram = "handprop-studio";
constexpr int kExposeTimeoutMs = 5000;

void AddOptions(QCommandLineParser& parser) {
  parser.setApplicationDescription(QStringLiteral("HandProp Studio: view and pose the hand model."));
  parser.addOption({QStringLiteral("model"), QStringLiteral("Hand model: openhand (built in) or a model file."),
                    QStringLiteral("openhand|FILE"), QStringLiteral("openhand")});
  parser.addOption({QStringLiteral("screenshot"), QStringLiteral("Render the window once into this PNG and exit."),
                    QStringLiteral("out.png")});
  parser.addOption({QStringLiteral("size"), QStringLiteral("Window size in pixels (default 1280x800)."),
                    QStringLiteral("WxH")});
  parser.addOption({QStringLiteral("project"), QStringLiteral("Open this project (.hpj)."), QStringLiteral("P")});
  parser.addOption({QStringLiteral("video"), QStringLiteral("With --project: the video to show (id, path or file name)."),
                    QStringLiteral("V")});
  parser.addOption({QStringLiteral("frame"), QStringLiteral("With --project: the frame to show (default 0)."), QStringLiteral("N")});
  parser.addOption({QStringLiteral("propagation-model"),
                    QStringLiteral("With --project: the trained propagation model (a training folder) for the Propagate menu."),
                    QStringLiteral("DIR")});
  parser.addOption({QStringLiteral("view"), QStringLiteral("The large view: overlay (frame and hand) or 3d."),
                    QStringLiteral("overlay|3d"), QStringLiteral("overlay")});
  parser.addOption({QStringLiteral("pose"), QStringLiteral("Initial pose: mean (the model's mean pose) or flat."),
                    QStringLiteral("mean|flat"), QStringLiteral("mean")});
}

// --help and --version must work without a display, so they are answered before QApplication.
bool WantsHelpOrVersion(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    for (const char* flag : {"--help", "-h", "--help-all", "--version", "-v"})
      if (std::strcmp(argv[i], flag) == 0) return true;
  return false;
}

// Waits (event loop running) until the window is on screen, at most kExposeTimeoutMs.
void WaitUntilExposed(QWidget& window) {
  QEventLoop loop;
  QElapsedTimer elapsed;
  elapsed.start();
  QTimer poll;
  QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
    const QWindow* handle = window.windowHandle();
    if ((handle != nullptr && handle->isExposed()) || elapsed.elapsed() > kExposeTimeoutMs) loop.quit();
  });
  poll.start(10);
  loop.exec();
}

int TakeScreenshot(StudioWindow& window, const StudioOptions& options) {
  if (QGuiApplication::platformName() == QLatin1String("offscreen"))
    throw RuntimeError("--screenshot: the Qt platform 'offscreen' cannot render OpenGL; run under a display or xvfb-run");
  window.setFixedSize(options.width, options.height);
  window.show();
  WaitUntilExposed(window);
  QImage image = window.grab().toImage();  // renders the GL viewport too
  if (!window.orbit_view()->gl_error().isEmpty())
    throw RuntimeError("--screenshot: OpenGL failed: " + window.orbit_view()->gl_error().toStdString());
  if (image.size() != QSize(options.width, options.height))  // high-DPI screens give more pixels
    image = image.scaled(options.width, options.height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  WriteFileAtomicallyWith(options.screenshot, [&](const std::string& tmp) {
    if (!image.save(QString::fromStdString(tmp), "PNG"))
      throw RuntimeError(options.screenshot + ": cannot write the PNG");
  });
  return 0;
}

// Whether Qt will find a display: a windowing system or an explicitly chosen platform.
bool HasDisplay(int argc, char** argv) {
  for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return true;
  }
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "-platform") == 0) return true;
  return false;
}

// Opens options.project and seeks to options.video / options.frame. InputError naming the flag
// when the video is not in the project or the frame is past its end.
void OpenAtCursor(StudioWindow& window, const StudioOptions& options) {
  window.OpenProject(options.project);
  const std::vector<VideoRecord>& videos = window.session()->videos();
  if (videos.empty()) throw InputError(options.project + ": the project has no videos");
  const VideoRecord* chosen = &videos.front();
  if (!options.video.empty()) {
    chosen = nullptr;
    for (const VideoRecord& video : videos) {
      const std::string name = std::filesystem::path(video.path).filename().string();
      if (std::to_string(video.id) == options.video || video.path == options.video || name == options.video) chosen = &video;
    }
    if (chosen == nullptr) throw InputError("--video: '" + options.video + "' is not a video of " + options.project);
  }
  if (options.frame >= chosen->frame_count)
    throw InputError("--frame: " + std::to_string(options.frame) + " is past the end of " + chosen->path + " (" +
                     std::to_string(chosen->frame_count) + " frames)");
  window.SeekTo(chosen->id, options.frame);
}

}  // namespace

std::string StudioOptions::Check() const {
  HP_OPTION_CHECK(!model.empty(), "model must not be empty");
  HP_OPTION_CHECK_GE(width, kMinSize);
  HP_OPTION_CHECK_LE(width, kMaxSize);
  HP_OPTION_CHECK_GE(height, kMinSize);
  HP_OPTION_CHECK_LE(height, kMaxSize);
  HP_OPTION_CHECK(pose == "mean" || pose == "flat", "--pose must be mean or flat");
  HP_OPTION_CHECK(view == "overlay" || view == "3d", "--view must be overlay or 3d");
  HP_OPTION_CHECK(frame >= 0, "--frame must be >= 0");
  HP_OPTION_CHECK(!project.empty() || (video.empty() && frame == 0 && propagation_model.empty()),
                  "--video, --frame and --propagation-model need --project");
  return {};
}

StudioOptions ParseStudioArguments(const QStringList& arguments) {
  QCommandLineParser parser;
  AddOptions(parser);
  if (!parser.parse(arguments)) throw InputError(parser.errorText().toStdString());
  if (!parser.positionalArguments().isEmpty())
    throw InputError("unexpected argument '" + parser.positionalArguments().first().toStdString() + "'");
  StudioOptions options;
  options.model = parser.value(QStringLiteral("model")).toStdString();
  options.screenshot = parser.value(QStringLiteral("screenshot")).toStdString();
  options.pose = parser.value(QStringLiteral("pose")).toStdString();
  options.project = parser.value(QStringLiteral("project")).toStdString();
  options.video = parser.value(QStringLiteral("video")).toStdString();
  options.view = parser.value(QStringLiteral("view")).toStdString();
  options.propagation_model = parser.value(QStringLiteral("propagation-model")).toStdString();
  if (parser.isSet(QStringLiteral("frame"))) {
    bool ok = false;
    options.frame = parser.value(QStringLiteral("frame")).toInt(&ok);
    if (!ok) throw InputError("--frame: '" + parser.value(QStringLiteral("frame")).toStdString() + "' is not a frame number");
  }
  if (parser.isSet(QStringLiteral("screenshot")) && options.screenshot.empty())
    throw InputError("--screenshot: the path must not be empty");
  if (parser.isSet(QStringLiteral("size"))) {
    const QString text = parser.value(QStringLiteral("size"));
    const QStringList parts = text.split(QLatin1Char('x'));
    bool ok_w = false, ok_h = false;
    if (parts.size() == 2) {
      options.width = parts[0].toInt(&ok_w);
      options.height = parts[1].toInt(&ok_h);
    }
    if (!ok_w || !ok_h) throw InputError("--size: '" + text.toStdString() + "' is not WxH, e.g. 1280x800");
  }
  const std::string problem = options.Check();
  if (!problem.empty()) throw InputError((problem.rfind("width", 0) == 0 || problem.rfind("height", 0) == 0 ? "--size: " : "") + problem);
  return options;
}

int RunStudio(const StudioOptions& options) {
  const bool interactive = options.screenshot.empty();
  HandModel model;
  try {
    model = LoadHandModelByName(options.model);
  } catch (const std::exception& e) {
    const int code = dynamic_cast<const InputError*>(&e) != nullptr ? 1 : 2;
    if (interactive)
      QMessageBox::critical(nullptr, QStringLiteral("HandProp Studio"),
                            QStringLiteral("Cannot open the hand model.\n\n%1").arg(QString::fromStdString(e.what())));
    else
      std::cerr << kProgram << ": " << e.what() << "\n";
    return code;
  }
  StudioWindow window(std::move(model));
  window.SetHandModelSpec(options.model);
  window.SetPropagationModel(QString::fromStdString(options.propagation_model));
  HandControlsState initial = window.controls()->State();
  initial.mean_pose = options.pose == "mean";
  window.controls()->SetState(initial);
  if (!interactive) {
    window.presenter()->set_decode_wait(std::chrono::seconds(60));  // the picture must be in it
    window.SetRememberSettings(false);
  }
  if (!options.project.empty()) {
    try {
      OpenAtCursor(window, options);
    } catch (const std::exception& e) {
      const int code = dynamic_cast<const InputError*>(&e) != nullptr ? 1 : 2;
      if (interactive)
        QMessageBox::critical(nullptr, QStringLiteral("HandProp Studio"), QString::fromStdString(e.what()));
      else
        std::cerr << kProgram << ": " << e.what() << "\n";
      if (!interactive) return code;
    }
  }
  window.ShowView(QString::fromStdString(options.view));
  if (!interactive) {
    try {
      return TakeScreenshot(window, options);
    } catch (const std::exception& e) {
      std::cerr << kProgram << ": " << e.what() << "\n";
      return dynamic_cast<const InputError*>(&e) != nullptr ? 1 : 2;
    }
  }
  window.resize(options.width, options.height);
  window.show();
  QTimer::singleShot(0, &window, [&window] {
    if (!window.orbit_view()->gl_error().isEmpty())
      QMessageBox::warning(&window, QStringLiteral("HandProp Studio"),
                           QStringLiteral("The 3D view is unavailable: %1").arg(window.orbit_view()->gl_error()));
  });
  return QApplication::exec();
}

int StudioMain(int argc, char** argv) {
  // Without a display QApplication aborts with a long message; check the flags, then say it in
  // one line instead.
  if (!HasDisplay(argc, argv)) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
    try {
      ParseStudioArguments(arguments);
    } catch (const InputError& e) {
      std::cerr << kProgram << ": " << e.what() << "\n";
      return 1;
    }
    std::cerr << kProgram << ": no display to open a window on (DISPLAY is not set); for --screenshot run under xvfb-run -a\n";
    return 2;
  }
  if (WantsHelpOrVersion(argc, argv)) {
    QCoreApplication app(argc, argv);  // no display needed to print
    QCoreApplication::setApplicationName(QString::fromLatin1(kProgram));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(kVersion));
    QCommandLineParser parser;
    AddOptions(parser);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    if (!parser.parse(QCoreApplication::arguments())) {
      std::cerr << kProgram << ": " << parser.errorText().toStdString() << "\n";
      return 1;
    }
    if (parser.isSet(version)) parser.showVersion();
    parser.showHelp(0);
  }
  QApplication app(argc, argv);
  QApplication::setApplicationName(QString::fromLatin1(kProgram));
  QApplication::setApplicationVersion(QString::fromLatin1(kVersion));
  QApplication::setOrganizationName(QStringLiteral("HandProp"));  // settings: ~/.config/HandProp/handprop-studio.conf
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/handprop/icons/handprop.svg")));
  StudioOptions options;
  try {
    options = ParseStudioArguments(QApplication::arguments());
  } catch (const InputError& e) {
    std::cerr << kProgram << ": " << e.what() << "\n";
    return 1;
  }
  return RunStudio(options);
}

}  // namespace handprop::ui
