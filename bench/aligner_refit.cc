// SPDX-License-Identifier: Apache-2.0
// Re-fits the Pose Aligner of a trained model on key-frame pairs with the model's final encoder
// frozen: a stage-2 run (on cached features, core/train/key_frame_features.h) that starts from the
// networks of a stage-3 checkpoint instead of stage 1's predictor. This is the experiment of
// docs/benchmarks.md "Re-fitting the aligner": does an aligner fitted to human labels only (stage
// 3 also pulls it towards the predictor's estimates) propagate better? It writes OUT/propagator.ckpt
// and copies FROM/stage1.ckpt, so `handprop eval propagation --model OUT` scores it.
//
//   (one command line)
//   OMP_WAIT_POLICY=PASSIVE build/bench/aligner_refit --project data/project.hpj --from model
//       --out model-refit --steps 3000 --batch 16 --lr 1e-4 --sequences 0000 0001 ...
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>

#include "core/train/project_batch_source.h"
#include "core/train/propagator_trainer.h"
#include "core/util/error.h"

int main(int argc, char** argv) {
  using namespace handprop;
  namespace fs = std::filesystem;
  CLI::App app{"Re-fit a trained model's Pose Aligner on key-frame pairs (stage 2 from stage 3)."};
  std::string project, from, out;
  PropagatorTrainerOptions o;
  o.stage = 2;
  o.batch_size = 16;
  o.learning_rate = 1e-4;
  o.steps = 1000;
  o.checkpoint_every = 0;
  o.network.crop_size = 64;
  std::vector<std::string> sequences;
  app.add_option("--project", project, "the project the model was trained on")->required();
  app.add_option("--from", from, "training folder with stage1.ckpt and a stage-3 propagator.ckpt")->required();
  app.add_option("--out", out, "folder for the re-fitted propagator.ckpt")->required();
  app.add_option("--steps", o.steps, "optimizer steps");
  app.add_option("--batch", o.batch_size, "key-frame pairs per step");
  app.add_option("--lr", o.learning_rate, "Adam learning rate");
  app.add_option("--top-k", o.top_k, "partners among the k nearest key frames");
  app.add_option("--crop-size", o.network.crop_size, "the model's crop size");
  app.add_option("--threads", o.threads, "CPU threads (0 = every core)");
  app.add_option("--sequences", sequences, "key frames of these sequences only (the training split)");
  CLI11_PARSE(app, argc, argv);
  try {
    o.checkpoint_path = (fs::path(out) / "propagator.ckpt").string();
    PropagatorTrainer trainer(o);
    trainer.Resume((fs::path(from) / "propagator.ckpt").string());
    ProjectBatchOptions batch;
    batch.frames.crop.size = o.network.crop_size;
    batch.frames.sequences = sequences;
    ProjectBatchSource source(project, batch);
    fs::create_directories(out);
    fs::copy_file(fs::path(from) / "stage1.ckpt", fs::path(out) / "stage1.ckpt", fs::copy_options::overwrite_existing);
    const PropagatorTrainingResult r = trainer.Run(source, [](const PropagatorProgress& p) {
      if (p.step % 200 == 0)
        std::fprintf(stderr, "step %lld  L_f %.3e  L_b %.3e  L_r %.3e  %.1f pairs/s\n", static_cast<long long>(p.step),
                     p.loss.forward, p.loss.backward, p.loss.regulariser, p.pairs_per_second);
    });
    std::printf("re-fitted %lld steps in %.1f s (%.1f pairs/s) on %s: %s\n", static_cast<long long>(r.steps_run),
                r.seconds, r.pairs_per_second, r.device.c_str(), r.checkpoint.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "aligner_refit: %s\n", e.what());
    return 1;
  }
  return 0;
}
