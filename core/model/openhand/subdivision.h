// SPDX-License-Identifier: Apache-2.0
// Catmull-Clark subdivision of a closed quad mesh as a linear map, and triangulation.
// Because subdivision is linear in the control points, anything defined per control point
// (skinning weights, shape displacements) maps to the fine mesh through the same matrix.
#pragma once

#include <Eigen/Core>
#include <array>
#include <vector>

namespace handprop::openhand {

struct Subdivision {
  // Fine x coarse; every row is non-negative and sums to 1.
  Eigen::MatrixXd map;
  // Fine quads, each with the winding of the coarse quad it came from.
  std::vector<std::array<int, 4>> quads;
};

// One Catmull-Clark step. Fine points: the coarse points first (same ids, moved by the vertex
// rule), then one per edge (in order of first appearance), then one per quad. The input must be
// closed (every edge in two quads). Deterministic.
Subdivision CatmullClark(int num_points, const std::vector<std::array<int, 4>>& quads);

// Splits each quad along its shorter diagonal, keeping the winding. 3 x (2 * quads).
Eigen::Matrix3Xi Triangulate(const Eigen::Matrix3Xd& vertices, const std::vector<std::array<int, 4>>& quads);

}  // namespace handprop::openhand
