// SPDX-License-Identifier: Apache-2.0
#include "core/eval/pck.h"

#include <gtest/gtest.h>

#include "tests/support/test_util.h"

namespace handprop {
namespace {

TEST(PckTest, LinearThresholdsMatchNumpyLinspace) {
  const Eigen::VectorXd t = LinearThresholds(0.0, 0.05, 100);
  ASSERT_EQ(t.size(), 100);
  EXPECT_EQ(t(0), 0.0);
  EXPECT_EQ(t(99), 0.05);
  EXPECT_NEAR(t(1), 0.000505050505050505, 1e-18);
  EXPECT_NEAR(t(37), 0.018686868686868686, 1e-17);
  EXPECT_NEAR(LinearThresholds(0.02, 0.05, 15)(7), 0.035, 1e-17);
}

TEST(PckTest, TrapezoidIsNormalised) {
  const Eigen::VectorXd x = LinearThresholds(2.0, 6.0, 5);
  EXPECT_DOUBLE_EQ(NormalisedTrapezoid(x, Eigen::VectorXd::Constant(5, 0.7)), 0.7);
  Eigen::VectorXd ramp = (x.array() - 2.0) / 4.0;  // 0 .. 1 linearly
  EXPECT_DOUBLE_EQ(NormalisedTrapezoid(x, ramp), 0.5);
}

TEST(PckTest, CountsPerKeypointWithInclusiveOrStrictThresholds) {
  const Eigen::VectorXd thresholds = LinearThresholds(0.0, 0.04, 5);  // 0, 0.01, ..., 0.04
  PckAccumulator inclusive(2, thresholds), strict(2, thresholds, true);
  // Keypoint 0 exactly on a threshold, keypoint 1 beyond all of them.
  const Eigen::Vector2d first(0.02, 0.5), second(0.005, 0.035);
  for (PckAccumulator* pck : {&inclusive, &strict}) {
    pck->Add(first);
    pck->Add(second);
  }
  EXPECT_EQ(inclusive.num_samples(), 2);
  // Inclusive: kp0 hits {0.005 from 0.01 on, 0.02 from 0.02 on} -> (0, .5, 1, 1, 1);
  //            kp1 hits {0.035 from 0.04}                       -> (0, 0, 0, 0, .5).
  Eigen::VectorXd expected(5);
  expected << 0, 0.25, 0.5, 0.5, 0.75;
  EXPECT_TRUE(testing::MatricesNear(inclusive.Curve(), expected, 1e-15));
  expected << 0, 0.25, 0.25, 0.5, 0.75;  // strict: 0.02 is not < 0.02
  EXPECT_TRUE(testing::MatricesNear(strict.Curve(), expected, 1e-15));
  // Mean of the per-keypoint trapezoid areas over [0, 0.04], by hand.
  const double kp0 = (0.25 + 0.75 + 1.0 + 1.0) / 4.0, kp1 = (0.0 + 0.0 + 0.0 + 0.25) / 4.0;
  EXPECT_NEAR(inclusive.Auc(), 0.5 * (kp0 + kp1), 1e-15);
}

TEST(PckTest, EmptyAccumulatorAndMerge) {
  const Eigen::VectorXd thresholds = LinearThresholds(0.0, 0.05, 100);
  PckAccumulator a(3, thresholds), b(3, thresholds), both(3, thresholds);
  EXPECT_EQ(a.Auc(), 0.0);
  EXPECT_TRUE(testing::MatricesNear(a.Curve(), Eigen::VectorXd::Zero(100), 0));
  const Eigen::Vector3d d1(0.001, 0.02, 0.07), d2(0.03, 0.0, 0.049);
  a.Add(d1);
  b.Add(d2);
  both.Add(d1);
  both.Add(d2);
  a.Merge(b);
  EXPECT_EQ(a.num_samples(), 2);
  EXPECT_TRUE(testing::MatricesNear(a.Curve(), both.Curve(), 1e-15));
  EXPECT_DOUBLE_EQ(a.Auc(), both.Auc());
}

TEST(PckTest, PointDistancesAreColumnNorms) {
  Eigen::Matrix3Xd a(3, 2), b(3, 2);
  a << 0, 1, 0, 1, 0, 1;
  b << 3, 1, 4, 1, 0, 2;
  EXPECT_TRUE(testing::MatricesNear(PointDistances(a, b), Eigen::Vector2d(5, 1), 0));
}

TEST(PckDeathTest, MisuseDies) {
  EXPECT_DEATH(LinearThresholds(0, 1, 1), "count 1");
  PckAccumulator pck(2, LinearThresholds(0, 1, 3));
  EXPECT_DEATH(pck.Add(Eigen::Vector3d::Zero()), "3 distances, expected 2");
  EXPECT_DEATH(PckAccumulator(2, Eigen::Vector2d(1, 0)), "ascend");
}

}  // namespace
}  // namespace handprop
