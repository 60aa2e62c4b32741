// SPDX-License-Identifier: Apache-2.0
#include "core/propagate/keyframe_baselines.h"

#include <gtest/gtest.h>

#include "core/geometry/rotation.h"
#include "core/model/hand_model_io.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::MatricesNear;

class KeyFrameBaselinesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { model_ = new HandModel(LoadHandModelByName("openhand")); }
  static void TearDownTestSuite() { delete model_; }
  static HandParams RandomHand(uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(-0.4, 0.4);
    HandParams p;
    for (int i = 0; i < kPoseDim; ++i) p.pose[i] = u(rng);
    for (int i = 0; i < kNumBetas; ++i) p.betas[i] = 2 * u(rng);
    p.trans = Eigen::Vector3d(u(rng), u(rng), 0.5 + u(rng)) * 0.2;
    return p;
  }
  static HandModel* model_;
};
HandModel* KeyFrameBaselinesTest::model_ = nullptr;

TEST_F(KeyFrameBaselinesTest, KeyFramesAreKeptAndCopyNearestBreaksTiesToThePast) {
  const std::map<int, HandParams> keys = {{2, RandomHand(1)}, {6, RandomHand(2)}};
  const std::vector<HandParams> copy = PropagateByBaseline(*model_, keys, 9, KeyFrameBaseline::kCopyNearest);
  ASSERT_EQ(copy.size(), 9u);
  const auto same = [](const HandParams& a, const HandParams& b) { return a.pose == b.pose && a.trans == b.trans; };
  for (int f : {0, 1, 2, 3, 4}) EXPECT_TRUE(same(copy[f], keys.at(2))) << f;  // 4 is a tie: the past wins
  for (int f : {5, 6, 7, 8}) EXPECT_TRUE(same(copy[f], keys.at(6))) << f;
  const std::vector<HandParams> lerp = PropagateByBaseline(*model_, keys, 9, KeyFrameBaseline::kInterpolate);
  EXPECT_TRUE(same(lerp[2], keys.at(2)));
  EXPECT_TRUE(same(lerp[6], keys.at(6)));
  EXPECT_TRUE(same(lerp[0], keys.at(2)));  // outside the key frames: the nearest one
  EXPECT_TRUE(same(lerp[8], keys.at(6)));
}

TEST_F(KeyFrameBaselinesTest, InterpolationSlerpsEveryJointAndMovesTheWristOnALine) {
  const HandParams a = RandomHand(3), b = RandomHand(4);
  const HandParams mid = InterpolateHandParams(*model_, a, b, 0.25);
  for (int j = 0; j < kNumJoints; ++j) {
    const Eigen::Matrix3d ra = AxisAngleToMatrix(a.pose.segment<3>(3 * j)), rb = AxisAngleToMatrix(b.pose.segment<3>(3 * j));
    const Eigen::Matrix3d rm = AxisAngleToMatrix(mid.pose.segment<3>(3 * j));
    const double total = RotationAngleBetween(ra, rb);
    EXPECT_NEAR(RotationAngleBetween(ra, rm), 0.25 * total, 1e-9) << "joint " << j;
    EXPECT_NEAR(RotationAngleBetween(rm, rb), 0.75 * total, 1e-9) << "joint " << j;
  }
  EXPECT_TRUE(MatricesNear(mid.betas, 0.75 * a.betas + 0.25 * b.betas, 1e-12));
  const HandLbs lbs(*model_);
  const Eigen::Vector3d wrist_a = lbs.Forward(a).joints.col(0), wrist_b = lbs.Forward(b).joints.col(0);
  EXPECT_TRUE(MatricesNear(lbs.Forward(mid).joints.col(0), 0.75 * wrist_a + 0.25 * wrist_b, 1e-12));
  // A hand turning at constant speed about one axis is interpolated exactly.
  HandParams start = a, end = a, quarter = a;
  start.pose.head<3>() = Eigen::Vector3d(0, 0.2, 0);
  end.pose.head<3>() = Eigen::Vector3d(0, 1.0, 0);
  quarter.pose.head<3>() = Eigen::Vector3d(0, 0.4, 0);
  EXPECT_TRUE(MatricesNear(InterpolateHandParams(*model_, start, end, 0.25).pose, quarter.pose, 1e-12));
}

}  // namespace
}  // namespace handprop
