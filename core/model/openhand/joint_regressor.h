// SPDX-License-Identifier: Apache-2.0
// OpenHand's J_regressor: each joint is a convex combination of a ring of surface vertices
// around it, chosen so that the regressed rest joint equals the designed one.
#pragma once

#include <Eigen/Core>

#include "core/model/lbs.h"

namespace handprop::openhand {

// 16 x V. Row k holds maximum-entropy weights (positive, summing to 1, as uniform as possible)
// over the vertices around joint k: those skinned at least half to joint k's segment or its
// parent's, within a radius that starts at 8 mm and grows until joint k lies strictly inside
// their convex hull. Then regressor * vertices^T reproduces `joints` to round-off.
// `weights` is V x 16 (the skinning weights). Fails HP_CHECK if a joint is not enclosed by
// the surface (a bug in the geometry).
Eigen::MatrixXd BuildJointRegressor(const Eigen::Matrix3Xd& vertices, const Eigen::MatrixXd& weights,
                                    const JointMatrix& joints);

// Maximum-entropy barycentric weights of the origin with respect to the points (3 x n):
// w > 0, sum w = 1, points * w = 0. Returns false when the origin is not strictly inside the
// points' convex hull (no such weights exist).
bool MaxEntropyWeights(const Eigen::Matrix3Xd& points, Eigen::VectorXd* weights);

}  // namespace handprop::openhand
