// SPDX-License-Identifier: Apache-2.0
// Re-expressing a MANO instance under a rigid motion x -> R x + tau (reference.md §1.8). The
// global rotation pivots about the shaped rest wrist J0(beta), not the origin, so
//   theta0' = log(R exp(theta0)),   t' = R t + tau + R J0 - J0.
// Articulation and shape are unchanged. The posed mesh of the result equals R * mesh + tau.
#pragma once

#include <Eigen/Core>

#include "core/model/lbs.h"

namespace handprop {

HandParams TransformHandParams(const HandModel& model, const HandParams& params, const Eigen::Matrix3d& rotation,
                               const Eigen::Vector3d& translation);

// The rigid motion (R, tau) that takes hand a's global frame to hand b's when both share shape:
// R = R_b R_a^T and tau = (t_b + J0) - R (t_a + J0). Applying it to a with b's articulation gives b.
void RelativeRigidMotion(const HandModel& model, const HandParams& a, const HandParams& b, Eigen::Matrix3d* rotation,
                         Eigen::Vector3d* translation);

}  // namespace handprop
