// SPDX-License-Identifier: Apache-2.0
// Deterministic CPU triangle rasteriser producing a visibility buffer: for every pixel the
// front-most face, its camera depth and its perspective-correct barycentric coordinates.
// Shading happens afterwards, once per covered pixel (render_hand.h).
//
// Conventions (those of core/geometry/camera.h):
//  * vertices are in the camera frame, metres, OpenCV axes (x right, y down, z forward);
//  * the centre of pixel (u, v) is the point (u, v) of Project(k, x); a pixel belongs to a face
//    when its centre lies inside the projected triangle. Centres exactly on an edge follow the
//    top-left rule (an edge shared by two faces gives its pixels to exactly one of them; a
//    vertex shared by a fan of faces gives its pixel to exactly one);
//  * projected vertices are snapped to 1/256 pixel (fixed point) so that the coverage test is
//    exact integer arithmetic: no cracks, no double-covered pixels, same bytes everywhere;
//  * near plane: a face with any vertex at z <= near (or a non-finite vertex) is skipped, not
//    clipped, and so is a face with a vertex projected more than 2^18 pixels from the origin;
//  * faces are counter-clockwise seen from outside (HandModel::faces); back-facing ones are
//    rasterised too unless cull_back_faces is set, and the z-buffer resolves the order either
//    way: the smaller depth wins, and on an exact tie the smaller face index, so the result
//    does not depend on the order of the faces;
//  * depth is the camera z of the surface point at the pixel centre (not the ray length).
// Single-threaded; pure (no shared state), so concurrent calls are safe.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "core/geometry/camera.h"

namespace handprop {

struct RasterOptions {
  // Faces with a vertex at camera z <= near (metres) are skipped. Must be > 0.
  double near = 0.01;
  // Skip faces whose outside is turned away from the camera (a closed mesh looks the same).
  bool cull_back_faces = false;

  std::string Check() const;
};

// Row-major per-pixel buffers, index v * width + u.
struct VisibilityBuffer {
  int width = 0;
  int height = 0;
  std::vector<float> depth;    // camera z of the front-most surface, +inf where no face
  std::vector<int32_t> face;   // its face index, -1 where no face
  std::vector<float> bary1;    // perspective-correct barycentric weight of the face's vertex 1
  std::vector<float> bary2;    // ... of vertex 2 (vertex 0's weight is 1 - bary1 - bary2)

  bool Covered(int u, int v) const { return face[static_cast<size_t>(v) * width + u] >= 0; }
};

// Rasterises `faces` (3 x F vertex indices into `vertices_cam`, 3 x V). Requires width, height
// in [1, 16384] and valid face indices (HP_CHECK: callers pass a validated model).
VisibilityBuffer Rasterize(const Eigen::Matrix3Xd& vertices_cam, const Eigen::Matrix3Xi& faces,
                           const CameraIntrinsics& k, int width, int height, const RasterOptions& options = {});

// Interpolates a per-vertex attribute (3 x V) at a covered pixel with the buffer's barycentrics.
Eigen::Vector3d InterpolateAt(const VisibilityBuffer& buffer, const Eigen::Matrix3Xi& faces,
                              const Eigen::Matrix3Xd& attribute, int u, int v);

}  // namespace handprop
