// SPDX-License-Identifier: Apache-2.0
#include "app/commands/eval_propagation_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <set>

#include "app/command_table.h"
#include "app/commands/cli_support.h"
#include "app/commands/progress_line.h"
#include "core/eval/propagation_report.h"
#include "core/propagate/learned_methods.h"
#include "core/propagate/propagation_benchmark.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace handprop::cli {

int RunEvalPropagationCommand(int argc, char** argv) {
  CLI::App app{"Score label propagation on the unlabelled frames of a project against a ground-truth store: "
               "seed 003's Table I per method, on training and unseen test videos and inside fast gestures, "
               "and MPJPE against the distance to the nearest key frame.",
               "handprop eval propagation"};
  PropagationBenchmarkOptions options;
  std::string out;
  app.add_option("--project", options.project, "project whose labelled frames are the key frames")->required();
  app.add_option("--truth", options.truth,
                 "ground-truth store of every frame (default: ground_truth.hpj next to the project)");
  app.add_option("--manifest", options.manifest, "synth.json with splits and gestures (default: next to the project, if there)");
  app.add_option("--hand-model", options.model, "hand model of the labels (openhand or a model file)")->capture_default_str();
  app.add_option("--out,-o", out, "folder for table.md, table.json, curve.csv and curve_<split>.png");
  app.add_option("--threads", options.threads, "worker threads (0 = every core)")->capture_default_str();
  LearnedMethodsOptions learned;
  app.add_option("--model", learned.model,
                 "a training folder or propagator checkpoint: adds the rows baseline + align, propagation and bidirectional");
  app.add_option("--baseline", learned.baseline, "the stage-1 checkpoint of the baseline row (default: the model's stage1.ckpt)");
  app.add_option("--device", learned.propagator.device, "auto | cpu | cuda | cuda:N")->capture_default_str();
  app.add_option("--agreement-scale", learned.propagator.agreement_scale_m,
                 "bidirectional: metres of disagreement between the two directions at which the blend falls back towards interpolation (0 = off)")
      ->capture_default_str();
  if (const auto code = ParseOrExit(app, argc, argv)) return *code;

  const std::filesystem::path folder = std::filesystem::path(options.project).parent_path();
  if (options.truth.empty()) options.truth = (folder / "ground_truth.hpj").string();
  if (options.manifest.empty() && std::filesystem::exists(folder / "synth.json")) options.manifest = (folder / "synth.json").string();
  ThrowIfInvalid("eval propagation", options.Check());

  std::vector<std::pair<std::string, PropagationMethod>> methods;
  if (!learned.model.empty()) {
    ProgressLine line;
    methods = LearnedPropagationMethods(options.project, learned, [&](const std::string& network, int done, int total) {
      line.Update(network + ": video " + std::to_string(done) + "/" + std::to_string(total), done == total);
    });
    line.Finish();
  }
  const PropagationTable table = RunPropagationBenchmark(options, methods);
  const std::string markdown = PropagationTableMarkdown(table);
  std::fputs(markdown.c_str(), stdout);
  if (!out.empty()) {
    std::filesystem::create_directories(out);
    WriteFileAtomically(out + "/table.md", markdown);
    WriteFileAtomically(out + "/table.json", PropagationTableJson(table));
    WriteFileAtomically(out + "/curve.csv", PropagationCurveCsv(table));
    std::set<std::string> splits;
    for (const auto& [key, scores] : table.all) splits.insert(key.second);
    for (const std::string& split : splits) WritePropagationCurvePng(table, split, out + "/curve_" + split + ".png");
    std::printf("wrote %s/table.md, table.json, curve.csv and the curve plots\n", out.c_str());
  }
  return kExitOk;
}

}  // namespace handprop::cli
