// SPDX-License-Identifier: Apache-2.0
#include "core/pose_edit/joint_edit.h"

#include <Eigen/LU>
#include <array>
#include <string>

#include "core/model/rigid_transform.h"
#include "core/util/error.h"

namespace handprop {
namespace {

constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180.0;

constexpr std::array<const char*, kNumJoints> kManoJointNames = {
    "wrist",   "index_1", "index_2", "index_3", "middle_1", "middle_2", "middle_3", "pinky_1",
    "pinky_2", "pinky_3", "ring_1",  "ring_2",  "ring_3",   "thumb_1",  "thumb_2",  "thumb_3"};

void CheckArticulated(int joint) {
  if (joint < 1 || joint >= kNumJoints)
    throw InputError("joint: " + std::to_string(joint) + " is not an articulated joint (1..15)");
}

}  // namespace

Eigen::Vector3d JointAngles(const JointLimits& limits, const HandParams& params, int joint) {
  CheckArticulated(joint);
  const Eigen::Vector3d axis_angle = params.pose.segment<3>(3 * joint);
  if (!axis_angle.allFinite()) throw InputError("params.pose: joint " + std::to_string(joint) + " is not finite");
  return limits.frames[joint].inverse() * axis_angle / kRadiansPerDegree;
}

HandParams SetJointAngles(const JointLimits& limits, const HandParams& params, int joint,
                          const Eigen::Vector3d& angles_deg) {
  CheckArticulated(joint);
  if (!angles_deg.allFinite()) throw InputError("angles_deg: not finite");
  const Eigen::Vector3d clamped = angles_deg.cwiseMax(limits.min_deg.row(joint - 1).transpose())
                                      .cwiseMin(limits.max_deg.row(joint - 1).transpose());
  HandParams out = params;
  out.pose.segment<3>(3 * joint) = limits.frames[joint] * clamped * kRadiansPerDegree;
  return out;
}

HandParams RotateHandAboutWrist(const HandModel& model, const HandParams& params, const Eigen::Matrix3d& rotation) {
  if (!rotation.allFinite() || !(rotation.transpose() * rotation).isApprox(Eigen::Matrix3d::Identity(), 1e-6) ||
      rotation.determinant() < 0.0)
    throw InputError("rotation: not a rotation matrix");
  // The posed wrist is J0 + trans; x -> R x + tau keeps it fixed when tau = (I - R)(J0 + trans).
  const Eigen::Vector3d wrist = RestJoints(model, params.betas).col(0) + params.trans;
  return TransformHandParams(model, params, rotation, wrist - rotation * wrist);
}

HandParams TranslateHand(const HandParams& params, const Eigen::Vector3d& offset_m) {
  if (!offset_m.allFinite()) throw InputError("offset_m: not finite");
  HandParams out = params;
  out.trans += offset_m;
  return out;
}

const char* ManoJointName(int joint) {
  if (joint < 0 || joint >= kNumJoints) throw InputError("joint: " + std::to_string(joint) + " is out of range 0..15");
  return kManoJointNames[joint];
}

}  // namespace handprop
