// SPDX-License-Identifier: Apache-2.0
#include "app/commands/demo_propagation.h"

#include <cstdio>
#include <filesystem>

#include "app/commands/progress_line.h"
#include "core/data/synth_manifest_reader.h"
#include "core/eval/propagation_report.h"
#include "core/propagate/learned_methods.h"
#include "core/propagate/propagation_job.h"
#include "core/train/training_job.h"
#include "core/util/atomic_file.h"

namespace handprop::cli {

void RunDemoPropagation(const DemoOptions& options, const std::string& synth_folder) {
  namespace fs = std::filesystem;
  const std::string project = synth_folder + "/project.hpj";
  const std::string manifest = synth_folder + "/synth.json";

  std::printf("\n== Training the propagation networks (seed 003, three stages; train split only) ==\n");
  TrainingJobOptions train;
  train.project = project;
  train.out_dir = (fs::path(options.out_dir) / "model").string();
  train.sequences = SynthSplitSequences(manifest, "train");
  train.stage1_steps = options.stage1_steps;
  train.stage2_steps = options.stage2_steps;
  train.stage3_steps = options.stage3_steps;
  train.crop_size = options.crop_size;
  train.learning_rate = options.learning_rate;
  train.device = options.device;
  train.resume = true;  // a finished model is reused, an interrupted one continued
  ProgressLine line;
  const TrainingJobResult trained = RunTrainingJob(train, [&](const TrainingJobProgress& p) {
    char text[200];
    std::snprintf(text, sizeof text, "  stage %d/3  step %lld/%lld  loss %.3e  %.1f img/s  ETA %s", p.stage,
                  static_cast<long long>(p.step), static_cast<long long>(p.steps), p.loss, p.images_per_second,
                  FormatDuration(p.eta_seconds).c_str());
    line.Update(text, p.step == p.steps);
  });
  line.Finish();
  std::printf("  %s on %s in %s\n", trained.model.c_str(), trained.device.c_str(), FormatDuration(trained.seconds).c_str());

  std::printf("\n== Seed 003 Table I on the unlabelled frames (errors in mm; test = unseen subjects and backgrounds) ==\n");
  PropagationBenchmarkOptions bench;
  bench.project = project;
  bench.truth = synth_folder + "/ground_truth.hpj";
  bench.manifest = manifest;
  bench.model = options.model;
  LearnedMethodsOptions learned;
  learned.model = train.out_dir;
  learned.propagator.device = options.device;
  const PropagationTable table = RunPropagationBenchmark(bench, LearnedPropagationMethods(project, learned));
  const std::string markdown = PropagationTableMarkdown(table);
  std::fputs(markdown.c_str(), stdout);
  WriteFileAtomically((fs::path(options.out_dir) / "table.md").string(), markdown);
  WriteFileAtomically((fs::path(options.out_dir) / "table.json").string(), PropagationTableJson(table));

  std::printf("\n== Propagating the key frames into the project (bidirectional) ==\n");
  PropagationJobOptions propagate;
  propagate.project = project;
  propagate.model = train.out_dir;
  propagate.propagator.device = options.device;
  const PropagationJobResult done = RunPropagationJob(propagate);
  int written = 0;
  for (const PropagatedVideo& v : done.videos) written += v.write.written;
  std::printf("  %d propagated labels with per-keypoint confidence written to %s (%zu videos, %.1f s)\n", written,
              project.c_str(), done.videos.size(), done.seconds);
  std::printf("  project with key frames and propagated labels: %s\n", project.c_str());
  std::printf("  review it in the annotation workspace (docs/user-guide.md):\n    handprop gui --project %s --propagation-model %s\n",
              project.c_str(), train.out_dir.c_str());
}

}  // namespace handprop::cli
