// SPDX-License-Identifier: Apache-2.0
#include "core/train/pair_sampler.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/data/sparse_labels.h"
#include "core/util/error.h"

namespace handprop {
namespace {

bool IsKey(const VideoKeyFrames& v, int f) { return std::binary_search(v.key_frames.begin(), v.key_frames.end(), f); }

// The rule, written independently: the k key frames nearest to a, ties to the earlier frame.
std::vector<int> ExpectedNearest(const VideoKeyFrames& v, int a, int k) {
  std::vector<std::pair<int, int>> by_distance;
  for (int key : v.key_frames) by_distance.push_back({std::abs(key - a), key});
  std::sort(by_distance.begin(), by_distance.end());
  std::vector<int> out;
  for (int i = 0; i < std::min<int>(k, static_cast<int>(by_distance.size())); ++i) out.push_back(by_distance[i].second);
  return out;
}

std::vector<VideoKeyFrames> TypicalVideos() {
  return {{300, KeyFrameIndices(300, 10)}, {95, KeyFrameIndices(95, 10)}, {41, KeyFrameIndices(41, 10)}};
}

TEST(PairSamplerTest, DefaultsAreValid) {
  EXPECT_EQ(PairSamplerOptions{}.Check(), "");
  EXPECT_EQ(PairSamplerOptions{}.max_gap, 10);
  EXPECT_EQ(PairSamplerOptions{}.top_k, 3);
}

TEST(PairSamplerTest, EveryPairObeysTheRulesAndTheRatioMatches) {
  PairSamplerOptions options;
  options.unlabelled_probability = 0.3;
  options.seed = 42;
  PairSampler sampler(TypicalVideos(), options);
  const int n = 10000;
  int unlabelled = 0, self_pairs = 0;
  std::vector<int> per_video(3, 0);
  for (const FramePair& p : sampler.NextBatch(n)) {
    ASSERT_GE(p.video, 0);
    ASSERT_LT(p.video, 3);
    const VideoKeyFrames& v = sampler.videos()[p.video];
    ++per_video[p.video];
    ASSERT_TRUE(IsKey(v, p.a)) << "a = " << p.a;
    ASSERT_GE(p.b, 0);
    ASSERT_LT(p.b, v.num_frames);
    ASSERT_EQ(p.b_is_labelled, IsKey(v, p.b));
    if (p.b_is_labelled) {
      const std::vector<int> allowed = ExpectedNearest(v, p.a, 3);
      ASSERT_NE(std::find(allowed.begin(), allowed.end(), p.b), allowed.end()) << "a " << p.a << " b " << p.b;
      self_pairs += p.a == p.b;
    } else {
      ASSERT_LT(std::abs(p.b - p.a), 10);
      ++unlabelled;
    }
  }
  // Every key frame here has unlabelled frames within the gap, so the branch rate is exact.
  const double sigma = std::sqrt(n * 0.3 * 0.7);
  EXPECT_LT(std::abs(unlabelled - n * 0.3), 3 * sigma) << unlabelled;
  EXPECT_GT(self_pairs, 0);
  // a is uniform over all key frames (31, 11 and 5 of them), so videos come in that proportion.
  ASSERT_EQ(sampler.videos()[2].key_frames.size(), 5u);
  for (int v = 0; v < 3; ++v) {
    const double q = sampler.videos()[v].key_frames.size() / 47.0;
    EXPECT_LT(std::abs(per_video[v] - n * q), 3 * std::sqrt(n * q * (1 - q))) << "video " << v;
  }
}

TEST(PairSamplerTest, UnlabelledPartnersCoverTheWholeWindow) {
  PairSamplerOptions options;
  options.unlabelled_probability = 1.0;
  PairSampler sampler({{50, {20}}}, options);  // one key frame in the middle
  std::vector<int> seen(50, 0);
  for (const FramePair& p : sampler.NextBatch(5000)) ++seen[p.b];
  for (int f = 0; f < 50; ++f) {
    const bool inside = std::abs(f - 20) < 10 && f != 20;
    EXPECT_EQ(seen[f] > 0, inside) << "frame " << f;
  }
}

TEST(PairSamplerTest, DeterministicPerSeed) {
  PairSamplerOptions options;
  options.seed = 7;
  PairSampler one(TypicalVideos(), options), two(TypicalVideos(), options);
  options.seed = 8;
  PairSampler other(TypicalVideos(), options);
  int differences = 0;
  for (int i = 0; i < 500; ++i) {
    const FramePair x = one.Next(), y = two.Next(), z = other.Next();
    ASSERT_EQ(x.video, y.video);
    ASSERT_EQ(x.a, y.a);
    ASSERT_EQ(x.b, y.b);
    ASSERT_EQ(x.b_is_labelled, y.b_is_labelled);
    differences += x.a != z.a || x.b != z.b || x.video != z.video;
  }
  EXPECT_GT(differences, 100);
}

TEST(PairSamplerTest, LabelledOnlyStageNeverPicksUnlabelledFrames) {
  PairSamplerOptions options;
  options.unlabelled_probability = 1.0;
  options.labelled_only = true;
  PairSampler sampler(TypicalVideos(), options);
  for (const FramePair& p : sampler.NextBatch(2000)) {
    ASSERT_TRUE(p.b_is_labelled);
    ASSERT_TRUE(IsKey(sampler.videos()[p.video], p.b));
  }
}

TEST(PairSamplerTest, EdgeCases) {
  PairSamplerOptions options;
  options.unlabelled_probability = 0.0;
  options.top_k = 10;  // more than any video has
  // A single-key video pairs its key with itself; a video without keys is never drawn.
  PairSampler sampler({{1, {0}}, {30, {}}, {12, {0, 11}}}, options);
  for (const FramePair& p : sampler.NextBatch(1000)) {
    ASSERT_NE(p.video, 1);
    if (p.video == 0) {
      ASSERT_EQ(p.b, 0);
    } else {
      ASSERT_TRUE(p.b == 0 || p.b == 11);
    }
  }
  EXPECT_EQ(sampler.TopNearestKeyFrames(2, 11), (std::vector<int>{11, 0}));

  // Fully labelled video: the unlabelled branch has no candidate and falls back to labelled.
  options.unlabelled_probability = 1.0;
  options.top_k = 3;
  PairSampler dense({{6, {0, 1, 2, 3, 4, 5}}}, options);
  for (const FramePair& p : dense.NextBatch(500)) {
    ASSERT_TRUE(p.b_is_labelled);
    ASSERT_LE(std::abs(p.b - p.a), 2);  // a and its two nearest keys
  }
  // Ties go to the earlier frame: from 2, the nearest three are 2, 1, 3.
  EXPECT_EQ(dense.TopNearestKeyFrames(0, 2), (std::vector<int>{2, 1, 3}));

  // The gap window is clipped at both ends of a short video.
  PairSampler clipped({{4, {0, 3}}}, options);
  for (const FramePair& p : clipped.NextBatch(500)) {
    ASSERT_FALSE(p.b_is_labelled);
    ASSERT_TRUE(p.b == 1 || p.b == 2);
  }
}

TEST(PairSamplerTest, RejectsBadInput) {
  EXPECT_THROW(PairSampler({}, PairSamplerOptions{}), InputError);
  EXPECT_THROW(PairSampler({{10, {}}}, PairSamplerOptions{}), InputError);
  EXPECT_THROW(PairSampler({{10, {3, 3}}}, PairSamplerOptions{}), InputError);
  EXPECT_THROW(PairSampler({{10, {10}}}, PairSamplerOptions{}), InputError);
  EXPECT_THROW(PairSampler({{0, {}}}, PairSamplerOptions{}), InputError);
  PairSamplerOptions bad;
  bad.unlabelled_probability = 1.5;
  EXPECT_EQ(bad.Check(), "unlabelled_probability = 1.5 violates unlabelled_probability <= 1");
  try {
    PairSampler({{10, {4, 2}}}, PairSamplerOptions{});
    FAIL() << "no throw";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "pair sampler: video 0: key frames are not strictly increasing");
  }
}

}  // namespace
}  // namespace handprop
