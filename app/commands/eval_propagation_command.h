// SPDX-License-Identifier: Apache-2.0
// `handprop eval propagation`: the label-propagation table of seed 003 on a project with a
// ground-truth store (core/propagate/propagation_benchmark.h).
#pragma once

namespace handprop::cli {

// argv[0] is "propagation".
int RunEvalPropagationCommand(int argc, char** argv);

}  // namespace handprop::cli
