// SPDX-License-Identifier: Apache-2.0
// The label-propagation part of `handprop demo`: train the networks briefly on the synthetic
// project's training split, score every method on its unlabelled frames against the ground truth
// (seed 003's Table I), and propagate the key frames into the project for the GUI.
#pragma once

#include <string>

#include "app/commands/command_options.h"

namespace handprop::cli {

// `synth_folder` holds project.hpj, ground_truth.hpj and synth.json. The model goes to
// OUT/model (resumed, so a second demo reuses it), the table to OUT/table.{md,json}.
void RunDemoPropagation(const DemoOptions& options, const std::string& synth_folder);

}  // namespace handprop::cli
