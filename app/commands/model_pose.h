// SPDX-License-Identifier: Apache-2.0
// The work behind `handprop model pose`: read parameters from flags and/or a JSON file, pose the
// model with the Eigen LBS, and write the mesh and keypoints.
#pragma once

#include <string>
#include <vector>

#include "app/commands/command_options.h"
#include "core/model/lbs.h"

namespace handprop::cli {

// Parameters as the user gave them (convention input vector) and as absolute pose.
struct ResolvedPoseInput {
  Eigen::VectorXd pose_input;
  HandParams params;  // absolute pose
};

ResolvedPoseInput ResolvePoseInput(const HandModel& model, const ModelPoseOptions& options);

// Poses an already loaded `model` as `options` say (options.model is not read) and writes
// options.out; returns the files written.
std::vector<std::string> WriteModelPose(const HandModel& model, const ModelPoseOptions& options);

// Loads options.model, then WriteModelPose.
std::vector<std::string> RunModelPose(const ModelPoseOptions& options);

}  // namespace handprop::cli
