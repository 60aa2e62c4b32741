// SPDX-License-Identifier: Apache-2.0
// A seeded, untrained stage-3 propagator checkpoint for tests that run propagation end to end
// (the job, the GUI worker) without training. Header-only: tests that include it link
// handprop_train.
#pragma once

#include <filesystem>
#include <string>

#include "core/train/propagator_trainer.h"

namespace handprop::testing {

// Writes the checkpoint to `path` (its folder is created) with `crop_size`-pixel crops.
inline void SaveUntrainedPropagator(const std::string& path, int crop_size) {
  PropagatorTrainerOptions options;
  options.stage = 3;
  options.steps = 0;
  options.network.crop_size = crop_size;
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (!folder.empty()) std::filesystem::create_directories(folder);
  PropagatorTrainer(options).SaveCheckpoint(path);
}

}  // namespace handprop::testing
