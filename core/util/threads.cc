// SPDX-License-Identifier: Apache-2.0
#include "core/util/threads.h"

#include <cstdlib>
#include <thread>

namespace handprop {

int DefaultComputeThreads() {
  if (const char* env = std::getenv("OMP_NUM_THREADS"); env != nullptr) {
    const int n = std::atoi(env);
    if (n > 0) return n;
  }
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

}  // namespace handprop
