// SPDX-License-Identifier: Apache-2.0
// CPU thread settings for numeric work. LibTorch on x86-64 defaults to hardware_concurrency/2
// intra-op threads, which on these 1-thread-per-core machines halves the speed (build-env.md
// pitfall 3); every program calls ConfigureComputeThreads() once at start-up.
#pragma once

namespace handprop {

// Number of threads for compute: $OMP_NUM_THREADS when set and positive, else every core.
int DefaultComputeThreads();

}  // namespace handprop
