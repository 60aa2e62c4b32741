// SPDX-License-Identifier: Apache-2.0
// `handprop synth --preset tiny|demo|bench --out DIR [--seed N] [overrides]`: the synthetic
// sparsely labelled multi-view hand videos (core/data/synth_job.h).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <unistd.h>

#include "app/command_table.h"
#include "app/commands/cli_support.h"
#include "core/data/synth_job.h"
#include "core/util/error.h"

namespace handprop::cli {
namespace {

// Flags that override the preset only when given.
struct SynthOverrides {
  int sequences = 0, test_sequences = 0, cameras = 0, frames = 0, size = 0, key_spacing = 0;
  int train_subjects = 0, test_subjects = 0, train_backgrounds = 0, test_backgrounds = 0;
  double fps = 0.0, speed = 0.0, gesture_rate = 0.0;
};

void PrintResult(const SynthResult& r) {
  std::printf("wrote %s in %.1f s: %d sequences, %d views, %d images (%d labelled key frames)\n", r.out.c_str(), r.seconds,
              r.sequences, r.views, r.images, r.labelled_images);
  std::printf("  project       %s\n  ground truth  %s (kept apart from the labels)\n", r.project_path.c_str(),
              r.ground_truth_path.c_str());
}

}  // namespace

int RunSynthCommand(int argc, char** argv) {
  CLI::App app{"Render a sparsely labelled, multi-view synthetic hand video dataset and import it into a project.",
               "handprop synth"};
  std::string preset = "demo";
  SynthOptions base;
  std::string format = "mp4";
  SynthOverrides o;
  app.add_option("--preset", preset, "tiny (tests, seconds), demo (README, < 1 min) or bench (accuracy benchmark)")
      ->capture_default_str();
  app.add_option("--out,-o", base.out, "output folder (must not exist or be empty)")->required();
  app.add_option("--seed", base.seed, "random seed: same seed, same bytes")->capture_default_str();
  app.add_option("--model,-m", base.model, "'openhand' or a converted MANO file (right hand)")->capture_default_str();
  app.add_option("--backgrounds", base.backgrounds, "folder of background photos (default: procedural textures)");
  app.add_option("--format", format, "mp4 (H.264) or png (frame folders)")->capture_default_str();
  app.add_option("--threads", base.threads, "worker threads (0 = every core)")->capture_default_str();
  CLI::Option* sequences = app.add_option("--train-sequences", o.sequences, "training sequences");
  CLI::Option* test_sequences = app.add_option("--test-sequences", o.test_sequences, "test sequences (unseen subjects and backgrounds)");
  CLI::Option* train_subjects = app.add_option("--train-subjects", o.train_subjects, "training subjects");
  CLI::Option* test_subjects = app.add_option("--test-subjects", o.test_subjects, "held-out subjects");
  CLI::Option* train_backgrounds = app.add_option("--train-backgrounds", o.train_backgrounds, "background pool of training sequences");
  CLI::Option* test_backgrounds = app.add_option("--test-backgrounds", o.test_backgrounds, "held-out background pool of test sequences");
  CLI::Option* cameras = app.add_option("--cameras", o.cameras, "cameras of the cube rig, 1-8");
  CLI::Option* frames = app.add_option("--frames", o.frames, "frames per sequence");
  CLI::Option* size = app.add_option("--size", o.size, "image side in pixels");
  CLI::Option* fps = app.add_option("--fps", o.fps, "frames per second");
  CLI::Option* speed = app.add_option("--speed", o.speed, "motion speed factor (2 = twice as fast)");
  CLI::Option* gesture_rate = app.add_option("--gesture-rate", o.gesture_rate, "fast gestures per second");
  CLI::Option* key_spacing = app.add_option("--key-spacing", o.key_spacing, "a labelled key frame every N frames");
  if (auto code = ParseOrExit(app, argc, argv)) return *code;

  SynthOptions options = SynthPreset(preset);
  options.out = base.out;
  options.seed = base.seed;
  options.model = base.model;
  options.backgrounds = base.backgrounds;
  options.threads = base.threads;
  if (format != "mp4" && format != "png") throw InputError("--format " + format + ": expected mp4 or png");
  options.video_format = format == "mp4" ? SynthVideoFormat::kMp4 : SynthVideoFormat::kPng;
  if (*sequences) options.num_train_sequences = o.sequences;
  if (*test_sequences) options.num_test_sequences = o.test_sequences;
  if (*train_subjects) options.subjects.num_train_subjects = o.train_subjects;
  if (*test_subjects) options.subjects.num_test_subjects = o.test_subjects;
  if (*train_backgrounds) options.num_train_backgrounds = o.train_backgrounds;
  if (*test_backgrounds) options.num_test_backgrounds = o.test_backgrounds;
  if (*cameras) options.rig.num_cameras = o.cameras;
  if (*frames) options.motion.num_frames = o.frames;
  if (*size) options.rig.image_size = o.size;
  if (*fps) options.motion.fps = o.fps;
  if (*speed) options.motion.speed = o.speed;
  if (*gesture_rate) options.motion.gesture_rate_hz = o.gesture_rate;
  if (*key_spacing) options.key_frame_spacing = o.key_spacing;
  ThrowIfInvalid("synth", options.Check());

  // A progress line for people at a terminal; logs and pipes get only the summary.
  SynthProgress progress;
  if (::isatty(::fileno(stderr))) {
    progress = [](int done, int total) {
      std::fprintf(stderr, "\rrendered %d/%d views", done, total);
      if (done == total) std::fputc('\n', stderr);
    };
  }
  const SynthResult result = RunSynth(options, progress);
  PrintResult(result);
  return kExitOk;
}

}  // namespace handprop::cli
