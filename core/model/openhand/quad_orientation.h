// SPDX-License-Identifier: Apache-2.0
// Consistent outward orientation of a closed quad mesh.
#pragma once

#include <Eigen/Core>
#include <array>
#include <vector>

namespace handprop::openhand {

// Reorders the corners of `quads` so that every edge is walked once in each direction and the
// enclosed volume is positive (counter-clockwise seen from outside). The mesh must be a closed,
// connected, orientable 2-manifold (every edge in exactly two quads); anything else is a bug
// in the cage and fails HP_CHECK. Deterministic.
void OrientQuads(const Eigen::Matrix3Xd& points, std::vector<std::array<int, 4>>* quads);

// Signed volume enclosed by the quads (each split into two triangles), cubic metres.
double SignedVolume(const Eigen::Matrix3Xd& points, const std::vector<std::array<int, 4>>& quads);

}  // namespace handprop::openhand
