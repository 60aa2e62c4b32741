// SPDX-License-Identifier: Apache-2.0
// `handprop train propagator --project P --out DIR`: the three training stages of seed 003 on a
// project's key frames (core/train/training_job.h), with a progress line (stage, step, loss,
// images/s, ETA) and the device used.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <string>

#include "app/command_table.h"
#include "app/commands/cli_support.h"
#include "app/commands/interrupt.h"
#include "app/commands/progress_line.h"
#include "core/data/synth_manifest_reader.h"
#include "core/train/training_job.h"
#include "core/util/error.h"

namespace handprop::cli {
namespace {

int RunTrainPropagator(int argc, char** argv) {
  CLI::App app{"Train the Single-frame Hand Predictor and the Pose Aligner (seed 003's three stages) on a project's "
               "key frames. Writes OUT/stage1.ckpt (the single-frame baseline), OUT/stage2.ckpt and "
               "OUT/propagator.ckpt (the model for `handprop propagate`).",
               "handprop train propagator"};
  TrainingJobOptions o;
  app.add_option("--project,-p", o.project, "project whose manual, corrected and verified labels are the training targets")
      ->required();
  app.add_option("--out,-o", o.out_dir, "training folder for the checkpoints")->required();
  app.add_option("--device", o.device, "auto | cpu | cuda | cuda:N")->capture_default_str();
  app.add_option("--threads", o.threads, "CPU threads (0 = every core)")->capture_default_str();
  app.add_option("--stage1-steps", o.stage1_steps, "optimizer steps of stage 1 (predictor)")->capture_default_str();
  app.add_option("--stage2-steps", o.stage2_steps, "optimizer steps of stage 2 (aligner)")->capture_default_str();
  app.add_option("--stage3-steps", o.stage3_steps, "optimizer steps of stage 3 (both)")->capture_default_str();
  app.add_option("--batch-size", o.batch_size, "crops (stage 1) or frame pairs (stages 2, 3) per step")->capture_default_str();
  app.add_option("--crop-size", o.crop_size, "side of the square hand crops, pixels")->capture_default_str();
  app.add_option("--lr", o.learning_rate, "Adam learning rate")->capture_default_str();
  app.add_option("--max-gap", o.max_gap, "Delta: unlabelled partners lie closer than this many frames")->capture_default_str();
  app.add_option("--checkpoint-every", o.checkpoint_every, "steps between checkpoints")->capture_default_str();
  app.add_option("--seed", o.seed, "seed of initialisation, sampling and augmentation")->capture_default_str();
  app.add_option("--hand-model", o.hand_model, "openhand or a model file")->capture_default_str();
  std::string split, manifest;
  app.add_option("--sequences", o.sequences, "train on these sequences only (default: every video)")->delimiter(',');
  app.add_option("--split", split, "train on one split of a synthetic project (e.g. train), read from its synth.json");
  app.add_option("--manifest", manifest, "the synth.json for --split (default: next to the project)");
  app.add_flag("--resume", o.resume, "continue the training in OUT from its checkpoints");
  if (const auto code = ParseOrExit(app, argc, argv)) return *code;
  if (!split.empty()) {
    if (!o.sequences.empty()) throw InputError("--split and --sequences: give one of them");
    if (manifest.empty()) manifest = (std::filesystem::path(o.project).parent_path() / "synth.json").string();
    o.sequences = SynthSplitSequences(manifest, split);
  }
  ThrowIfInvalid("train propagator", o.Check());

  ProgressLine line;
  int last_stage = 0;
  const TrainingJobResult r = RunTrainingJob(o, [&](const TrainingJobProgress& p) {
    if (p.stage != last_stage && last_stage != 0) line.Finish();
    last_stage = p.stage;
    char text[256];
    std::snprintf(text, sizeof text, "stage %d/3  step %lld/%lld  loss %.3e  %s %.2e  %.1f img/s  ETA %s", p.stage,
                  static_cast<long long>(p.step), static_cast<long long>(p.steps), p.loss,
                  p.stage == 1 ? "joints" : "L_f", p.joints_loss, p.images_per_second, FormatDuration(p.eta_seconds).c_str());
    line.Update(text, p.step == p.steps);
  }, CancelOnInterrupt());
  line.Finish();
  std::printf("device: %s\ntime: %s\n", r.device.c_str(), FormatDuration(r.seconds).c_str());
  if (r.cancelled) {
    std::printf("cancelled: the checkpoints in %s hold the steps done; add --resume to continue\n", o.out_dir.c_str());
  } else {
    std::printf("baseline (stage 1): %s\nmodel: %s\n", r.baseline.c_str(), r.model.c_str());
  }
  return kExitOk;
}

}  // namespace

int RunTrainCommand(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "propagator") return RunTrainPropagator(argc - 1, argv + 1);
  std::fprintf(stderr, "Usage: handprop train propagator --project P --out DIR [options]\n");
  return (argc >= 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) ? kExitOk : kExitBadInput;
}

}  // namespace handprop::cli
