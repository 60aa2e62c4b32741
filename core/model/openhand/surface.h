// SPDX-License-Identifier: Apache-2.0
// The hand surface: the cage (cage.h) oriented, subdivided once (subdivision.h), its fingertips
// pinned to the skeleton's fingertips, and triangulated; with the cage's skinning weights
// carried to the surface by the same linear map (then sharpened, see surface.cc).
#pragma once

#include <Eigen/Core>
#include <array>

#include "core/model/openhand/anatomy.h"

namespace handprop::openhand {

struct HandSurface {
  Eigen::Matrix3Xd vertices;        // 3 x V rest vertices, metres
  Eigen::Matrix3Xi faces;           // 3 x F, counter-clockwise seen from outside
  Eigen::MatrixXd weights;          // V x 16 skinning weights, rows sum to 1
  std::array<int, kNumDigits> tips; // fingertip vertex of each digit, anatomical order
  Eigen::MatrixXd subdivision;      // V x (cage points): surface = cage * subdivision^T
};

HandSurface BuildSurface(const ShapeFactors& factors);

// The rest vertices for other shape factors (same topology and ids), through a surface's map.
Eigen::Matrix3Xd SurfaceVertices(const ShapeFactors& factors, const Eigen::MatrixXd& subdivision);

}  // namespace handprop::openhand
