// SPDX-License-Identifier: Apache-2.0
// Hand articulation in anatomical terms: (flexion, abduction, twist) in degrees per articulated
// joint, in the joint frames of JointLimits (skeleton.h explains the axes and signs), and its
// conversion to MANO's 45 rest-frame axis-angle numbers:
//   axis_angle(joint k) = frames[k] * (flexion, abduction, twist) * pi / 180.
// The map is linear, so boxes of anatomical limits are convex in MANO's space too.
#pragma once

#include <Eigen/Core>

#include "core/model/hand_model.h"

namespace handprop::openhand {

// Row k - 1 is MANO joint k (1..15); columns flexion, abduction, twist; degrees.
using AnatomicalPose = Eigen::Matrix<double, kNumArticulatedJoints, 3>;
using Articulation = Eigen::Matrix<double, kArticulationDim, 1>;

Articulation ToArticulation(const AnatomicalPose& pose, const JointLimits& limits);
AnatomicalPose FromArticulation(const Articulation& articulation, const JointLimits& limits);

AnatomicalPose ClampToLimits(const AnatomicalPose& pose, const JointLimits& limits);
// Largest violation of the limits in degrees (0 when inside).
double LimitViolation(const AnatomicalPose& pose, const JointLimits& limits);

}  // namespace handprop::openhand
