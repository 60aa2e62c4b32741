// SPDX-License-Identifier: Apache-2.0
#include "core/util/error.h"

#include <cstdio>
#include <cstdlib>

namespace handprop::detail {

void CheckFailed(const char* file, int line, const char* condition, const std::string& message) {
  std::fprintf(stderr, "[%s:%d] Check failed: %s %s\n", file, line, condition, message.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace handprop::detail
