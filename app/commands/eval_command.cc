// SPDX-License-Identifier: Apache-2.0
// `handprop eval --pred PRED.json --gt GT.json [--gt-verts VERTS.json] [--out REPORT.json]`:
// the hand-pose metrics of the seeds (core/eval/hand_eval.h) over a prediction file against
// ground truth, both in the layouts of core/eval/hand_set_io.h (FreiHAND's pred.json among
// them). Prints a table in millimetres; --out writes the full report as JSON in metres.
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app/command_table.h"
#include "app/commands/cli_support.h"
#include "app/commands/eval_propagation_command.h"
#include "core/eval/hand_eval.h"
#include "core/eval/hand_set_io.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop::cli {
namespace {

struct EvalCommandOptions {
  std::string pred;       // predictions (JSON)
  std::string gt;         // ground truth (JSON)
  std::string gt_verts;   // optional ground-truth vertices, N x V x 3 (FreiHAND *_verts.json)
  std::string out;        // optional report path (.json)
  bool per_sample = false;  // include every sample's errors in the report
  std::string format = "auto";  // auto, freihand or handprop (core/eval/hand_set_io.h)
  HandEvalOptions metrics;

  std::string Check() const {
    HP_OPTION_CHECK(!pred.empty(), "--pred is required");
    HP_OPTION_CHECK(!gt.empty(), "--gt is required");
    HP_OPTION_CHECK(format == "auto" || format == "freihand" || format == "handprop",
                    "--format must be auto, freihand or handprop");
    HP_OPTION_CHECK(out.empty() || (out.size() > 5 && out.compare(out.size() - 5, 5, ".json") == 0),
                    "--out must end in .json");
    return metrics.Check();  // its fields are the flags' names with '_' for '-'
  }
};

std::string Millimetres(double metres) {
  if (std::isnan(metres)) return "n/a";
  char text[32];
  std::snprintf(text, sizeof(text), "%.3f mm", 1000 * metres);
  return text;
}

std::string Fraction(double value) {
  if (std::isnan(value)) return "n/a";
  char text[32];
  std::snprintf(text, sizeof(text), "%.4f", value);
  return text;
}

void PrintReport(const HandEvalReport& r, const HandEvalOptions& o) {
  std::printf("%d samples, %d with vertices (F-scores), %d with matching vertex counts (MPVPE)\n", r.num_samples,
              r.num_with_vertices, r.num_with_mpvpe);
  const auto row = [](const std::string& name, const std::string& value) {
    std::printf("  %-34s %s\n", name.c_str(), value.c_str());
  };
  row("MPJPE", Millimetres(r.mpjpe));
  row("MPJPE (T, root " + std::to_string(o.root_keypoint) + ")", Millimetres(r.mpjpe_t));
  row("MPJPE (SD, scale + mean depth)", Millimetres(r.mpjpe_sd));
  row("MPJPE (P, Procrustes)", Millimetres(r.mpjpe_p));
  row("MPJPE (root + bone scale)", Millimetres(r.mpjpe_rb));
  row("MPVPE", Millimetres(r.mpvpe));
  row("MPVPE (P)", Millimetres(r.mpvpe_p));
  for (size_t t = 0; t < r.fscore_thresholds.size(); ++t) {
    char name[48];
    std::snprintf(name, sizeof(name), "F@%g mm (P / unaligned)", 1000 * r.fscore_thresholds[t]);
    row(name, Fraction(r.fscore_p[t]) + " / " + Fraction(r.fscore[t]));
  }
  char range[64];
  std::snprintf(range, sizeof(range), "AUC %g-%g mm (P / unaligned)", 0.0, 1000 * o.pck_max);
  row(range, Fraction(r.pck_p.auc) + " / " + Fraction(r.pck.auc));
  std::snprintf(range, sizeof(range), "AUC %g-%g mm (root + bone scale)", 1000 * o.bone_pck_min, 1000 * o.bone_pck_max);
  row(range, Fraction(r.pck_rb.auc));
}

int RunEval(const EvalCommandOptions& options) {
  const std::string invalid = options.Check();
  if (!invalid.empty()) throw InputError(invalid);
  const HandSetFormat format = options.format == "freihand"   ? HandSetFormat::kFreiHand
                               : options.format == "handprop" ? HandSetFormat::kHandProp
                                                              : HandSetFormat::kAuto;
  const std::vector<HandSample> predictions = ReadHandSetJson(options.pred, format);
  std::vector<HandSample> ground_truth = ReadHandSetJson(options.gt, format);
  if (!options.gt_verts.empty()) ReadVerticesJson(options.gt_verts, &ground_truth);
  const std::string mismatch = CheckHandSets(predictions, ground_truth, options.metrics);
  if (!mismatch.empty()) throw InputError(options.pred + " vs " + options.gt + ": " + mismatch);

  const HandEvalReport report = EvaluateHands(predictions, ground_truth, options.metrics);
  PrintReport(report, options.metrics);
  if (!options.out.empty()) {
    WriteFileAtomically(options.out, HandEvalReportToJson(report, options.per_sample));
    std::printf("wrote %s\n", options.out.c_str());
  }
  return kExitOk;
}

}  // namespace

int RunEvalCommand(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "propagation") return RunEvalPropagationCommand(argc - 1, argv + 1);
  CLI::App app{"Evaluate predicted hand keypoints and meshes against ground truth: MPJPE and MPVPE with "
               "T/SD/P alignment, F@5/F@15, PCK-AUC (FreiHAND and STB/RHD protocols). "
               "'handprop eval propagation --help' scores label propagation on a project.",
               "handprop eval"};
  EvalCommandOptions options;
  HandEvalOptions& m = options.metrics;
  app.add_option("--pred,-p", options.pred,
                 "predictions: FreiHAND pred.json [xyz_list, verts_list], {\"xyz\", \"verts\"} or N x K x 3");
  app.add_option("--gt,-g", options.gt,
                 "ground truth, same layouts, or a folder with *_xyz.json and *_verts.json (metres, camera frame)");
  app.add_option("--format", options.format,
                 "auto, freihand ([xyz, verts], {\"xyz\", \"verts\"}, N x K x 3) or handprop ({\"keypoints\", \"vertices\"})")
      ->capture_default_str();
  app.add_option("--gt-verts", options.gt_verts, "ground-truth vertices N x V x 3 (FreiHAND *_verts.json)");
  app.add_option("--out,-o", options.out, "write the report as JSON (metres)");
  app.add_flag("--per-sample", options.per_sample, "include every sample's errors in --out");
  app.add_option("--root-keypoint", m.root_keypoint, "keypoint of the (T) and root+bone alignments")
      ->capture_default_str();
  app.add_option("--bone-keypoint", m.bone_keypoint, "end of the reference bone for root+bone scale")
      ->capture_default_str();
  bool proper_rotation = false;
  app.add_flag("--no-reflection", proper_rotation,
               "Procrustes with a proper rotation (default: reflections allowed, as FreiHAND's eval.py)");
  app.add_option("--fscore-thresholds", m.fscore_thresholds, "F-score thresholds in metres")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--pck-max", m.pck_max, "FreiHAND PCK thresholds 0..max, metres")->capture_default_str();
  app.add_option("--pck-steps", m.pck_steps, "number of FreiHAND PCK thresholds")->capture_default_str();
  if (const auto code = ParseOrExit(app, argc, argv)) return *code;
  m.allow_reflection = !proper_rotation;
  return RunEval(options);
}

}  // namespace handprop::cli
