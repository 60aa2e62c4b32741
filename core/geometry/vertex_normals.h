// SPDX-License-Identifier: Apache-2.0
// Smooth shading normals of a triangle mesh: each vertex gets the normalised sum of its faces'
// area-weighted normals ((b - a) x (c - a), pointing outside for counter-clockwise faces).
// A vertex with no face or only degenerate faces gets (0, 0, 0). Pure, thread-safe.
#pragma once

#include <Eigen/Core>

namespace handprop {

Eigen::Matrix3Xd VertexNormals(const Eigen::Matrix3Xd& vertices, const Eigen::Matrix3Xi& faces);

}  // namespace handprop
