// SPDX-License-Identifier: Apache-2.0
// Entry point of the `handprop` command-line tool.
#include <cstring>

#include "app/command_table.h"
#include "app/openmp_wait_policy.h"

int main(int argc, char** argv) {
  // Commands that run networks on the CPU; the others start faster without the second exec.
  for (const char* heavy : {"train", "propagate", "demo", "eval"})
    if (argc >= 2 && std::strcmp(argv[1], heavy) == 0) handprop::cli::UsePassiveOpenMpWaits(argv);
  return handprop::cli::Dispatch(argc, argv);
}
