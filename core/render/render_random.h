// SPDX-License-Identifier: Apache-2.0
// The random source of the renderer: SplitMix64 with its own uniform/normal mappings, so that a
// seed gives the same textures, lights and skins with every compiler and standard library
// (std::uniform_real_distribution and friends are implementation-defined). Not thread-safe:
// use one RenderRng per thread/job; construction is free.
#pragma once

#include <cstdint>

namespace handprop {

class RenderRng {
 public:
  explicit RenderRng(uint64_t seed) : state_(seed) {}

  // 64 uniformly distributed bits (SplitMix64, Steele et al. 2014).
  uint64_t NextBits();
  // Uniform in [0, 1), 53 bits.
  double Uniform();
  // Uniform in [lo, hi).
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [0, n), n > 0 (HP_CHECK).
  int UniformInt(int n);
  // Standard normal (Box-Muller, one value per call).
  double Normal();
  // true with probability p.
  bool Bernoulli(double p) { return Uniform() < p; }

 private:
  uint64_t state_;
};

// Mixes a seed with a stream id into an independent seed, e.g. MixSeed(video_seed, 3).
uint64_t MixSeed(uint64_t seed, uint64_t stream);

}  // namespace handprop
