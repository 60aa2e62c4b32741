// SPDX-License-Identifier: Apache-2.0
#include "core/model/openhand/anatomical_pose.h"

#include <Eigen/LU>
#include <algorithm>

namespace handprop::openhand {
namespace {
constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180.0;
}

Articulation ToArticulation(const AnatomicalPose& pose, const JointLimits& limits) {
  Articulation out;
  for (int k = 0; k < kNumArticulatedJoints; ++k)
    out.segment<3>(3 * k) = limits.frames[k + 1] * pose.row(k).transpose() * kRadiansPerDegree;
  return out;
}

AnatomicalPose FromArticulation(const Articulation& articulation, const JointLimits& limits) {
  AnatomicalPose pose;
  for (int k = 0; k < kNumArticulatedJoints; ++k)
    pose.row(k) = (limits.frames[k + 1].inverse() * articulation.segment<3>(3 * k)).transpose() / kRadiansPerDegree;
  return pose;
}

AnatomicalPose ClampToLimits(const AnatomicalPose& pose, const JointLimits& limits) {
  return pose.cwiseMax(limits.min_deg).cwiseMin(limits.max_deg);
}

double LimitViolation(const AnatomicalPose& pose, const JointLimits& limits) {
  const double below = (limits.min_deg - pose).maxCoeff();
  const double above = (pose - limits.max_deg).maxCoeff();
  return std::max({0.0, below, above});
}

}  // namespace handprop::openhand
