// SPDX-License-Identifier: Apache-2.0
// Stage (i) of seed 003 §IV: the Single-frame Hand Predictor trained alone on labelled frames,
// with Hasson's optimiser and hyper-parameters (reference.md §2.2-2.3: Adam, lr 5e-5, batch 8)
// and the loss of core/nn/hand_losses.h. docs/training.md describes the loop, the checkpoints and
// resume.
//
//   PredictorTrainer trainer(options);            // builds the network (seeded) on its device
//   trainer.Resume("run.ckpt");                   // optional: parameters, Adam state, step
//   PredictorTrainingResult r = trainer.Run(source, progress, &cancel);
//
// Determinism: the network's initialisation is seeded with options.seed, and every step s
// reseeds torch's generators with DeriveSeed(seed, s) (dropout), so on the CPU with a fixed
// thread count a run of N steps and a run of n + (N - n) steps with a checkpoint in between give
// bit-identical parameters, provided the BatchSource is deterministic (Resume makes Run call
// source.SkipLabelled(step, batch_size) first). CUDA runs are reproducible only as far as cuDNN
// kernels are.
// Threads: on the CPU, Run sets torch's intra-op thread count (a process-wide setting) to
// options.threads, or to DefaultComputeThreads() (every core, or $OMP_NUM_THREADS) when 0.
// Not thread-safe; one trainer per process at a time. Throws InputError for invalid options or an
// incompatible checkpoint, RuntimeError when a batch source breaks its contract.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/nn/hand_losses.h"
#include "core/nn/hand_predictor_options.h"
#include "core/train/training_batch.h"

namespace handprop {

class HandPredictorImpl;

struct PredictorTrainerOptions {
  HandPredictorOptions network;  // crop_size must match the source's crops
  HandLossWeights loss;          // Hasson's weights (docs/networks.md "Losses")
  std::string hand_model = "openhand";  // "openhand" or a model file path
  int64_t steps = 20000;         // total optimizer steps; a resumed run continues up to this
  int batch_size = 8;            // Hasson
  double learning_rate = 5e-5;   // Hasson's Adam learning rate
  std::string checkpoint_path;   // "" = never write checkpoints
  int64_t checkpoint_every = 1000;  // steps between checkpoints; 0 = only at the end
  bool checkpoint_on_cancel = true;  // a cancelled run writes a checkpoint at the step reached
  uint64_t seed = 0;
  std::string device = "auto";   // auto | cpu | cuda | cuda:N (core/model/torch_runtime.h)
  int threads = 0;               // CPU intra-op threads; 0 = DefaultComputeThreads()

  std::string Check() const;
};

// The options as a JSON object (the checkpoint's "options"), and back. FromJson takes the
// defaults for missing keys and throws InputError "<origin>: ..." for wrong types.
std::string PredictorTrainerOptionsToJson(const PredictorTrainerOptions& options);
PredictorTrainerOptions PredictorTrainerOptionsFromJson(const std::string& json, const std::string& origin);

// InputError "<checkpoint>: network <field> is <saved>, the options say <now>" unless the saved
// Hand Predictor has the shape of `now` (crop size, PCA count, hidden sizes) and the same root
// constants (depth factor and offset, uv factor: they give the root branch's outputs their meaning
// in metres). Every loader of a predictor checkpoint checks this.
void CheckSamePredictorNetwork(const std::string& checkpoint, const HandPredictorOptions& saved, const HandPredictorOptions& now);

// Loss terms as plain numbers (the means of core/nn/hand_losses.h; joints in metres^2).
struct PredictorLossValues {
  double joints = 0.0;
  double shape = 0.0;
  double pose = 0.0;
  double total = 0.0;
};

struct PredictorProgress {
  int64_t step = 0;                 // steps done, counting resumed ones
  int64_t steps = 0;                // options.steps
  PredictorLossValues loss;         // of the step just taken
  double images_per_second = 0.0;   // since Run started
  double eta_seconds = 0.0;         // for the remaining steps at that rate
};

// Called after every step on the training thread; keep it cheap.
using PredictorProgressCallback = std::function<void(const PredictorProgress&)>;

struct PredictorTrainingResult {
  int64_t step = 0;            // steps done in total (== options.steps unless cancelled)
  int64_t steps_run = 0;       // steps taken by this Run
  PredictorLossValues loss;    // of the last step (zeros when no step ran)
  double seconds = 0.0;        // wall time of Run
  double images_per_second = 0.0;
  std::string device;          // DeviceSummary, e.g. "cpu (2 threads)"
  bool cancelled = false;
  std::string checkpoint;      // the last checkpoint written by Run, "" when none
};

class PredictorTrainer {
 public:
  // Checks the options, loads the hand model, resolves the device, seeds torch with
  // options.seed and builds the network and its Adam optimizer there.
  explicit PredictorTrainer(const PredictorTrainerOptions& options);
  ~PredictorTrainer();
  PredictorTrainer(const PredictorTrainer&) = delete;
  PredictorTrainer& operator=(const PredictorTrainer&) = delete;

  // Loads parameters, buffers, Adam state and step from a checkpoint. Checks its kind, its hand
  // model's hash against options.hand_model, and that its network options have the shape of
  // options.network (crop_size, num_pca, mano_hidden, root_hidden). The current learning rate
  // replaces the saved one. The next Run first skips the source past the batches already used.
  void Resume(const std::string& checkpoint);

  // Trains until options.steps or until *cancel becomes true (checked before every step, so a
  // cancelled run stops within one step). Writes checkpoints as the options say, and one at the
  // end (or on cancel) when checkpoint_path is set and at least one step ran.
  PredictorTrainingResult Run(BatchSource& source, const PredictorProgressCallback& progress = {},
                              const std::atomic<bool>* cancel = nullptr);

  // Writes the current state (atomically) to `path`.
  void SaveCheckpoint(const std::string& path) const;

  int64_t step() const;
  const PredictorTrainerOptions& options() const;
  // The network (include core/nn/hand_predictor.h to use it). Resume replaces it: ask again after.
  std::shared_ptr<HandPredictorImpl> network() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace handprop
