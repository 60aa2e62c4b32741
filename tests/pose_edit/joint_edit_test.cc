// SPDX-License-Identifier: Apache-2.0
#include "core/pose_edit/joint_edit.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/data/model_joint_limits.h"
#include "core/geometry/rotation.h"
#include "core/model/openhand/anatomical_pose.h"
#include "core/model/openhand/openhand.h"
#include "tests/pose_edit/openhand_fixture.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::ErrorMessageOf;
using testing::MatricesNear;

class JointEditTest : public testing::OpenHandTest {
 protected:
  // A hand inside the limits, turned and placed 0.45 m in front of the camera.
  static HandParams SomeHand(uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(0.1, 0.9);
    openhand::AnatomicalPose angles;
    for (int k = 0; k < kNumArticulatedJoints; ++k)
      for (int a = 0; a < 3; ++a)
        angles(k, a) = limits_->min_deg(k, a) + u(rng) * (limits_->max_deg(k, a) - limits_->min_deg(k, a));
    HandParams p;
    p.pose.tail<kArticulationDim>() = openhand::ToArticulation(angles, *limits_);
    p.pose.head<3>() = Eigen::Vector3d(0.4, -0.3, 0.2);
    p.trans = Eigen::Vector3d(0.01, -0.02, 0.45);
    return p;
  }
};

TEST_F(JointEditTest, AnglesRoundTripAndAgreeWithAnatomicalPose) {
  const HandParams hand = SomeHand(3);
  const openhand::AnatomicalPose reference = openhand::FromArticulation(hand.pose.tail<kArticulationDim>(), *limits_);
  std::mt19937 rng(5);
  for (int joint = 1; joint < kNumJoints; ++joint) {
    EXPECT_TRUE(MatricesNear(JointAngles(*limits_, hand, joint), reference.row(joint - 1).transpose(), 1e-9)) << joint;
    Eigen::Vector3d wanted;
    for (int a = 0; a < 3; ++a)
      wanted[a] =
          std::uniform_real_distribution<double>(limits_->min_deg(joint - 1, a), limits_->max_deg(joint - 1, a))(rng);
    const HandParams edited = SetJointAngles(*limits_, hand, joint, wanted);
    EXPECT_TRUE(MatricesNear(JointAngles(*limits_, edited, joint), wanted, 1e-9)) << joint;
    PoseVector expected = hand.pose;
    expected.segment<3>(3 * joint) = edited.pose.segment<3>(3 * joint);
    EXPECT_EQ(edited.pose, expected) << "only joint " << joint << " may change";
    EXPECT_EQ(edited.trans, hand.trans);
    EXPECT_EQ(edited.betas, hand.betas);
  }
}

TEST_F(JointEditTest, SetJointAnglesClampsToTheLimits) {
  const HandParams hand = SomeHand(4);
  for (int joint : {2, 13}) {
    const Eigen::Vector3d lo = limits_->min_deg.row(joint - 1).transpose();
    const Eigen::Vector3d hi = limits_->max_deg.row(joint - 1).transpose();
    const Eigen::Vector3d wanted(hi[0] + 40.0, lo[1] - 25.0, 0.5 * (lo[2] + hi[2]));
    const Eigen::Vector3d got = JointAngles(*limits_, SetJointAngles(*limits_, hand, joint, wanted), joint);
    EXPECT_TRUE(MatricesNear(got, Eigen::Vector3d(hi[0], lo[1], wanted[2]), 1e-9)) << joint;
  }
}

TEST_F(JointEditTest, RotateHandAboutWristKeepsTheWristAndMovesRigidly) {
  const HandParams hand = SomeHand(6);
  const Eigen::Matrix3d rotation = AxisAngleToMatrix(Eigen::Vector3d(0.3, -0.7, 0.5));
  const HandLbs lbs(*model_);
  const KeypointMatrix before = lbs.Forward(hand).keypoints;
  const KeypointMatrix after = lbs.Forward(RotateHandAboutWrist(*model_, hand, rotation)).keypoints;
  EXPECT_TRUE(MatricesNear(after.col(0), before.col(0), 1e-12));
  const KeypointMatrix expected = (rotation * (before.colwise() - before.col(0))).colwise() + before.col(0);
  EXPECT_TRUE(MatricesNear(after, expected, 1e-9));
}

TEST_F(JointEditTest, TranslateHandMovesEveryKeypoint) {
  const HandParams hand = SomeHand(7);
  const Eigen::Vector3d offset(0.01, -0.03, 0.02);
  const HandLbs lbs(*model_);
  const KeypointMatrix before = lbs.Forward(hand).keypoints;
  const KeypointMatrix after = lbs.Forward(TranslateHand(hand, offset)).keypoints;
  EXPECT_TRUE(MatricesNear(after, before.colwise() + offset, 1e-12));
}

TEST_F(JointEditTest, NamesFollowManoOrder) {
  EXPECT_STREQ(ManoJointName(0), "wrist");
  EXPECT_STREQ(ManoJointName(1), "index_1");
  EXPECT_STREQ(ManoJointName(6), "middle_3");
  EXPECT_STREQ(ManoJointName(7), "pinky_1");
  EXPECT_STREQ(ManoJointName(11), "ring_2");
  EXPECT_STREQ(ManoJointName(13), "thumb_1");
  EXPECT_STREQ(ManoJointName(15), "thumb_3");
  // Each name's finger matches the topology's joint names.
  for (int j = 1; j < kNumJoints; ++j) {
    const std::string finger = std::string(ManoJointName(j)).substr(0, 4);
    EXPECT_EQ(std::string(kJointNames[j]).substr(0, 4), finger) << j;
  }
}

TEST_F(JointEditTest, BadArgumentsThrowNamingTheArgument) {
  const HandParams hand = SomeHand(8);
  EXPECT_EQ(ErrorMessageOf([&] { JointAngles(*limits_, hand, 0); }), "joint: 0 is not an articulated joint (1..15)");
  EXPECT_EQ(ErrorMessageOf([&] { SetJointAngles(*limits_, hand, 16, Eigen::Vector3d::Zero()); }),
            "joint: 16 is not an articulated joint (1..15)");
  EXPECT_EQ(ErrorMessageOf([&] { SetJointAngles(*limits_, hand, 3, Eigen::Vector3d(NAN, 0, 0)); }),
            "angles_deg: not finite");
  EXPECT_EQ(ErrorMessageOf([&] { ManoJointName(-1); }), "joint: -1 is out of range 0..15");
  EXPECT_EQ(ErrorMessageOf([&] { RotateHandAboutWrist(*model_, hand, 2.0 * Eigen::Matrix3d::Identity()); }),
            "rotation: not a rotation matrix");
  EXPECT_EQ(ErrorMessageOf([&] { TranslateHand(hand, Eigen::Vector3d(0, INFINITY, 0)); }), "offset_m: not finite");
}

}  // namespace
}  // namespace handprop
