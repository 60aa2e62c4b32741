// SPDX-License-Identifier: Apache-2.0
#include "core/util/parallel_for.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace handprop {
namespace {

TEST(ParallelFor, RunsEveryIndexExactlyOnce) {
  for (int threads : {0, 1, 2, 7}) {
    std::vector<std::atomic<int>> hits(100);
    ParallelFor(100, threads, [&](int i) { ++hits[i]; });
    for (int i = 0; i < 100; ++i) EXPECT_EQ(hits[i], 1) << "index " << i << ", threads " << threads;
  }
  int calls = 0;
  ParallelFor(0, 4, [&](int) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(ParallelFor, TheFirstExceptionReachesTheCallerAndStopsTheHandOut) {
  // On one thread the hand-out order is fixed: indices 0..3 run, then nothing more.
  std::atomic<int> ran{0};
  EXPECT_THROW(ParallelFor(1000, 1,
                           [&](int i) {
                             ++ran;
                             if (i == 3) throw std::runtime_error("index 3");
                           }),
               std::runtime_error);
  EXPECT_EQ(ran, 4);
  // On several threads the exception still reaches the caller (how many other indices ran before
  // the failure was seen depends on scheduling).
  EXPECT_THROW(ParallelFor(1000, 3, [&](int i) { if (i == 500) throw std::runtime_error("index 500"); }), std::runtime_error);
}

}  // namespace
}  // namespace handprop
