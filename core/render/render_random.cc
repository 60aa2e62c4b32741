// SPDX-License-Identifier: Apache-2.0
#include "core/render/render_random.h"

#include <cmath>

#include "core/util/error.h"

namespace handprop {

uint64_t RenderRng::NextBits() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

double RenderRng::Uniform() { return static_cast<double>(NextBits() >> 11) * 0x1.0p-53; }

int RenderRng::UniformInt(int n) {
  HP_CHECK(n > 0, "UniformInt: n = ", n);
  return static_cast<int>((NextBits() >> 11) % static_cast<uint64_t>(n));
}

double RenderRng::Normal() {
  const double u1 = 1.0 - Uniform();  // (0, 1]
  const double u2 = Uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

uint64_t MixSeed(uint64_t seed, uint64_t stream) {
  RenderRng rng(seed ^ (stream * 0xD1B54A32D192ED03ull + 0x8CB92BA72F3D8DD7ull));
  return rng.NextBits();
}

}  // namespace handprop
