// SPDX-License-Identifier: Apache-2.0
// `handprop model info | export | pose`.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/command_table.h"
#include "app/commands/cli_support.h"
#include "app/commands/model_facts.h"
#include "app/commands/command_options.h"
#include "app/commands/model_pose.h"
#include "core/meshio/mesh_export.h"
#include "core/model/hand_model_io.h"
#include "core/util/option_check.h"

namespace handprop::cli {

std::string ModelInfoOptions::Check() const {
  HP_OPTION_CHECK(!model.empty(), "model must name openhand or a model file");
  return {};
}

std::string ModelExportOptions::Check() const {
  HP_OPTION_CHECK(!model.empty(), "model must name openhand or a model file");
  HP_OPTION_CHECK(out.size() > 4 && out.compare(out.size() - 4, 4, ".npz") == 0, "out must end in .npz");
  return {};
}

std::string ModelPoseOptions::Check() const {
  HP_OPTION_CHECK(!model.empty(), "model must name openhand or a model file");
  HP_OPTION_CHECK_NESTED(convention);
  try {
    MeshFormatFromPath(out);
  } catch (const std::exception&) {
    return "out must end in .obj, .ply, .glb or .json";
  }
  return {};
}

namespace {

void AddModelFlag(CLI::App* app, std::string* model) {
  app->add_option("--model,-m", *model, "'openhand' (built in) or a model file converted from MANO")->capture_default_str();
}

int RunInfo(const ModelInfoOptions& options) {
  ThrowIfInvalid("model info", options.Check());
  const HandModel model = LoadHandModelByName(options.model);
  const nlohmann::json facts = ModelFacts(model);
  std::fputs((options.json ? facts.dump(2) + "\n" : FormatModelFacts(facts)).c_str(), stdout);
  return kExitOk;
}

int RunExport(const ModelExportOptions& options) {
  ThrowIfInvalid("model export", options.Check());
  const HandModel model = LoadHandModelByName(options.model);
  SaveHandModel(options.out, model);
  std::printf("wrote %s (%s, %d vertices, MANO array layout)\n", options.out.c_str(), model.name.c_str(), model.NumVertices());
  return kExitOk;
}

}  // namespace

int RunModelCommand(int argc, char** argv) {
  CLI::App app{"Inspect, export and pose hand models (the built-in OpenHand or a converted MANO file).", "handprop model"};
  app.require_subcommand(1);
  ModelInfoOptions info;
  CLI::App* info_cmd = app.add_subcommand("info", "print a model's facts (sizes, joints, hand length, shape directions)");
  info_cmd->add_option("model", info.model, "'openhand' or a model file")->capture_default_str();
  info_cmd->add_flag("--json", info.json, "print JSON");

  ModelExportOptions exp;
  CLI::App* export_cmd = app.add_subcommand("export", "write a model in MANO's own .npz array layout and names");
  AddModelFlag(export_cmd, &exp.model);
  export_cmd->add_option("--out,-o", exp.out, "output .npz")->capture_default_str();

  ModelPoseOptions pose;
  CLI::App* pose_cmd = app.add_subcommand("pose", "pose a model and write the mesh and the 21 keypoints");
  AddModelFlag(pose_cmd, &pose.model);
  pose_cmd->add_option("--params", pose.params, "JSON file with pose, shape and/or trans");
  pose_cmd->add_option("--pose", pose.pose, "pose: 'v1,v2,...' or a JSON file (3 global + 45, or 3 + N with --pca N)");
  pose_cmd->add_option("--shape", pose.shape, "10 betas: 'v1,...' or a JSON file");
  pose_cmd->add_option("--trans", pose.trans, "root translation in metres: 'x,y,z' or a JSON file");
  pose_cmd->add_flag("--flat-hand-mean", pose.convention.flat_hand_mean, "zero pose = flat hand (manopth) instead of the mean pose");
  pose_cmd->add_option("--pca", pose.convention.num_pca, "the pose gives N PCA coefficients instead of 45 axis-angles")
      ->capture_default_str();
  pose_cmd->add_option("--out,-o", pose.out, "output .obj, .ply, .glb or .json")->capture_default_str();

  if (const auto code = ParseOrExit(app, argc, argv)) return *code;
  if (info_cmd->parsed()) return RunInfo(info);
  if (export_cmd->parsed()) return RunExport(exp);
  ThrowIfInvalid("model pose", pose.Check());
  for (const std::string& path : RunModelPose(pose)) std::printf("wrote %s\n", path.c_str());
  return kExitOk;
}

}  // namespace handprop::cli
