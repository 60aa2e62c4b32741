// SPDX-License-Identifier: Apache-2.0
// MANO's kinematics and two skinning schemes on the rest surface, for fitting and testing
// OpenHand's pose correctives: linear blend skinning (what every MANO layer does), its per-vertex
// inverse, and dual-quaternion skinning (Kavan et al. 2007), which blends rigid motions instead
// of matrices and so does not collapse volume at bent or twisted joints.
// All functions are pure and thread-safe. Points are 3 x V; weights V x 16.
#pragma once

#include <Eigen/Core>
#include <array>

#include "core/model/lbs.h"

namespace handprop::openhand {

using SkinningTransform = Eigen::Matrix<double, 3, 4>;  // x -> M.leftCols<3>() x + M.col(3)
using SkinningTransforms = std::array<SkinningTransform, kNumJoints>;

// Steps 3, 6 and 7 of reference.md §1.5: the transform of each joint from its rest pose to its
// posed pose, for the absolute 48-vector `pose` (no translation).
SkinningTransforms ComputeSkinningTransforms(const JointMatrix& rest_joints, const PoseVector& pose);

// MANO's pose feature: vec(R_k - I) row-major for k = 1..15.
Eigen::Matrix<double, kPoseFeatureDim, 1> PoseFeature(const PoseVector& pose);

Eigen::Matrix3Xd LinearBlendSkinning(const Eigen::Matrix3Xd& rest, const Eigen::MatrixXd& weights,
                                     const SkinningTransforms& transforms);

// The rest points that LinearBlendSkinning maps to `posed` (per vertex, inverting the blended
// 3 x 3 matrix, which stays invertible for rotations less than 180 degrees apart).
Eigen::Matrix3Xd LinearBlendUnskinning(const Eigen::Matrix3Xd& posed, const Eigen::MatrixXd& weights,
                                       const SkinningTransforms& transforms);

Eigen::Matrix3Xd DualQuaternionSkinning(const Eigen::Matrix3Xd& rest, const Eigen::MatrixXd& weights,
                                        const SkinningTransforms& transforms);

}  // namespace handprop::openhand
