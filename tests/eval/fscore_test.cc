// SPDX-License-Identifier: Apache-2.0
#include "core/eval/fscore.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::WavePoints;

TEST(FScoreTest, IdenticalSetsScoreOne) {
  const Eigen::Matrix3Xd v = WavePoints(100, 0.9, 1.1, 0.4);
  for (const FScore& s : ComputeFScores(v, v, {0.005, 0.015})) {
    EXPECT_EQ(s.precision, 1.0);
    EXPECT_EQ(s.recall, 1.0);
    EXPECT_EQ(s.f, 1.0);
  }
}

TEST(FScoreTest, AShiftedSetPassesOnlyTheLargerThreshold) {
  // Points 10 cm apart on a line, shifted 8 mm: every nearest neighbour is 8 mm away.
  Eigen::Matrix3Xd gt(3, 6);
  for (int i = 0; i < 6; ++i) gt.col(i) << 0.1 * i, 0, 0.5;
  const Eigen::Matrix3Xd pred = gt.colwise() + Eigen::Vector3d(0, 0.008, 0);
  const std::vector<FScore> s = ComputeFScores(pred, gt, {0.005, 0.015});
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].threshold, 0.005);
  EXPECT_EQ(s[0].f, 0.0);
  EXPECT_EQ(s[1].f, 1.0);
}

TEST(FScoreTest, ThresholdIsStrict) {
  Eigen::Matrix3Xd gt(3, 1), pred(3, 1);
  gt << 0, 0, 0;
  pred << 0.25, 0, 0;  // exactly representable
  EXPECT_EQ(ComputeFScores(pred, gt, {0.25})[0].f, 0.0);
  EXPECT_EQ(ComputeFScores(pred, gt, {0.2500001})[0].f, 1.0);
}

TEST(FScoreTest, UnequalSetsSeparatePrecisionFromRecall) {
  // Prediction covers only half of the ground truth: precision 1, recall 1/2, F = 2/3.
  Eigen::Matrix3Xd gt(3, 4);
  gt << 0, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0;
  const Eigen::Matrix3Xd pred = gt.leftCols(2);
  const FScore s = ComputeFScores(pred, gt, {0.5})[0];
  EXPECT_EQ(s.precision, 1.0);
  EXPECT_EQ(s.recall, 0.5);
  EXPECT_NEAR(s.f, 2.0 / 3.0, 1e-15);
  EXPECT_TRUE(testing::MatricesNear(NearestNeighbourDistances(gt, pred), Eigen::Vector4d(0, 0, 1, 2), 0));
}

TEST(FScoreTest, MatchesFreiHandBruteForce) {
  // Golden values: NumPy brute force with FreiHAND's strict comparison on the same sets.
  const Eigen::Matrix3Xd pred = WavePoints(60, 0.9, 1.1, 0.4), gt = WavePoints(45, 0.95, 1.05, 0.45);
  const std::vector<FScore> s = ComputeFScores(pred, gt, {0.005, 0.015});
  EXPECT_NEAR(s[0].precision, 0.06666666666666667, 1e-15);
  EXPECT_NEAR(s[0].recall, 0.08888888888888889, 1e-15);
  EXPECT_NEAR(s[0].f, 0.0761904761904762, 1e-15);
  EXPECT_NEAR(s[1].precision, 0.5166666666666667, 1e-15);
  EXPECT_NEAR(s[1].recall, 0.7555555555555555, 1e-15);
  EXPECT_NEAR(s[1].f, 0.6136826783114994, 1e-15);
}

TEST(FScoreDeathTest, EmptySetDies) {
  EXPECT_DEATH(ComputeFScores(Eigen::Matrix3Xd(3, 0), WavePoints(3, 1, 1, 1), {0.01}), "empty");
}

}  // namespace
}  // namespace handprop
