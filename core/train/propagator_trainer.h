// SPDX-License-Identifier: Apache-2.0
// Stages (ii) and (iii) of seed 003 §IV (docs/training.md "Stages 2 and 3"): the Pose Alignment
// network trained on frame pairs drawn by PairSampler, with the Single-frame Hand Predictor
//   stage 2: frozen (eval mode, no gradient); labelled-labelled pairs; loss = L_align
//   stage 3: trained too; labelled/unlabelled pairs; loss = L_pred(a) + lambda L_align
// where L_align is ComputeAlignmentLoss (core/propagate/alignment_losses.h) with s = the labelled
// frame a and u = its partner b, and L_pred is HandPredictorLoss on a's label.
//
//   PropagatorTrainer trainer(options);           // options.stage = 2 or 3; builds both networks
//   trainer.LoadPredictor("stage1.ckpt");         // stage 2: the stage-1 predictor's weights
//   trainer.Resume("stage2.ckpt");                // stage 3 from stage 2, or a same-stage resume
//   PropagatorTrainingResult r = trainer.Run(source, progress, &cancel);
//
// The source must implement BatchSource::Videos and LoadFrames (training_batch.h). Pairs are
// loaded unaugmented: independent jitter of the two crops would be a motion the aligner has to
// explain. Determinism as in stage 1 (predictor_trainer.h): initialisation seeded with
// options.seed, torch reseeded before every step with DeriveSeed(seed, stream, step), and the pair
// sampler seeded from options.seed and advanced past step * batch_size pairs at the start of
// every Run, so n + m resumed steps equal n + m straight ones bit for bit on the CPU with a fixed
// thread count. Threads, device and errors as in stage 1: InputError for invalid options or an
// incompatible checkpoint (one line naming the file), RuntimeError when a source breaks its
// contract. Not thread-safe; one trainer per process at a time.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/nn/hand_losses.h"
#include "core/nn/hand_predictor_options.h"
#include "core/propagate/alignment_losses.h"
#include "core/propagate/pose_aligner.h"
#include "core/train/training_batch.h"

namespace handprop {

class HandPredictorImpl;

struct PropagatorTrainerOptions {
  int stage = 2;                       // 2: the aligner alone; 3: both networks
  HandPredictorOptions network;        // must match the stage-1 checkpoint's shape
  PoseAlignerOptions aligner;          // feature_dim must be the predictor's 640
  HandLossWeights predictor_loss;      // stage 3's L_pred (Hasson's weights)
  AlignmentLossOptions alignment_loss; // w_f, w_b, w_r of L_align
  double alignment_weight = 1.0;       // stage 3's lambda (seed Eq. 9); its value was lost
  // PairSampler (pair_sampler.h); labelled_only is the stage (2), the seed derives from `seed`.
  double unlabelled_probability = 0.5;
  int max_gap = 10;
  int top_k = 3;
  std::string hand_model = "openhand";
  int64_t steps = 20000;               // total optimizer steps of this stage
  int batch_size = 8;                  // pairs per step (2 x batch_size crops)
  double learning_rate = 5e-5;         // Adam, as stage 1
  std::string checkpoint_path;         // "" = never write checkpoints
  int64_t checkpoint_every = 1000;     // 0 = only at the end
  bool checkpoint_on_cancel = true;
  uint64_t seed = 0;
  std::string device = "auto";
  int threads = 0;                     // CPU intra-op threads; 0 = DefaultComputeThreads()

  std::string Check() const;
};

// The checkpoint's "options" and back; FromJson takes defaults for missing keys and throws
// InputError "<origin>: propagator options: ..." for wrong types.
std::string PropagatorTrainerOptionsToJson(const PropagatorTrainerOptions& options);
PropagatorTrainerOptions PropagatorTrainerOptionsFromJson(const std::string& json, const std::string& origin);

struct PropagatorLossValues {
  double predictor = 0.0;    // L_pred on the labelled frames (stage 3; 0 in stage 2)
  double forward = 0.0;      // L_f, m^2
  double backward = 0.0;     // L_b, m^2
  double regulariser = 0.0;  // L_r
  double alignment = 0.0;    // L_align = w_f L_f + w_b L_b + w_r L_r
  double total = 0.0;        // stage 2: L_align; stage 3: L_pred + lambda L_align
};

struct PropagatorProgress {
  int64_t step = 0;
  int64_t steps = 0;
  PropagatorLossValues loss;      // of the step just taken
  double pairs_per_second = 0.0;  // since Run started
  double eta_seconds = 0.0;
};

using PropagatorProgressCallback = std::function<void(const PropagatorProgress&)>;

struct PropagatorTrainingResult {
  int64_t step = 0;
  int64_t steps_run = 0;
  PropagatorLossValues loss;  // of the last step
  double seconds = 0.0;
  double pairs_per_second = 0.0;
  std::string device;
  bool cancelled = false;
  std::string checkpoint;     // the last checkpoint written by Run, "" when none
};

// The seed of the PairSampler a trainer with options.seed == seed draws from (tests replay its pairs).
uint64_t PropagatorPairSeed(uint64_t seed);

class PropagatorTrainer {
 public:
  // Checks the options, loads the hand model, resolves the device, seeds torch with
  // options.seed, builds predictor and aligner and the stage's Adam (stage 2: over the aligner's
  // parameters; stage 3: one Adam over both networks).
  explicit PropagatorTrainer(const PropagatorTrainerOptions& options);
  ~PropagatorTrainer();
  PropagatorTrainer(const PropagatorTrainer&) = delete;
  PropagatorTrainer& operator=(const PropagatorTrainer&) = delete;

  // The predictor's parameters and buffers from a stage-1 ("hand_predictor") checkpoint, after
  // its kind, hand model and network shape are checked. Aligner, Adam and step are unchanged.
  void LoadPredictor(const std::string& stage1_checkpoint);

  // A "propagator" checkpoint. Of this stage: both networks, Adam state and step (the current
  // learning rate replaces the saved one). Of stage 2 in a stage-3 trainer, or of stage 3 in a
  // stage-2 trainer (a re-fit of the aligner, bench/aligner_refit): both networks only, step 0.
  // Checks kind, hand model, stage and network shapes.
  void Resume(const std::string& checkpoint);

  // Trains until options.steps or until *cancel becomes true (checked before every step). Writes
  // checkpoints as the options say, and one at the end (or on cancel) when at least one step ran.
  PropagatorTrainingResult Run(BatchSource& source, const PropagatorProgressCallback& progress = {},
                               const std::atomic<bool>* cancel = nullptr);

  // Writes both networks, Adam's state, stage, step and options (atomically) to `path`.
  void SaveCheckpoint(const std::string& path) const;

  int64_t step() const;
  const PropagatorTrainerOptions& options() const;
  std::shared_ptr<HandPredictorImpl> predictor() const;  // include core/nn/hand_predictor.h
  PoseAligner aligner() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace handprop
