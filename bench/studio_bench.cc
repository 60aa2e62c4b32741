// SPDX-License-Identifier: Apache-2.0
// The studio's responsiveness on a 1080p H.264 video (issue 5's performance section), in the real
// window (run under xvfb-run or on a desktop):
//  * frame step latency = decode (FramePrefetcher) + texture upload + draw of both views, from
//    StudioWindow::StepFrames / SeekTo until glFinish returns on the overlay's context:
//    sequential at a steady 30 Hz, sequential as fast as possible, and random seeks;
//  * edit -> redraw latency of a joint rotation (slider preview) and of a keypoint drag (IK), and
//    of saving the gesture (one journal transaction) with its redraw;
//  * how long opening the project takes, and the peak memory;
//  * with --long-frames N: a long video (N frames at --long-size, default 320x180, so that writing
//    it stays quick; 18,000 frames = 10 minutes at 30 fps) with a label on every frame: opening,
//    drawing the timeline, stepping and seeking.
// The project is made in a temporary folder: the bench video (bench/bench_video.h), one hand,
// a manual label on every 10th frame and interpolated labels between them.
// Run: xvfb-run -a -s "-screen 0 1920x1080x24" build/bench/studio_bench [--frames 600] [--steps 200]
//        [--long-frames 18000]
#include <CLI/CLI.hpp>
#include <QApplication>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QSettings>
#include <QTest>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <thread>

#include "bench/bench_video.h"
#include "bench/peak_memory.h"
#include "core/io/project_io/project_transfer.h"
#include "core/model/hand_model_io.h"
#include "core/propagate/interpolated_labels.h"
#include "ui/studio/studio_window.h"

namespace {

using Clock = std::chrono::steady_clock;
using handprop::ui::StudioWindow;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

void Report(const char* what, std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))]; };
  std::printf("%-52s n=%4zu  p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms\n", what, ms.size(), at(0.5), at(0.95), ms.back());
}

// Waits until the asked-for picture has arrived (a slow seek delivers it late) and both views
// have drawn it.
void DrawNow(StudioWindow& window) {
  while (window.presenter()->frame_pending()) QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
  for (handprop::ui::HandViewport* view : {window.viewport(), window.orbit_view()}) {
    view->repaint();
    view->makeCurrent();
    view->context()->functions()->glFinish();
    view->doneCurrent();
  }
}

// One kind of interaction, timed twice: until the application has done its part (the picture
// decoded, the hand posed, the scene and the store updated) and until both views are drawn.
struct Latency {
  std::vector<double> work, total;
};

void Measure(StudioWindow& window, Latency& latency, const std::function<void()>& action) {
  const auto start = Clock::now();
  action();
  while (window.presenter()->frame_pending()) QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
  latency.work.push_back(Ms(Clock::now() - start));
  DrawNow(window);
  latency.total.push_back(Ms(Clock::now() - start));
}

void Report(const std::string& what, const Latency& latency) {
  Report((what + ": app").c_str(), latency.work);
  Report((what + ": app + draw").c_str(), latency.total);
}

// A project with the video, one right hand, a manual label every 10th frame (the built-in
// model's mean pose turning slowly, 0.45 m in front of the camera) and interpolation between.
std::string MakeProject(const std::string& folder, const std::string& video, const handprop::HandModel& model) {
  using namespace handprop;
  std::filesystem::create_directories(folder);
  const std::string path = folder + "/studio_bench.hpj";
  std::filesystem::remove(path);
  ProjectMeta meta;
  meta.name = "studio_bench";
  ProjectStore::Create(path, meta);
  AddVideoOptions add;
  add.project = path;
  add.video = video;
  const int64_t video_id = AddVideoToProject(add);
  ProjectStore store = ProjectStore::Open(path);
  const VideoRecord record = store.Video(video_id);
  HandRecord right;
  right.sequence = record.sequence;
  right.name = "right";
  const int64_t hand = store.AddHand(right);
  const HandLbs lbs(model);
  std::vector<LabelRecord> keys;
  for (int f = 0; f < record.frame_count; f += 10) {
    LabelRecord label;
    label.video_id = video_id;
    label.frame_index = f;
    label.hand_id = hand;
    label.params.pose.head<3>() = Eigen::Vector3d(0.3, 0.01 * f, 0.0);
    label.params.trans = Eigen::Vector3d(0.0, 0.0, 0.45);
    label.keypoints = lbs.Forward(label.params).keypoints;
    label.author = "bench";
    keys.push_back(label);
  }
  store.PutLabels(keys);
  store.PutLabels(InterpolatedLabels(model, store.Labels(video_id), 0, record.frame_count - 1, "bench"));
  return path;
}

