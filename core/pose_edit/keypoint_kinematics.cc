// SPDX-License-Identifier: Apache-2.0
#include "core/pose_edit/keypoint_kinematics.h"

#include <cmath>

#include "core/geometry/rotation.h"

namespace handprop {

KeypointKinematics::KeypointKinematics(const HandModel& model, const ShapeVector& betas)
    : model_(model), rest_joints_(RestJoints(model, betas)) {
  for (int f = 0; f < kNumFingers; ++f) {
    const int v = model.tip_vertices[f];
    shaped_tips_[f] = model.v_template.col(v) + model.shapedirs.middleRows<3>(3 * v) * betas;
    tip_posedirs_[f] = model.posedirs.middleRows<3>(3 * v);
    for (int k = 0; k < kNumJoints; ++k)
      if (model.weights(v, k) != 0.0) tip_influences_[f].push_back({k, model.weights(v, k)});
  }
  for (int k = 0; k < kNumJoints; ++k)
    for (int j = k; j >= 0; j = model.parents[j]) in_subtree_[j][k] = true;  // every ancestor of k (and k)
}

KeypointKinematics::State KeypointKinematics::Forward(const PoseVector& pose, const Eigen::Vector3d& trans) const {
  State s;
  Eigen::Matrix<double, kPoseFeatureDim, 1> feature;
  std::array<Eigen::Vector3d, kNumJoints> world_t;
  for (int k = 0; k < kNumJoints; ++k) {
    const Eigen::Matrix3d local = AxisAngleToMatrix(pose.segment<3>(3 * k));
    const int p = model_.parents[k];
    if (p < 0) {
      s.rotations[k] = local;
      world_t[k] = rest_joints_.col(k);
    } else {
      s.rotations[k] = s.rotations[p] * local;
      world_t[k] = s.rotations[p] * (rest_joints_.col(k) - rest_joints_.col(p)) + world_t[p];
      const Eigen::Matrix3d d = local - Eigen::Matrix3d::Identity();
      for (int r = 0; r < 3; ++r) feature.segment<3>(9 * (k - 1) + 3 * r) = d.row(r).transpose();  // as lbs.cc
    }
    s.joints.col(k) = world_t[k] + trans;
  }
  for (int f = 0; f < kNumFingers; ++f) s.tip_rest[f] = shaped_tips_[f] + tip_posedirs_[f] * feature;
  for (int i = 0; i < kNumKeypoints; ++i) {
    const int source = kKeypointSource[i];
    s.keypoints.col(i) =
        source < kNumJoints ? Eigen::Vector3d(s.joints.col(source)) : SkinnedTip(s, source - kNumJoints, 0);
  }
  return s;
}

// Sum over the tip's influences j in `joint`'s subtree of w_j * (posed tip under joint j's transform).
Eigen::Vector3d KeypointKinematics::SkinnedTip(const State& state, int finger, int joint) const {
  Eigen::Vector3d sum = Eigen::Vector3d::Zero();
  for (const Influence& in : tip_influences_[finger]) {
    if (!in_subtree_[joint][in.joint]) continue;
    sum += in.weight * (state.rotations[in.joint] * (state.tip_rest[finger] - rest_joints_.col(in.joint)) +
                        state.joints.col(in.joint));
  }
  return sum;
}

Eigen::Vector3d KeypointKinematics::LeverArm(const State& state, int keypoint, int joint) const {
  const int source = kKeypointSource[keypoint];
  if (source < kNumJoints)
    return in_subtree_[joint][source] ? Eigen::Vector3d(state.joints.col(source) - state.joints.col(joint))
                                      : Eigen::Vector3d::Zero();
  const int finger = source - kNumJoints;
  double weight = 0.0;
  for (const Influence& in : tip_influences_[finger])
    if (in_subtree_[joint][in.joint]) weight += in.weight;
  return SkinnedTip(state, finger, joint) - weight * state.joints.col(joint);
}

Eigen::Matrix3d LeftJacobianSo3(const Eigen::Vector3d& v) {
  const double t = v.norm();
  const Eigen::Matrix3d k = Skew(v);
  if (t < 1e-6) return Eigen::Matrix3d::Identity() + 0.5 * k + k * k / 6.0;
  return Eigen::Matrix3d::Identity() + (1.0 - std::cos(t)) / (t * t) * k + (t - std::sin(t)) / (t * t * t) * k * k;
}

}  // namespace handprop
