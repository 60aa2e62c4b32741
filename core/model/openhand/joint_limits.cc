// SPDX-License-Identifier: Apache-2.0
#include "core/model/openhand/joint_limits.h"

namespace handprop::openhand {

JointLimits BuildJointLimits(const Skeleton& skeleton) {
  JointLimits limits;
  limits.frames = skeleton.AnatomicalFrames();
  const auto& table = RangeOfMotionTable();
  for (int k = 0; k < kNumArticulatedJoints; ++k) {
    for (int axis = 0; axis < 3; ++axis) {
      limits.min_deg(k, axis) = table[k].min[axis];
      limits.max_deg(k, axis) = table[k].max[axis];
    }
  }
  return limits;
}

}  // namespace handprop::openhand
