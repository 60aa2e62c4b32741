// SPDX-License-Identifier: Apache-2.0
// OpenHand's pose blend shapes (MANO's posedirs), fitted so that LBS plus the correctives
// follows a volume-preserving target: dual-quaternion skinning of the same rest surface.
//
// For each training articulation: pose the rest surface with dual-quaternion skinning, map
// the result back to the rest frame through the inverse of each vertex's LBS transform, and
// take the difference with the rest surface. That difference is what posedirs * feature must
// add before LBS to land on the target. Each vertex's three coordinates are then fitted by
// ridge least squares on the pose features (R_k - I) of the joints that skin it (k >= 1), and
// only those: a vertex never reacts to joints that do not move it.
#pragma once

#include <Eigen/Core>

#include "core/model/lbs.h"

namespace handprop::openhand {

struct CorrectiveFitInput {
  const Eigen::Matrix3Xd* rest = nullptr;     // 3 x V rest surface
  const Eigen::MatrixXd* weights = nullptr;   // V x 16 skinning weights
  const JointMatrix* joints = nullptr;        // rest joints
  const Eigen::MatrixXd* articulations = nullptr;  // 45 x N training articulations (absolute)
  double ridge = 1e-3;  // relative to the mean diagonal of each vertex's normal matrix
};

// 3V x 135 posedirs (row 3 i + c, column 9 (k - 1) + 3 r + s as lbs.cc's feature).
Eigen::MatrixXd FitPoseCorrectives(const CorrectiveFitInput& input);

// The rest-frame offsets (3 x V) that make LBS reproduce dual-quaternion skinning for `pose`.
Eigen::Matrix3Xd CorrectiveTarget(const Eigen::Matrix3Xd& rest, const Eigen::MatrixXd& weights,
                                  const JointMatrix& joints, const PoseVector& pose);

}  // namespace handprop::openhand
