// SPDX-License-Identifier: Apache-2.0
#include "core/train/training_job.h"

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/io/store/project_store.h"
#include "core/train/predictor_trainer.h"
#include "core/train/project_batch_source.h"
#include "core/train/propagator_trainer.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {

std::string TrainingJobOptions::Check() const {
  HP_OPTION_CHECK(!project.empty(), "project must name a project file");
  HP_OPTION_CHECK(!out_dir.empty(), "out_dir must name a folder");
  HP_OPTION_CHECK(stage1_steps >= 0 && stage2_steps >= 0 && stage3_steps >= 0, "stage steps must be >= 0");
  HP_OPTION_CHECK(batch_size >= 1, "batch_size must be >= 1");
  HP_OPTION_CHECK(crop_size >= 32, "crop_size must be >= 32");
  HP_OPTION_CHECK(learning_rate > 0, "learning_rate must be > 0");
  HP_OPTION_CHECK(max_gap >= 2, "max_gap must be >= 2");
  HP_OPTION_CHECK(checkpoint_every >= 0, "checkpoint_every must be >= 0");
  HP_OPTION_CHECK(threads >= 0, "threads must be >= 0");
  return {};
}

namespace {

namespace fs = std::filesystem;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Relative cost of one step of each stage in units of "one crop forward and backward through the
// predictor": stage 1 B crops; stage 3 2B crops; stage 2 runs the aligner on cached features
// (key_frame_features.h), measured at about a fourteenth of a stage-3 step of the same batch, B / 8.
// The ETA of later stages scales the current stage's time per unit.
double StepCost(int stage, int batch) { return stage == 1 ? batch : stage == 2 ? batch / 8.0 : 2.0 * batch; }

std::string OptionsJson(const TrainingJobOptions& o) {
  return nlohmann::json{{"out_dir", o.out_dir},         {"hand_model", o.hand_model},
                        {"stage1_steps", o.stage1_steps}, {"stage2_steps", o.stage2_steps},
                        {"stage3_steps", o.stage3_steps}, {"batch_size", o.batch_size},
                        {"crop_size", o.crop_size},       {"learning_rate", o.learning_rate},
                        {"max_gap", o.max_gap},           {"seed", o.seed},
                        {"device", o.device},             {"sequences", o.sequences}}
      .dump();
}

class Job {
 public:
  Job(const TrainingJobOptions& o, const TrainingJobCallback& progress) : o_(o), progress_(progress) {}

  // Reports a step of `stage`; `started` is the stage's first step this run, `seconds` its time.
  void Report(int stage, int64_t step, int64_t steps, int64_t started, double seconds, double loss, double joints) {
    if (!progress_) return;
    TrainingJobProgress p{stage, step, steps, loss, joints, 0.0, 0.0};
    const double done = static_cast<double>(step - started);
    if (done > 0 && seconds > 0) {
      const double per_unit = seconds / (done * StepCost(stage, o_.batch_size));
      p.images_per_second = (stage == 1 ? 1.0 : 2.0) * o_.batch_size * done / seconds;
      double remaining = static_cast<double>(steps - step) * StepCost(stage, o_.batch_size);
      const int64_t later[3] = {o_.stage1_steps, o_.stage2_steps, o_.stage3_steps};
      for (int s = stage + 1; s <= 3; ++s) remaining += static_cast<double>(later[s - 1]) * StepCost(s, o_.batch_size);
      p.eta_seconds = remaining * per_unit;
    }
    progress_(p);
  }

 private:
  const TrainingJobOptions& o_;
  const TrainingJobCallback& progress_;
};

}  // namespace

