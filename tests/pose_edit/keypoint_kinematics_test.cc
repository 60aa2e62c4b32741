// SPDX-License-Identifier: Apache-2.0
#include "core/pose_edit/keypoint_kinematics.h"

#include <gtest/gtest.h>

#include <random>

#include "core/geometry/rotation.h"
#include "core/model/openhand/openhand.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::MatricesNear;

HandParams RandomHand(uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> normal(0.0, 0.3);
  HandParams p;
  for (int i = 0; i < kPoseDim; ++i) p.pose[i] = normal(rng);
  for (int i = 0; i < kNumBetas; ++i) p.betas[i] = normal(rng);
  p.trans = Eigen::Vector3d(0.02, -0.01, 0.5);
  return p;
}

// `pose` with joint k's subtree turned by the world rotation exp(omega) about the joint's position.
PoseVector TurnSubtree(const KeypointKinematics::State& s, const PoseVector& pose, int joint,
                       const Eigen::Vector3d& omega) {
  PoseVector out = pose;
  const Eigen::Matrix3d parent = joint == 0 ? Eigen::Matrix3d::Identity() : s.rotations[kManoParents[joint]];
  out.segment<3>(3 * joint) = MatrixToAxisAngle(parent.transpose() * AxisAngleToMatrix(omega) * parent *
                                                AxisAngleToMatrix(pose.segment<3>(3 * joint)));
  return out;
}

TEST(KeypointKinematicsTest, ForwardEqualsFullLbs) {
  const HandModel model = BuildOpenHand();
  const HandLbs lbs(model);
  for (uint32_t seed = 1; seed <= 5; ++seed) {
    const HandParams p = RandomHand(seed);
    const KeypointKinematics kin(model, p.betas);
    const KeypointKinematics::State s = kin.Forward(p.pose, p.trans);
    const HandMesh mesh = lbs.Forward(p);
    EXPECT_TRUE(MatricesNear(s.keypoints, mesh.keypoints, 1e-7)) << seed;  // HandLbs keeps pose blend shapes in float
    EXPECT_TRUE(MatricesNear(s.joints, mesh.joints, 1e-12)) << seed;
    for (int k = 0; k < kNumJoints; ++k) EXPECT_TRUE(MatricesNear(s.rotations[k], mesh.joint_rotations[k], 1e-12));
  }
}

// Without pose blend shapes the lever arms are the exact derivatives; compare with central differences.
TEST(KeypointKinematicsTest, LeverArmsMatchFiniteDifferences) {
  HandModel model = testing::RandomHandModel(900, 11);
  model.posedirs.setZero();
  const HandParams p = RandomHand(9);
  const KeypointKinematics kin(model, p.betas);
  const KeypointKinematics::State s = kin.Forward(p.pose, p.trans);
  constexpr double kStep = 1e-6;
  for (int joint = 0; joint < kNumJoints; ++joint) {
    for (int axis = 0; axis < 3; ++axis) {
      const Eigen::Vector3d omega = kStep * Eigen::Vector3d::Unit(axis);
      const KeypointMatrix plus = kin.Forward(TurnSubtree(s, p.pose, joint, omega), p.trans).keypoints;
      const KeypointMatrix minus = kin.Forward(TurnSubtree(s, p.pose, joint, -omega), p.trans).keypoints;
      for (int k = 0; k < kNumKeypoints; ++k) {
        const Eigen::Vector3d numeric = (plus.col(k) - minus.col(k)) / (2.0 * kStep);
        const Eigen::Vector3d analytic = Eigen::Vector3d::Unit(axis).cross(kin.LeverArm(s, k, joint));
        EXPECT_TRUE(MatricesNear(analytic, numeric, 1e-7)) << "joint " << joint << " keypoint " << k;
      }
    }
  }
}

TEST(KeypointKinematicsTest, LeftJacobianIsTheDerivativeOfExp) {
  const Eigen::Vector3d v(0.7, -1.1, 0.4);
  constexpr double kStep = 1e-6;
  for (int axis = 0; axis < 3; ++axis) {
    const Eigen::Vector3d dv = kStep * Eigen::Vector3d::Unit(axis);
    // exp(v + dv) exp(v)^T = exp([J_l dv]x) to first order.
    const Eigen::Matrix3d delta = AxisAngleToMatrix(v + dv) * AxisAngleToMatrix(v).transpose();
    EXPECT_TRUE(MatricesNear(MatrixToAxisAngle(delta) / kStep, LeftJacobianSo3(v).col(axis), 1e-6)) << axis;
  }
  EXPECT_TRUE(MatricesNear(LeftJacobianSo3(Eigen::Vector3d::Zero()), Eigen::Matrix3d::Identity(), 0.0));
}

}  // namespace
}  // namespace handprop
