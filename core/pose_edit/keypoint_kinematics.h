// SPDX-License-Identifier: Apache-2.0
// The 21 keypoints of one hand as a function of its pose, with first derivatives, for solvers
// that need only keypoints (keypoint_ik.h): it poses the 16 joints and skins the 5 fingertip
// vertices instead of the whole mesh, so one evaluation costs a few microseconds.
//
// Forward is exact LBS (lbs.h), pose blend shapes of the tip vertices included, so its keypoints
// equal HandLbs::Forward's to round-off (HandLbs keeps pose blend shapes in float, < 1e-8 m).
// LeverArm's derivatives hold the tip's pose blend-shape offset fixed (a Gauss-Newton
// approximation of well under 1% of the tip's motion; the residuals stay exact).
//
// Thread safety: const methods may run concurrently. The model must outlive the object.
#pragma once

#include <Eigen/Core>
#include <array>
#include <vector>

#include "core/model/hand_model.h"
#include "core/model/lbs.h"

namespace handprop {

class KeypointKinematics {
 public:
  KeypointKinematics(const HandModel& model, const ShapeVector& betas);

  struct State {
    std::array<Eigen::Matrix3d, kNumJoints> rotations;  // world rotation of each joint frame
    JointMatrix joints;                                 // posed joints, trans included
    KeypointMatrix keypoints;                           // FreiHAND order, trans included
    std::array<Eigen::Vector3d, kNumFingers> tip_rest;  // pose-blended rest tip vertices
  };
  // `pose` is the absolute 48-vector (pose_convention.h), `trans` is added last.
  State Forward(const PoseVector& pose, const Eigen::Vector3d& trans) const;

  // The lever arm a of keypoint `keypoint` (FreiHAND order) about joint `joint` (MANO order):
  // turning the joint's subtree by a small world-frame rotation omega about the joint's posed
  // position moves the keypoint by omega x a. Zero when the keypoint does not hang below the joint.
  Eigen::Vector3d LeverArm(const State& state, int keypoint, int joint) const;

  // True when `descendant` is `joint` or below it in the kinematic tree.
  bool InSubtree(int joint, int descendant) const { return in_subtree_[joint][descendant]; }

 private:
  struct Influence {
    int joint;
    double weight;
  };
  Eigen::Vector3d SkinnedTip(const State& state, int finger, int joint) const;

  const HandModel& model_;
  JointMatrix rest_joints_;
  std::array<Eigen::Vector3d, kNumFingers> shaped_tips_;  // rest tips with shape, no pose
  std::array<Eigen::Matrix<double, 3, kPoseFeatureDim>, kNumFingers> tip_posedirs_;
  std::array<std::vector<Influence>, kNumFingers> tip_influences_;  // non-zero skinning weights
  std::array<std::array<bool, kNumJoints>, kNumJoints> in_subtree_{};
};

// SO(3)'s left Jacobian: d exp(v) = [J_l(v) dv]x exp(v) for an axis-angle v (radians).
Eigen::Matrix3d LeftJacobianSo3(const Eigen::Vector3d& v);

}  // namespace handprop
