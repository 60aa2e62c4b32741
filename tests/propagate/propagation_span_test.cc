// SPDX-License-Identifier: Apache-2.0
// Which frames a propagation encodes and the order of its chained alignments.
#include "core/propagate/propagation_span.h"

#include <gtest/gtest.h>

#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::ErrorMessageOf;

TEST(PropagationSpanTest, SpanReachesTheBracketingKeyFrames) {
  const std::vector<int> keys = {0, 10, 20, 29};
  PropagationSpan span = MakePropagationSpan(keys, 30, 12, 15, "v");
  EXPECT_EQ(span.begin, 10);
  EXPECT_EQ(span.end, 21);
  EXPECT_EQ(span.keys, (std::vector<int>{10, 20}));
  span = MakePropagationSpan(keys, 30, 10, 10, "v");  // a key frame alone
  EXPECT_EQ(span.begin, 10);
  EXPECT_EQ(span.end, 11);
  span = MakePropagationSpan({5}, 30, 0, 29, "v");  // one key frame in the middle
  EXPECT_EQ(span.begin, 0);
  EXPECT_EQ(span.end, 30);
  EXPECT_EQ(span.PreviousKey(3), -1);
  EXPECT_EQ(span.NextKey(3), 5);
  EXPECT_EQ(span.PreviousKey(5), 5);
  EXPECT_EQ(span.NextKey(6), -1);
}

TEST(PropagationSpanTest, DirectLevelWhenGapsAreShort) {
  const PropagationSpan span = MakePropagationSpan({0, 4}, 5, 0, 4, "v");
  const auto forward = span.ChainLevels(true, 9);
  ASSERT_EQ(forward.size(), 1u);
  EXPECT_EQ(forward[0].from, (std::vector<int64_t>{0, 0, 0}));
  EXPECT_EQ(forward[0].to, (std::vector<int64_t>{1, 2, 3}));
  const auto backward = span.ChainLevels(false, 9);
  ASSERT_EQ(backward.size(), 1u);
  EXPECT_EQ(backward[0].from, (std::vector<int64_t>{4, 4, 4}));
  EXPECT_EQ(backward[0].to, (std::vector<int64_t>{1, 2, 3}));
}

TEST(PropagationSpanTest, LongGapsChainThroughEveryHop) {
  // Key frames 2 and 9 in frames 0..11, hop 3: forward from 2 reaches 3..5 directly, 6..8 from 5;
  // backward from 9 reaches 6..8 directly, 3..5 from 6, and 0..2 from 3 (frame 2 is a key: skipped).
  const PropagationSpan span = MakePropagationSpan({2, 9}, 12, 0, 11, "v");
  const auto forward = span.ChainLevels(true, 3);
  ASSERT_EQ(forward.size(), 2u);
  EXPECT_EQ(forward[0].from, (std::vector<int64_t>{2, 2, 2, 9, 9}));  // 10, 11 after the last key
  EXPECT_EQ(forward[0].to, (std::vector<int64_t>{3, 4, 5, 10, 11}));
  EXPECT_EQ(forward[1].from, (std::vector<int64_t>{5, 5, 5}));
  EXPECT_EQ(forward[1].to, (std::vector<int64_t>{6, 7, 8}));
  const auto backward = span.ChainLevels(false, 3);
  ASSERT_EQ(backward.size(), 2u);
  EXPECT_EQ(backward[0].from, (std::vector<int64_t>{2, 2, 9, 9, 9}));
  EXPECT_EQ(backward[0].to, (std::vector<int64_t>{0, 1, 6, 7, 8}));
  EXPECT_EQ(backward[1].from, (std::vector<int64_t>{6, 6, 6}));
  EXPECT_EQ(backward[1].to, (std::vector<int64_t>{3, 4, 5}));
  // Every level's sources are key frames or targets of an earlier level.
  for (const auto& levels : {forward, backward}) {
    std::vector<bool> known(12, false);
    known[2] = known[9] = true;
    for (const auto& level : levels) {
      for (int64_t from : level.from) EXPECT_TRUE(known[from]) << from;
      for (int64_t to : level.to) known[to] = true;
    }
  }
}

TEST(PropagationSpanTest, Errors) {
  EXPECT_EQ(ErrorMessageOf([] { MakePropagationSpan({}, 10, 0, 9, "a.mp4"); }),
            "a.mp4: has no key frames (manual, corrected or verified labels) to propagate from");
  EXPECT_EQ(ErrorMessageOf([] { MakePropagationSpan({0}, 10, 3, 10, "a.mp4"); }), "a.mp4: frames 3:10 are not a span of 0:9");
  EXPECT_EQ(ErrorMessageOf([] { MakePropagationSpan({0}, 10, 5, 4, "a.mp4"); }), "a.mp4: frames 5:4 are not a span of 0:9");
}

}  // namespace
}  // namespace handprop
