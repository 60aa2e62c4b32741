// SPDX-License-Identifier: Apache-2.0
// The whole three-stage training of seed 003 §IV as one job, for `handprop train propagator`
// and the GUI's background worker (docs/training.md "The training job"):
//   stage 1  the Hand Predictor on the project's key frames      -> OUT/stage1.ckpt
//   stage 2  the Pose Aligner alone on key-frame pairs            -> OUT/stage2.ckpt
//   stage 3  both networks on labelled/unlabelled pairs           -> OUT/propagator.ckpt
// OUT/propagator.ckpt is the model `handprop propagate --model OUT` uses; OUT/stage1.ckpt is the
// seed's Baseline. Each stage writes its checkpoint every checkpoint_every steps and at its end,
// so an interrupted job continues with `resume`: every stage restarts from its own checkpoint when
// there is one (a finished stage is skipped), and the result is the same as an uninterrupted run
// on the CPU (the trainers' resume guarantee). One ProjectBatchSource (options.seed) feeds all
// stages; stage 2 starts from stage 1's predictor and stage 3 from stage 2's networks.
// The run is recorded in the project's runs table (kind "train": options, status, final losses,
// the checkpoint).
// Errors: InputError for bad options, an OUT folder that holds files when `resume` is off
// ("<out>: is not empty; pass --resume to continue its training"), and the trainers' and
// ProjectFrames' errors. Torch-free header.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace handprop {

struct TrainingJobOptions {
  std::string project;                // the labels (never a ground-truth store)
  std::string out_dir;                // stage1.ckpt, stage2.ckpt, propagator.ckpt
  std::vector<std::string> sequences; // train on these sequences only (e.g. a split); empty = all
  std::string hand_model = "openhand";
  int64_t stage1_steps = 4000;
  int64_t stage2_steps = 1000;
  int64_t stage3_steps = 3000;
  int batch_size = 8;                 // crops (stage 1) or pairs (stages 2, 3) per step
  int crop_size = 128;
  double learning_rate = 5e-5;        // Adam, every stage (Hasson's value)
  int max_gap = 10;                   // the pair sampler's Delta
  int64_t checkpoint_every = 500;
  bool resume = false;
  uint64_t seed = 0;
  std::string device = "auto";
  int threads = 0;                    // 0 = DefaultComputeThreads()
  std::string Check() const;
};

struct TrainingJobProgress {
  int stage = 1;              // 1, 2, 3
  int64_t step = 0;           // within the stage
  int64_t steps = 0;
  double loss = 0.0;          // the stage's total loss of the step just taken
  double joints_loss = 0.0;   // stage 1: the joint term (m^2); stages 2 and 3: L_f (m^2)
  double images_per_second = 0.0;
  double eta_seconds = 0.0;   // the whole job, from this stage's rate (see docs/training.md)
};

struct TrainingJobResult {
  std::string model;          // OUT/propagator.ckpt
  std::string baseline;       // OUT/stage1.ckpt
  std::string device;
  double seconds = 0.0;
  double final_loss[3] = {0.0, 0.0, 0.0};  // the last step's total loss of each stage run now
  bool cancelled = false;
};

using TrainingJobCallback = std::function<void(const TrainingJobProgress&)>;

TrainingJobResult RunTrainingJob(const TrainingJobOptions& options, const TrainingJobCallback& progress = {},
                                 const std::atomic<bool>* cancel = nullptr);

}  // namespace handprop
