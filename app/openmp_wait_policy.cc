// SPDX-License-Identifier: Apache-2.0
#include "app/openmp_wait_policy.h"

#include <unistd.h>

#include <cstdlib>

namespace handprop::cli {

void UsePassiveOpenMpWaits(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") != nullptr) return;
  if (setenv("OMP_WAIT_POLICY", "PASSIVE", 1) != 0) return;
  execv("/proc/self/exe", argv);
}

}  // namespace handprop::cli
