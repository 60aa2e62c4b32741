// SPDX-License-Identifier: Apache-2.0
// A seeded random source whose output is the same on every platform and standard library:
// std::mt19937_64's sequence is fixed by the C++ standard, but the std distributions are not,
// so the conversions to uniform and normal numbers are written out here.
// Not thread-safe; give each thread its own instance.
#pragma once

#include <cstdint>
#include <random>

namespace handprop::openhand {

class SeededRandom {
 public:
  explicit SeededRandom(uint64_t seed) : engine_(seed) {}

  // Uniform in [0, 1), 53 random bits.
  double Uniform();
  // Uniform in [lo, hi).
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Standard normal (Box-Muller, one value per call).
  double Normal();
  double Normal(double mean, double stddev) { return mean + stddev * Normal(); }
  // Index drawn with probability proportional to weights[i] (non-negative, not all zero).
  int Categorical(const double* weights, int count);

 private:
  std::mt19937_64 engine_;
};

}  // namespace handprop::openhand
