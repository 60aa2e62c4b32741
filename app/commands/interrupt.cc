// SPDX-License-Identifier: Apache-2.0
#include "app/commands/interrupt.h"

#include <csignal>
#include <cstdlib>
#include <unistd.h>

namespace handprop::cli {
namespace {

std::atomic<bool> cancel_requested{false};

extern "C" void OnInterrupt(int) {
  if (cancel_requested.exchange(true)) _exit(130);
  static const char message[] = "\nstopping after the current step (again to quit at once)\n";
  const ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
  (void)ignored;
}

}  // namespace

const std::atomic<bool>* CancelOnInterrupt() {
  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);
  return &cancel_requested;
}

}  // namespace handprop::cli
