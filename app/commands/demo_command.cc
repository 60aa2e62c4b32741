// SPDX-License-Identifier: Apache-2.0
// `handprop demo`: the main job on the built-in default. It loads OpenHand, prints its facts,
// poses it, writes the posed mesh (OBJ, GLB, JSON), runs a metrics self-check (predictions with
// known answers: an exact copy, a similarity-transformed copy, a translated copy must give the
// errors geometry says they give), renders the `demo` preset of the synthetic sparsely labelled
// videos into a project (kept when it is already there), then trains the propagation networks
// briefly, prints seed 003's table and propagates the key frames (demo_propagation.h).
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "app/command_table.h"
#include "app/commands/cli_support.h"
#include "app/commands/model_facts.h"
#include "app/commands/command_options.h"
#include "app/commands/demo_propagation.h"
#include "app/commands/model_pose.h"
#include "app/commands/project_info.h"
#include "core/data/synth_job.h"
#include "core/eval/hand_eval.h"
#include "core/geometry/rotation.h"
#include "core/model/hand_model_io.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop::cli {

std::string DemoOptions::Check() const {
  HP_OPTION_CHECK(!model.empty(), "model must name openhand or a model file");
  HP_OPTION_CHECK(!out_dir.empty(), "out_dir must not be empty");
  return {};
}

namespace {

HandSample SampleFrom(const HandMesh& mesh) { return {mesh.keypoints, mesh.vertices}; }

HandSample Transformed(const HandSample& s, const Eigen::Matrix3d& r, double scale, const Eigen::Vector3d& t) {
  return {(scale * r * s.keypoints).colwise() + t, (scale * r * s.vertices).colwise() + t};
}

// One identity of the self-check: prints it and returns whether it held.
bool Expect(const char* what, double value, double expected, double tolerance, const char* unit, double unit_scale) {
  const bool ok = std::abs(value - expected) <= tolerance;
  std::printf("  %-52s %9.4f %-3s (expected %.4f) %s\n", what, unit_scale * value, unit, unit_scale * expected, ok ? "ok" : "FAILED");
  return ok;
}

void PrintReport(const HandEvalReport& r) {
  std::printf("  %-9s %-9s %-9s %-9s %-9s %-9s %-9s %-9s %-9s\n", "F@5", "F@15", "MPVPE", "MPVPE(P)", "MPJPE", "MPJPE(T)",
              "MPJPE(SD)", "MPJPE(P)", "AUC(P)");
  std::printf("  %-9.3f %-9.3f %-9.2f %-9.2f %-9.2f %-9.2f %-9.2f %-9.2f %-9.3f   (errors in mm)\n", r.fscore_p[0], r.fscore_p[1],
              1000 * r.mpvpe, 1000 * r.mpvpe_p, 1000 * r.mpjpe, 1000 * r.mpjpe_t, 1000 * r.mpjpe_sd, 1000 * r.mpjpe_p, r.pck_p.auc);
}

int RunDemo(const DemoOptions& options) {
  ThrowIfInvalid("demo", options.Check());
  const HandModel model = LoadHandModelByName(options.model);
  std::printf("== Hand model ==\n%s\n", FormatModelFacts(ModelFacts(model)).c_str());

  // A relaxed grasp seen by a camera 45 cm away: 6 PCA coefficients, a tilt and a translation.
  std::filesystem::create_directories(options.out_dir);
  ModelPoseOptions pose;
  pose.model = options.model;
  pose.convention.num_pca = 6;
  pose.pose = "0.4,-0.3,0.2,1.2,-0.6,0.5,0.3,0,-0.4";
  pose.shape = "0.5,0,0,0,0,0,0,0,0,0";
  pose.trans = "-0.05,0.02,0.45";
  std::printf("== Posed hand (6 PCA coefficients, camera frame) ==\n");
  for (const char* ext : {"obj", "glb", "json"}) {
    pose.out = (std::filesystem::path(options.out_dir) / (std::string("hand_posed.") + ext)).string();
    ThrowIfInvalid("demo", pose.Check());
    for (const std::string& path : WriteModelPose(model, pose)) std::printf("  wrote %s\n", path.c_str());
  }

  const HandLbs lbs(model);
  const HandMesh posed = lbs.Forward(ResolvePoseInput(model, pose).params);
  const HandSample gt = SampleFrom(posed);
  const HandEvalOptions eval_options;
  const auto evaluate = [&](const HandSample& prediction) { return EvaluateHands({prediction}, {gt}, eval_options); };

  std::printf("\n== Metrics self-check (known answers) ==\n");
  bool ok = true;
  const HandEvalReport same = evaluate(gt);
  ok &= Expect("identical prediction: MPJPE", same.mpjpe, 0.0, 1e-12, "mm", 1000);
  ok &= Expect("identical prediction: F@5", same.fscore[0], 1.0, 1e-12, "", 1);
  const Eigen::Vector3d shift(0.006, -0.008, 0.0);  // 10 mm
  const HandEvalReport moved = evaluate(Transformed(gt, Eigen::Matrix3d::Identity(), 1.0, shift));
  ok &= Expect("translated by 10 mm: MPJPE", moved.mpjpe, 0.010, 1e-9, "mm", 1000);
  ok &= Expect("translated by 10 mm: MPJPE(T)", moved.mpjpe_t, 0.0, 1e-9, "mm", 1000);
  const Eigen::Matrix3d tilt = AxisAngleToMatrix(Eigen::Vector3d(0.1, 0.35, -0.2));
  const HandEvalReport similar = evaluate(Transformed(gt, tilt, 1.15, Eigen::Vector3d(0.02, 0.01, 0.05)));
  // FreiHAND's Procrustes guards its norms with 1e-8, which leaves a few nanometres.
  ok &= Expect("rotated, scaled 1.15, moved: MPJPE(P)", similar.mpjpe_p, 0.0, 1e-7, "mm", 1000);
  ok &= Expect("rotated, scaled 1.15, moved: MPVPE(P)", similar.mpvpe_p, 0.0, 1e-7, "mm", 1000);
  ok &= Expect("rotated, scaled 1.15, moved: F@5 after Procrustes", similar.fscore_p[0], 1.0, 1e-12, "", 1);

  // A realistic error: the same hand with every finger joint bent a little more.
  ModelPoseOptions off = pose;
  off.pose = "0.4,-0.3,0.2,1.5,-0.4,0.8,0.1,0.2,-0.6";
  const HandEvalReport realistic = evaluate(SampleFrom(lbs.Forward(ResolvePoseInput(model, off).params)));
  std::printf("\n== Seed 003 metrics for a prediction with a different grasp ==\n");
  PrintReport(realistic);
  std::printf("\nmetrics self-check: %s\n", ok ? "passed" : "FAILED");
  if (!ok) throw RuntimeError("metrics self-check failed: the metric implementation disagrees with geometry");

  std::printf("\n== Synthetic sparsely labelled videos (preset demo, seed 0) ==\n");
  SynthOptions synth = SynthPreset(options.preset);
  synth.model = options.model;
  // One folder per model, so that a demo with another model never reports the first one's data.
  const std::string folder = options.model == "openhand" ? "synth" : "synth-" + std::filesystem::path(options.model).stem().string();
  synth.out = (std::filesystem::path(options.out_dir) / folder).string();
  const std::string project = synth.out + "/project.hpj";
  if (std::filesystem::exists(project)) {
    std::printf("  %s is already there: kept\n", synth.out.c_str());
  } else {
    const SynthResult r = RunSynth(synth);
    std::printf("  rendered %d images of %d sequences x %d cameras in %.1f s; %d key frames labelled\n", r.images,
                r.sequences, r.views / r.sequences, r.seconds, r.labelled_images);
  }
  const int code = PrintProjectInfo(project, false);
  if (code != kExitOk) return code;
  RunDemoPropagation(options, synth.out);
  return kExitOk;
}

}  // namespace

