// SPDX-License-Identifier: Apache-2.0
// The trained methods of seed 003's Table I as PropagationMethods for RunPropagationBenchmark
// (propagation_benchmark.h), so `handprop eval propagation --model M` scores them beside the
// key-frame baselines:
//   "baseline"          the stage-1 Hand Predictor alone, frame by frame (first scenario)
//   "baseline + align"  the stage-3 predictor (trained with the alignment losses), frame by frame
//   "propagation"       the nearest key frame's label moved by the Pose Aligner (second scenario)
//   "bidirectional"     both bracketing key frames, blended (label_propagator.h)
//   "bidirectional, no gate"  the same without the agreement gate (only when the gate is on)
// Every video of the project is propagated once, here, before the benchmark runs (the networks
// use every core themselves); the returned methods only look the results up, so the benchmark
// may call them from several threads. Frames without a result (none: every frame is computed)
// would be absent. Errors are LabelPropagator's. Torch-free header.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/propagate/label_propagator.h"
#include "core/propagate/propagation_benchmark.h"

namespace handprop {

struct LearnedMethodsOptions {
  std::string model;     // a training folder or a propagator checkpoint
  std::string baseline;  // the stage-1 checkpoint; "" = stage1.ckpt beside the model, if there
  LabelPropagatorOptions propagator;
};

// (videos done, videos) after each video of each network.
using LearnedMethodsProgress = std::function<void(const std::string& network, int, int)>;

std::vector<std::pair<std::string, PropagationMethod>> LearnedPropagationMethods(
    const std::string& project, const LearnedMethodsOptions& options, const LearnedMethodsProgress& progress = {});

}  // namespace handprop
