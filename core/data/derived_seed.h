// SPDX-License-Identifier: Apache-2.0
// Independent random streams of one run seed: DeriveSeed(seed, stream, index) is a well-mixed
// 64-bit seed (SplitMix64's finaliser) for item `index` of `stream`, so that the randomness of
// one item never depends on how many items of other streams or other splits there are.
#pragma once

#include <cstdint>

namespace handprop {

uint64_t DeriveSeed(uint64_t seed, uint64_t stream, uint64_t index);

// Stream ids used by the synthetic generator; a test-split item uses stream | kTestSplitStream.
enum SeedStream : uint64_t {
  kSequenceStream = 1,
  kMotionStream = 2,
  kLightStream = 3,
  kBackgroundStream = 4,
  kTextureStream = 5,
  kSubjectStream = 6,
  kTestSplitStream = 1ull << 32,
};

}  // namespace handprop