// Opening a long, fully labelled video, drawing its timeline, stepping and seeking in it.
void LongVideo(StudioWindow& window, const std::string& cache_dir, int frames, const std::string& size, int steps,
               int seeks) {
  const size_t x = size.find('x');
  const int width = std::stoi(size.substr(0, x)), height = std::stoi(size.substr(x + 1));
  const std::string video = handprop::bench::EnsureBenchVideo(cache_dir, frames, width, height);
  const std::string project = MakeProject(cache_dir + "/long", video, window.session()->model());
  auto start = Clock::now();
  window.OpenProject(project);
  DrawNow(window);
  std::printf("\nlong video %s: %d frames, %lld labels; opened and drew frame 0 in %.0f ms\n", video.c_str(), frames,
              static_cast<long long>(window.session()->store().LabelCount()), Ms(Clock::now() - start));
  std::vector<double> timeline_ms;
  Latency step, seek;
  for (int i = 0; i < 30; ++i) {
    start = Clock::now();
    window.timeline()->repaint();
    timeline_ms.push_back(Ms(Clock::now() - start));
  }
  Report("timeline repaint (whole video)", timeline_ms);
  for (int i = 0; i < steps; ++i) {
    Measure(window, step, [&] { window.StepFrames(1); });
    QCoreApplication::processEvents();
  }
  Report("step forward, as fast as possible", step);
  std::mt19937 rng(12);
  std::uniform_int_distribution<int> pick(0, frames - 1);
  for (int i = 0; i < seeks; ++i) Measure(window, seek, [&] { window.SeekTo(window.current_video(), pick(rng)); });
  Report("random seek", seek);
  std::printf("peak RSS %.0f MiB\n", handprop::bench::PeakRssMiB());
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  CLI::App cli("studio_bench: frame step and edit latency of handprop-studio on 1080p H.264");
  int frames = 600;
  int steps = 200;
  int seeks = 30;
  std::string cache_dir = "/tmp/handprop_frame_step_bench";
  int long_frames = 0;
  std::string long_size = "320x180";
  cli.add_option("--frames", frames, "frames of the test video")->check(CLI::Range(100, 100000));
  cli.add_option("--steps", steps, "sequential steps per run")->check(CLI::Range(10, 100000));
  cli.add_option("--seeks", seeks, "random seeks (seed 11)")->check(CLI::Range(1, 10000));
  cli.add_option("--cache-dir", cache_dir, "folder where the test video is written and reused");
  cli.add_option("--long-frames", long_frames, "also a long video of this many frames (0: skip)")->check(CLI::Range(0, 1000000));
  cli.add_option("--long-size", long_size, "the long video's WxH");
  CLI11_PARSE(cli, argc, argv);
  steps = std::min(steps, frames / 3);

  const std::string video = handprop::bench::EnsureBenchVideo(cache_dir, frames);
  handprop::HandModel model = handprop::LoadHandModelByName("openhand");
  const std::string project = MakeProject(cache_dir, video, model);
  std::filesystem::path settings = std::filesystem::path(cache_dir) / "settings";
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, QString::fromStdString(settings.string()));

  StudioWindow window(std::move(model));
  window.resize(1600, 1000);
  window.show();
  if (!QTest::qWaitForWindowExposed(&window)) {
    std::fprintf(stderr, "studio_bench: the window was never shown (no display?)\n");
    return 2;
  }
  const auto open_start = Clock::now();
  window.OpenProject(project);
  DrawNow(window);
  std::printf("studio_bench: %s, %d frames; window 1600x1000; opened the project and drew frame 0 in %.0f ms\n",
              video.c_str(), frames, Ms(Clock::now() - open_start));

  const int64_t video_id = window.current_video();
  auto step_run = [&](const char* name, int first, bool paced) {
    window.SeekTo(video_id, first);
    DrawNow(window);
    Latency latency;
    for (int i = 0; i < steps; ++i) {
      const auto start = Clock::now();
      Measure(window, latency, [&] { window.StepFrames(1); });
      QCoreApplication::processEvents();
      if (paced) std::this_thread::sleep_until(start + std::chrono::microseconds(33333));
    }
    Report(name, latency);
  };
  step_run("step forward at 30 Hz", 1, true);
  step_run("step forward, as fast as possible", frames / 3, false);

  std::mt19937 rng(11);
  std::uniform_int_distribution<int> pick(0, frames - 1);
  Latency seek;
  for (int i = 0; i < seeks; ++i) Measure(window, seek, [&] { window.SeekTo(video_id, pick(rng)); });
  Report("random seek", seek);

  // Edits on a key frame: a slider drag, then a fingertip drag, then saving each.
  window.SeekTo(video_id, 20);
  DrawNow(window);
  handprop::ui::LabelEditor& editor = *window.editor();
  Latency rotate, drag, commit;
  for (int i = 0; i < 60; ++i)
    Measure(window, rotate, [&] { editor.PreviewJointAngles(5, Eigen::Vector3d(10.0 + 0.5 * i, 0.0, 0.0)); });
  Measure(window, commit, [&] { editor.Commit(QStringLiteral("Rotate middle_2")); });
  const handprop::CameraIntrinsics camera = window.session()->IntrinsicsAt(video_id, 20);
  for (int stroke = 0; stroke < 5; ++stroke) {
    const Eigen::Vector2d tip = handprop::Project(camera, Eigen::Vector3d(editor.working()->keypoints.col(8)));
    for (int i = 1; i <= 30; ++i)
      Measure(window, drag, [&] {
        editor.PreviewKeypointDrag(8, tip + Eigen::Vector2d(0.8 * i, (stroke % 2 == 0 ? 0.4 : -0.4) * i));
      });
    Measure(window, commit, [&] { editor.Commit(QStringLiteral("Drag keypoint 8")); });
  }
  Report("joint rotation", rotate);
  Report("keypoint drag (IK)", drag);
  Report("save the gesture (journal edit)", commit);
  std::printf("peak RSS %.0f MiB\n", handprop::bench::PeakRssMiB());
  if (long_frames > 0) LongVideo(window, cache_dir, long_frames, long_size, steps, seeks);
  return 0;
}