int RunDemoCommand(int argc, char** argv) {
  CLI::App app{"Run the main job on the built-in hand model: model facts, a posed mesh, a metrics self-check, a synthetic "
               "sparsely labelled video project, brief training of the propagation networks, seed 003's table, and the "
               "propagated labels in the project.",
               "handprop demo"};
  DemoOptions options;
  app.add_option("--model,-m", options.model, "'openhand' or a model file")->capture_default_str();
  app.add_option("--out-dir,-o", options.out_dir, "folder for the posed meshes, the synthetic project and the model")
      ->capture_default_str();
  app.add_option("--preset", options.preset, "synthetic project: tiny, demo or bench")->capture_default_str();
  app.add_option("--stage1-steps", options.stage1_steps, "training steps of stage 1 (predictor)")->capture_default_str();
  app.add_option("--stage2-steps", options.stage2_steps, "training steps of stage 2 (aligner)")->capture_default_str();
  app.add_option("--stage3-steps", options.stage3_steps, "training steps of stage 3 (both)")->capture_default_str();
  app.add_option("--crop-size", options.crop_size, "hand crop side, pixels")->capture_default_str();
  app.add_option("--lr", options.learning_rate, "Adam learning rate")->capture_default_str();
  app.add_option("--device", options.device, "auto | cpu | cuda | cuda:N")->capture_default_str();
  if (const auto code = ParseOrExit(app, argc, argv)) return *code;
  return RunDemo(options);
}

}  // namespace handprop::cli
