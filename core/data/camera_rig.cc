// SPDX-License-Identifier: Apache-2.0
#include "core/data/camera_rig.h"

#include <algorithm>

#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {

std::string CameraRigOptions::Check() const {
  HP_OPTION_CHECK_GE(num_cameras, 1);
  HP_OPTION_CHECK_LE(num_cameras, kMaxRigCameras);
  HP_OPTION_CHECK_GE(image_size, 16);
  HP_OPTION_CHECK_LE(image_size, 4096);
  HP_OPTION_CHECK_GT(cube_edge, 0.0);
  HP_OPTION_CHECK_GT(focal_scale, 0.0);
  return {};
}

Eigen::Vector3d CubeCorner(int camera, double cube_edge) {
  HP_CHECK(camera >= 0 && camera < kMaxRigCameras, "camera ", camera, " is not a cube corner");
  const double h = 0.5 * cube_edge;
  return {(camera & 1) ? h : -h, (camera & 2) ? h : -h, (camera & 4) ? h : -h};
}

std::vector<Camera> BuildCubeRig(const CameraRigOptions& options) {
  HP_CHECK(options.Check().empty(), options.Check());
  const double focal = options.focal_scale * options.image_size;
  const double centre = 0.5 * (options.image_size - 1);  // camera.h: pixel centres at integers
  std::vector<Camera> cameras;
  for (int c = 0; c < options.num_cameras; ++c) {
    Camera camera;
    camera.intrinsics = {focal, focal, centre, centre};
    camera.cam_from_world = LookAt(CubeCorner(c, options.cube_edge), Eigen::Vector3d::Zero(), Eigen::Vector3d::UnitZ());
    camera.width = camera.height = options.image_size;
    cameras.push_back(camera);
  }
  return cameras;
}

std::vector<int> NeighbourCameras(int camera, int num_cameras) {
  HP_CHECK(camera >= 0 && camera < kMaxRigCameras, "camera ", camera, " is not a cube corner");
  std::vector<int> neighbours;
  for (int bit : {1, 2, 4}) {
    const int other = camera ^ bit;
    if (other < num_cameras) neighbours.push_back(other);
  }
  std::sort(neighbours.begin(), neighbours.end());
  return neighbours;
}

}  // namespace handprop
