// SPDX-License-Identifier: Apache-2.0
#include "core/data/sparse_labels.h"

#include <gtest/gtest.h>

namespace handprop {
namespace {

TEST(SparseLabels, EveryNthFrameAndTheLast) {
  EXPECT_EQ(KeyFrameIndices(10, 4), std::vector<int>({0, 4, 8, 9}));
  EXPECT_EQ(KeyFrameIndices(9, 4), std::vector<int>({0, 4, 8}));
  EXPECT_EQ(KeyFrameIndices(1, 5), std::vector<int>({0}));
  EXPECT_EQ(KeyFrameIndices(3, 1), std::vector<int>({0, 1, 2}));
}

TEST(SparseLabels, NeighboursTiesGoToThePreviousKeyFrame) {
  const std::vector<int> keys = KeyFrameIndices(10, 4);  // 0 4 8 9
  KeyFrameNeighbours n = NearestKeyFrames(keys, 2);
  EXPECT_EQ(n.previous, 0);
  EXPECT_EQ(n.next, 4);
  EXPECT_EQ(n.closest, 0);  // tie: 2 - 0 == 4 - 2
  n = NearestKeyFrames(keys, 3);
  EXPECT_EQ(n.closest, 4);
  n = NearestKeyFrames(keys, 4);
  EXPECT_EQ(n.previous, 4);
  EXPECT_EQ(n.next, 4);
  EXPECT_EQ(n.closest, 4);
  n = NearestKeyFrames(keys, 9);
  EXPECT_EQ(n.previous, 9);
}

}  // namespace
}  // namespace handprop