TrainingJobResult RunTrainingJob(const TrainingJobOptions& o, const TrainingJobCallback& progress,
                                 const std::atomic<bool>* cancel) {
  if (const std::string problem = o.Check(); !problem.empty()) throw InputError("training options: " + problem);
  const fs::path out(o.out_dir);
  if (!o.resume && fs::exists(out) && !fs::is_empty(out))
    throw InputError(o.out_dir + ": is not empty; pass --resume to continue its training");
  const auto start = std::chrono::steady_clock::now();
  const auto since = [](auto t0) { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };

  ProjectBatchOptions batch_options;
  batch_options.frames.crop.size = o.crop_size;
  batch_options.frames.sequences = o.sequences;
  batch_options.seed = o.seed;
  ProjectBatchSource source(o.project, batch_options);  // refuses ground truth before anything is written
  fs::create_directories(out);
  TrainingJobResult result;
  result.baseline = (out / "stage1.ckpt").string();
  const std::string stage2_path = (out / "stage2.ckpt").string();
  result.model = (out / "propagator.ckpt").string();

  ProjectStore store = ProjectStore::Open(o.project);
  RunRecord run;
  run.kind = "train";
  run.options_json = OptionsJson(o);
  run.status = RunStatus::kRunning;
  run.started_at_ms = NowMs();
  run.id = store.AddRun(run);
  Job job(o, progress);
  try {
    PredictorTrainerOptions p1;
    p1.network.crop_size = o.crop_size;
    p1.hand_model = o.hand_model;
    p1.steps = o.stage1_steps;
    p1.batch_size = o.batch_size;
    p1.learning_rate = o.learning_rate;
    p1.checkpoint_path = result.baseline;
    p1.checkpoint_every = o.checkpoint_every;
    p1.seed = o.seed;
    p1.device = o.device;
    p1.threads = o.threads;
    {
      PredictorTrainer stage1(p1);
      if (fs::exists(result.baseline)) stage1.Resume(result.baseline);
      const int64_t started = stage1.step();
      const auto t0 = std::chrono::steady_clock::now();
      const PredictorTrainingResult r = stage1.Run(source, [&](const PredictorProgress& p) {
        job.Report(1, p.step, p.steps, started, since(t0), p.loss.total, p.loss.joints);
      }, cancel);
      result.device = r.device;
      result.final_loss[0] = r.loss.total;
      result.cancelled = r.cancelled;
      if (r.steps_run == 0 && !fs::exists(result.baseline)) stage1.SaveCheckpoint(result.baseline);
    }
    for (int stage = 2; stage <= 3 && !result.cancelled; ++stage) {
      PropagatorTrainerOptions p;
      p.stage = stage;
      p.network = p1.network;
      p.hand_model = o.hand_model;
      p.max_gap = o.max_gap;
      p.steps = stage == 2 ? o.stage2_steps : o.stage3_steps;
      p.batch_size = o.batch_size;
      p.learning_rate = o.learning_rate;
      p.checkpoint_path = stage == 2 ? stage2_path : result.model;
      p.checkpoint_every = o.checkpoint_every;
      p.seed = o.seed;
      p.device = o.device;
      p.threads = o.threads;
      PropagatorTrainer trainer(p);
      if (fs::exists(p.checkpoint_path)) {
        trainer.Resume(p.checkpoint_path);
      } else if (stage == 2) {
        trainer.LoadPredictor(result.baseline);
      } else {
        trainer.Resume(stage2_path);
      }
      const int64_t started = trainer.step();
      const auto t0 = std::chrono::steady_clock::now();
      const PropagatorTrainingResult r = trainer.Run(source, [&](const PropagatorProgress& q) {
        job.Report(stage, q.step, q.steps, started, since(t0), q.loss.total, q.loss.forward);
      }, cancel);
      if (r.steps_run == 0 && !fs::exists(p.checkpoint_path)) trainer.SaveCheckpoint(p.checkpoint_path);
      result.final_loss[stage - 1] = r.loss.total;
      result.cancelled = r.cancelled;
    }
  } catch (const std::exception& e) {
    run.status = RunStatus::kFailed;
    run.finished_at_ms = NowMs();
    run.metrics_json = nlohmann::json{{"error", e.what()}}.dump();
    store.UpdateRun(run);
    throw;
  }
  result.seconds = since(start);
  run.status = result.cancelled ? RunStatus::kCancelled : RunStatus::kFinished;
  run.finished_at_ms = NowMs();
  run.metrics_json = nlohmann::json{{"seconds", result.seconds},
                                    {"final_loss", {result.final_loss[0], result.final_loss[1], result.final_loss[2]}},
                                    {"device", result.device}}
                         .dump();
  if (fs::exists(result.model)) run.checkpoint_path = result.model;
  store.UpdateRun(run);
  return result;
}

}  // namespace handprop
