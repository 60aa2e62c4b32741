// SPDX-License-Identifier: Apache-2.0
#include "app/commands/model_pose.h"

#include <nlohmann/json.hpp>

#include "app/commands/cli_support.h"
#include "core/meshio/mesh_export.h"
#include "core/model/hand_model_io.h"
#include "core/model/pose_convention.h"

namespace handprop::cli {

ResolvedPoseInput ResolvePoseInput(const HandModel& model, const ModelPoseOptions& o) {
  const int pose_size = o.convention.InputSize();
  // A flag wins over the params file; the params file wins over zeros.
  const auto pick = [&](const std::string& flag, const std::string& value, const char* key, int size) {
    if (!value.empty()) return ParseVectorArgument(flag, value, key, size, size);
    if (!o.params.empty()) return ParseVectorArgument("--params", "@" + o.params, key, size, size);
    return Eigen::VectorXd(Eigen::VectorXd::Zero(size));
  };
  ResolvedPoseInput r;
  r.pose_input = pick("--pose", o.pose, "pose", pose_size);
  r.params.pose = AbsolutePose(model, r.pose_input, o.convention);
  r.params.betas = pick("--shape", o.shape, "shape", kNumBetas);
  r.params.trans = pick("--trans", o.trans, "trans", 3);
  return r;
}

std::vector<std::string> RunModelPose(const ModelPoseOptions& o) { return WriteModelPose(LoadHandModelByName(o.model), o); }

std::vector<std::string> WriteModelPose(const HandModel& model, const ModelPoseOptions& o) {
  const ResolvedPoseInput input = ResolvePoseInput(model, o);
  const HandMesh mesh = HandLbs(model).Forward(input.params);
  const auto to_list = [](const Eigen::VectorXd& v) { return std::vector<double>(v.data(), v.data() + v.size()); };
  const nlohmann::json metadata = {
      {"model", model.name},
      {"convention", {{"flat_hand_mean", o.convention.flat_hand_mean}, {"num_pca", o.convention.num_pca}}},
      {"pose_input", to_list(input.pose_input)},
      {"pose_absolute", to_list(input.params.pose)},
      {"shape", to_list(input.params.betas)},
      {"trans", to_list(input.params.trans)}};
  return WritePosedHand(o.out, PosedHandOutput{mesh.vertices, model.faces, mesh.joints, mesh.keypoints}, metadata);
}

}  // namespace handprop::cli
