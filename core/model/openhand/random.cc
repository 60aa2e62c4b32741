// SPDX-License-Identifier: Apache-2.0
#include "core/model/openhand/random.h"

#include <cmath>

#include "core/util/error.h"

namespace handprop::openhand {

double SeededRandom::Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

double SeededRandom::Normal() {
  constexpr double kTwoPi = 6.283185307179586476925286766559;
  const double u1 = 1.0 - Uniform();  // (0, 1]: log stays finite
  const double u2 = Uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2);
}

int SeededRandom::Categorical(const double* weights, int count) {
  double total = 0.0;
  for (int i = 0; i < count; ++i) total += weights[i];
  HP_CHECK(count > 0 && total > 0.0, "categorical weights must have a positive sum");
  double pick = Uniform() * total;
  for (int i = 0; i < count; ++i) {
    pick -= weights[i];
    if (pick < 0.0) return i;
  }
  return count - 1;
}

}  // namespace handprop::openhand
