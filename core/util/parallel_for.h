// SPDX-License-Identifier: Apache-2.0
// Runs body(i) for i in [0, count) on `threads` worker threads (0 = DefaultComputeThreads()),
// handing out indices in increasing order (fewer threads when the system refuses more). Results must not depend on which thread ran an index:
// write them to slot i of a pre-sized vector. The first exception thrown by a body stops the
// hand-out of further indices and is rethrown in the caller once every worker has finished.
#pragma once

#include <functional>

namespace handprop {

void ParallelFor(int count, int threads, const std::function<void(int)>& body);

}  // namespace handprop
