// SPDX-License-Identifier: Apache-2.0
#include "core/model/pose_convention.h"

#include <gtest/gtest.h>

#include <random>

#include "core/util/error.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::MatricesNear;

class PoseConventionTest : public ::testing::Test {
 protected:
  HandModel model_ = testing::RandomHandModel(50, 11);
  std::mt19937 rng_{5};
  Eigen::VectorXd Random(int n) {
    std::normal_distribution<double> d(0, 0.5);
    Eigen::VectorXd v(n);
    for (int i = 0; i < n; ++i) v[i] = d(rng_);
    return v;
  }
};

TEST_F(PoseConventionTest, DefaultsAreValid) { EXPECT_EQ(PoseConvention{}.Check(), ""); }

TEST_F(PoseConventionTest, CheckNamesTheViolatedBound) {
  PoseConvention c;
  c.num_pca = 46;
  EXPECT_EQ(c.Check(), "num_pca = 46 violates num_pca <= 45");
}

TEST_F(PoseConventionTest, ZeroPoseIsTheMeanUnlessFlatHandMean) {
  const Eigen::VectorXd zero = Eigen::VectorXd::Zero(48);
  EXPECT_TRUE(MatricesNear(AbsolutePose(model_, zero, {false, 0}).tail(45), model_.pca_mean, 0));
  EXPECT_TRUE(MatricesNear(AbsolutePose(model_, zero, {true, 0}), zero, 0));
}

TEST_F(PoseConventionTest, AxisAngleRoundTripsInBothConventions) {
  for (bool flat : {false, true}) {
    const Eigen::VectorXd input = Random(48);
    const PoseConvention c{flat, 0};
    EXPECT_TRUE(MatricesNear(ConventionPose(model_, AbsolutePose(model_, input, c), c), input, 1e-15));
  }
}

TEST_F(PoseConventionTest, PcaIsOffsetTimesComponentRows) {
  const Eigen::VectorXd input = Random(3 + 6);
  const Eigen::VectorXd absolute = AbsolutePose(model_, input, {false, 6});
  const Eigen::VectorXd expected = model_.pca_mean + model_.pca_components.topRows(6).transpose() * input.tail(6);
  EXPECT_TRUE(MatricesNear(absolute.tail(45), expected, 1e-15));
  EXPECT_TRUE(MatricesNear(absolute.head(3), input.head(3), 0));
}

TEST_F(PoseConventionTest, PcaRoundTripsForEveryComponentCount) {
  for (int n : {1, 6, 15, 45}) {
    for (bool flat : {false, true}) {
      const PoseConvention c{flat, n};
      const Eigen::VectorXd input = Random(3 + n);
      EXPECT_TRUE(MatricesNear(ConventionPose(model_, AbsolutePose(model_, input, c), c), input, 1e-10)) << n;
    }
  }
  // All 45 components span the space: any axis-angle articulation survives.
  const Eigen::VectorXd absolute = Random(48);
  const PoseConvention full{false, 45};
  EXPECT_TRUE(MatricesNear(AbsolutePose(model_, ConventionPose(model_, absolute, full), full), absolute, 1e-10));
}

TEST_F(PoseConventionTest, WrongSizesAreInputErrors) {
  EXPECT_THROW(AbsolutePose(model_, Eigen::VectorXd::Zero(47), {}), InputError);
  EXPECT_THROW(AbsolutePose(model_, Eigen::VectorXd::Zero(9), {false, 12}), InputError);
  HandModel small = model_;
  small.pca_components = model_.pca_components.topRows(10);
  EXPECT_THROW(AbsolutePose(small, Eigen::VectorXd::Zero(15), {false, 12}), InputError);
}

}  // namespace
}  // namespace handprop
