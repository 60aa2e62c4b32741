// SPDX-License-Identifier: Apache-2.0
// The tiny synthetic project the train and propagate tests share: `handprop synth --preset tiny`
// (2 sequences, train and test, x 2 cameras x 12 frames of 64 px, key frames 0, 4, 8, 11) with
// lossless PNG frames, rendered into `out` with `seed`. Header-only: tests that include it link
// handprop_data.
#pragma once

#include <cstdint>
#include <string>

#include "core/data/synth_job.h"

namespace handprop::testing {

inline SynthResult RenderTinyProject(const std::string& out, uint64_t seed) {
  SynthOptions options = SynthPreset("tiny");
  options.out = out;
  options.seed = seed;
  options.video_format = SynthVideoFormat::kPng;
  return RunSynth(options);
}

}  // namespace handprop::testing
