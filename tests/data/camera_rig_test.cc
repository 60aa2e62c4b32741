// SPDX-License-Identifier: Apache-2.0
#include "core/data/camera_rig.h"

#include <gtest/gtest.h>

namespace handprop {
namespace {

TEST(CameraRig, EveryCameraLooksAtTheCentreFromACubeCorner) {
  CameraRigOptions options;
  options.image_size = 128;
  const std::vector<Camera> rig = BuildCubeRig(options);
  ASSERT_EQ(rig.size(), 8u);
  for (int c = 0; c < 8; ++c) {
    const Camera& cam = rig[c];
    // The world origin projects to the image centre, at the corner's distance.
    const Eigen::Vector3d centre_cam = cam.cam_from_world.translation;
    EXPECT_NEAR(centre_cam.z(), 0.3 * std::sqrt(3.0), 1e-12);
    const Eigen::Vector2d uv = Project(cam.intrinsics, centre_cam);
    EXPECT_NEAR(uv.x(), 63.5, 1e-9);
    EXPECT_NEAR(uv.y(), 63.5, 1e-9);
    // The camera centre is the cube corner.
    EXPECT_TRUE((cam.cam_from_world.Inverse().translation - CubeCorner(c, 0.6)).norm() < 1e-12);
    // World up (+z) points up in the image (towards -v) for points above the centre.
    EXPECT_LT(Project(cam.intrinsics, (cam.cam_from_world * Eigen::Vector3d(0, 0, 0.05))).y(), uv.y());
  }
}

TEST(CameraRig, NeighboursShareACubeEdgeAndNeverTheOppositeCorner) {
  for (int c = 0; c < 8; ++c) {
    const std::vector<int> n = NeighbourCameras(c);
    ASSERT_EQ(n.size(), 3u);
    for (int other : n) {
      EXPECT_NE(other, c ^ 7);
      EXPECT_NEAR((CubeCorner(c, 1.0) - CubeCorner(other, 1.0)).norm(), 1.0, 1e-12);  // one edge apart
      const std::vector<int> back = NeighbourCameras(other);
      EXPECT_NE(std::find(back.begin(), back.end(), c), back.end());  // symmetric
    }
  }
  EXPECT_EQ(NeighbourCameras(0, 2), std::vector<int>({1}));
}

TEST(CameraRig, AHandSizedObjectAtTheCentreFillsMostOfTheFrame) {
  const Camera cam = BuildCubeRig(CameraRigOptions{})[3];
  const double width_px = cam.intrinsics.fx * 0.2 / (cam.cam_from_world.translation).z();
  EXPECT_GT(width_px, 0.5 * cam.width);
  EXPECT_LT(width_px, 0.9 * cam.width);
}

TEST(CameraRig, OptionsCheckNamesTheBrokenConstraint) {
  EXPECT_EQ(CameraRigOptions{}.Check(), "");
  CameraRigOptions bad;
  bad.num_cameras = 9;
  EXPECT_NE(bad.Check().find("num_cameras"), std::string::npos);
}

}  // namespace
}  // namespace handprop
