// SPDX-License-Identifier: Apache-2.0
// The synthetic generator's calibrated cameras. The HanCo-like rig (seed 000, §3: "8 cameras
// ... placed at the corners of a cube"; reference.md §4.2) puts camera c on the cube corner
// whose coordinates have the signs of c's bits (bit 0: x, bit 1: y, bit 2: z; set = +), all
// looking at the cube centre (the world origin) with world +z up. Two cameras are neighbours
// when their corners share a cube edge, i.e. their indices differ in exactly one bit; each has
// three, and the opposite corner (index ^ 7) is the one view contra-hand's sampler never pairs.
//
// Intrinsics: square images of `image_size` pixels, principal point at the image centre and
// fx = fy = focal_scale * image_size, so a 0.2 m hand at the cube's half diagonal fills about
// two thirds of the frame with the default options.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/geometry/camera.h"

namespace handprop {

inline constexpr int kMaxRigCameras = 8;

struct CameraRigOptions {
  int num_cameras = 8;          // 1..8: cameras 0..n-1 of the cube
  int image_size = 224;         // pixels, square
  double cube_edge = 0.6;       // metres; the cameras are 0.52 m from the centre
  double focal_scale = 1.6;     // fx = fy = focal_scale * image_size

  std::string Check() const;
};

// Cube corner of camera c (metres, world frame): (+-e/2, +-e/2, +-e/2).
Eigen::Vector3d CubeCorner(int camera, double cube_edge);

// The cameras 0..num_cameras-1 of the rig.
std::vector<Camera> BuildCubeRig(const CameraRigOptions& options);

// The three cameras that share a cube edge with `camera`, in increasing order; with fewer than
// 8 cameras only those below num_cameras are returned.
std::vector<int> NeighbourCameras(int camera, int num_cameras = kMaxRigCameras);

}  // namespace handprop
