// SPDX-License-Identifier: Apache-2.0
// Ctrl-C (SIGINT) and SIGTERM for long CLI jobs: the first signal sets a cancel flag that the job
// checks between steps (training writes a checkpoint, propagation stops before the next video's
// write, so nothing half-done is stored); a second signal ends the process at once.
#pragma once

#include <atomic>

namespace handprop::cli {

// Installs the handlers (idempotent) and returns the flag they set.
const std::atomic<bool>* CancelOnInterrupt();

}  // namespace handprop::cli
