// SPDX-License-Identifier: Apache-2.0
// Camera maths without GL: the pinhole projection matrix against core's Project, and the orbit
// camera's pose, controls and fitting.
#include "ui/viewport/view_camera.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <random>

#include "core/geometry/rotation.h"
#include "tests/support/test_util.h"

namespace handprop::ui {
namespace {

using handprop::testing::MatricesNear;

PinholeView SampleView() {
  CameraIntrinsics k;
  k.fx = 612.5;
  k.fy = 598.25;
  k.cx = 311.75;
  k.cy = 245.5;
  PinholeView view = MakePinholeView(k, 640, 480);
  view.near_m = 0.05;
  view.far_m = 20.0;
  return view;
}

TEST(PinholeProjectionMatrixTest, MatchesCoreProjectionOnSamplePoints) {
  const PinholeView view = SampleView();
  const Eigen::Matrix4d p = PinholeProjectionMatrix(view);
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> lateral(-0.4, 0.4), depth(0.1, 5.0);
  for (int i = 0; i < 200; ++i) {
    const Eigen::Vector3d x(lateral(rng), lateral(rng), depth(rng));
    const Eigen::Vector2d expected = Project(view.camera.intrinsics, x);
    const Eigen::Vector2d got = ClipToPixel(p * x.homogeneous(), view.width(), view.height());
    ASSERT_TRUE(MatricesNear(got, expected, 1e-9)) << "point " << x.transpose();
  }
}

TEST(PinholeProjectionMatrixTest, ImageCornersAndDepthRangeMapToTheNdcCube) {
  const PinholeView view = SampleView();
  const Eigen::Matrix4d p = PinholeProjectionMatrix(view);
  const CameraIntrinsics& k = view.camera.intrinsics;
  // The outer edge of pixel (0, 0) at the near plane is NDC (-1, +1, -1): top-left, nearest.
  const Eigen::Vector4d top_left = p * BackProject(k, Eigen::Vector2d(-0.5, -0.5), view.near_m).homogeneous();
  EXPECT_TRUE(MatricesNear(Eigen::Vector3d(top_left.head<3>() / top_left.w()), Eigen::Vector3d(-1, 1, -1), 1e-12));
  // The outer edge of the last pixel at the far plane is NDC (+1, -1, +1).
  const Eigen::Vector2d corner(view.width() - 0.5, view.height() - 0.5);
  const Eigen::Vector4d bottom_right = p * BackProject(k, corner, view.far_m).homogeneous();
  EXPECT_TRUE(MatricesNear(Eigen::Vector3d(bottom_right.head<3>() / bottom_right.w()), Eigen::Vector3d(1, -1, 1), 1e-9));
  // w is the depth, so perspective division matches the pinhole model.
  EXPECT_DOUBLE_EQ((p * Eigen::Vector4d(0.1, -0.2, 2.5, 1.0)).w(), 2.5);
}

TEST(PinholeProjectionMatrixTest, WorldPointsGoThroughTheExtrinsics) {
  PinholeView view = SampleView();
  view.camera.cam_from_world = Rigid3d(AxisAngleToMatrix(Eigen::Vector3d(0.3, -0.5, 0.2)), Eigen::Vector3d(0.1, -0.05, 1.2));
  const Eigen::Matrix4d clip_from_world = PinholeProjectionMatrix(view) * view.camera.cam_from_world.ToMatrix();
  Eigen::Matrix3Xd world(3, 4);
  world << 0.0, 0.05, -0.03, 0.1, 0.0, 0.02, 0.07, -0.04, 0.0, -0.06, 0.01, 0.03;
  const Eigen::Matrix2Xd expected = ProjectWorld(view.camera, world);
  for (int i = 0; i < world.cols(); ++i) {
    const Eigen::Vector2d got = ClipToPixel(clip_from_world * world.col(i).homogeneous(), view.width(), view.height());
    EXPECT_TRUE(MatricesNear(got, expected.col(i), 1e-9)) << "point " << i;
  }
}

TEST(PinholeViewTest, CheckNamesTheViolatedConstraint) {
  EXPECT_EQ(SampleView().Check(), "");
  PinholeView view = SampleView();
  view.camera.width = 0;
  EXPECT_NE(view.Check().find("camera.width"), std::string::npos) << view.Check();
  view = SampleView();
  view.far_m = view.near_m;
  EXPECT_NE(view.Check().find("far_m"), std::string::npos) << view.Check();
  view = SampleView();
  view.camera.intrinsics.fx = -1.0;
  EXPECT_NE(view.Check().find("fx"), std::string::npos) << view.Check();
}

TEST(OrbitCameraTest, TargetProjectsToTheImageCentreAtTheOrbitDistance) {
  OrbitCamera orbit;
  orbit.target = Eigen::Vector3d(0.1, -0.2, 0.3);
  orbit.distance_m = 0.7;
  orbit.yaw_deg = 35.0;
  orbit.pitch_deg = -20.0;
  const PinholeView view = orbit.ToPinhole(800, 600);
  EXPECT_EQ(view.Check(), "");
  const Eigen::Vector3d target_cam = view.camera.cam_from_world * orbit.target;
  EXPECT_TRUE(MatricesNear(target_cam, Eigen::Vector3d(0, 0, 0.7), 1e-12));
  EXPECT_TRUE(MatricesNear(Project(view.camera.intrinsics, target_cam), Eigen::Vector2d(399.5, 299.5), 1e-9));
  EXPECT_NEAR((orbit.Position() - orbit.target).norm(), 0.7, 1e-12);
  EXPECT_LT(view.near_m, 0.7);
  EXPECT_GT(view.far_m, 0.7);
}

TEST(OrbitCameraTest, WorldUpPointsUpInTheImageAndYawZeroLooksDownMinusZ) {
  OrbitCamera orbit;
  orbit.pitch_deg = 0.0;
  const Rigid3d cam_from_world = orbit.CamFromWorld();
  EXPECT_TRUE(MatricesNear(orbit.Position(), Eigen::Vector3d(0, 0, orbit.distance_m), 1e-12));
  EXPECT_TRUE(MatricesNear(Eigen::Vector3d(cam_from_world.rotation * Eigen::Vector3d::UnitY()), Eigen::Vector3d(0, -1, 0), 1e-12));
  EXPECT_TRUE(MatricesNear(Eigen::Vector3d(cam_from_world.rotation * Eigen::Vector3d::UnitX()), Eigen::Vector3d(1, 0, 0), 1e-12));
  orbit.yaw_deg = 90.0;
  EXPECT_TRUE(MatricesNear(orbit.Position(), Eigen::Vector3d(orbit.distance_m, 0, 0), 1e-12));
}

TEST(OrbitCameraTest, FieldOfViewMatchesTheFocalLength) {
  OrbitCamera orbit;
  orbit.fov_y_deg = 60.0;
  const PinholeView view = orbit.ToPinhole(300, 200);
  // Half the image height subtends half the vertical field of view.
  EXPECT_NEAR(view.camera.intrinsics.fy, 100.0 / std::tan(M_PI / 6.0), 1e-9);
  EXPECT_DOUBLE_EQ(view.camera.intrinsics.fx, view.camera.intrinsics.fy);
}

TEST(OrbitCameraTest, DragRotatesAndClampsPitch) {
  OrbitCamera orbit;
  orbit.yaw_deg = 10.0;
  orbit.pitch_deg = 0.0;
  orbit.Rotate(50.0, 0.0);  // the hand follows the mouse: the camera moves the other way
  EXPECT_NEAR(orbit.yaw_deg, 10.0 - 50.0 * OrbitCamera::kDegreesPerPixel, 1e-12);
  orbit.Rotate(0.0, 25.0);
  EXPECT_NEAR(orbit.pitch_deg, 25.0 * OrbitCamera::kDegreesPerPixel, 1e-12);
  EXPECT_GT(orbit.Position().y(), 0.0);  // dragging down lifts the camera
  orbit.Rotate(0.0, 1e4);
  EXPECT_DOUBLE_EQ(orbit.pitch_deg, OrbitCamera::kMaxPitchDeg);
  orbit.Rotate(0.0, -1e5);
  EXPECT_DOUBLE_EQ(orbit.pitch_deg, -OrbitCamera::kMaxPitchDeg);
  orbit.Rotate(2000.0, 0.0);  // yaw wraps instead of growing without bound
  EXPECT_LE(std::abs(orbit.yaw_deg), 180.0);
  EXPECT_TRUE(orbit.CamFromWorld().rotation.allFinite());
}

TEST(OrbitCameraTest, WheelZoomsGeometricallyWithinLimits) {
  OrbitCamera orbit;
  orbit.distance_m = 1.0;
  orbit.Zoom(2.0);
  EXPECT_NEAR(orbit.distance_m, OrbitCamera::kZoomPerStep * OrbitCamera::kZoomPerStep, 1e-12);
  orbit.Zoom(-2.0);
  EXPECT_NEAR(orbit.distance_m, 1.0, 1e-12);
  orbit.Zoom(1000.0);
  EXPECT_DOUBLE_EQ(orbit.distance_m, orbit.min_distance_m);
  orbit.Zoom(-1000.0);
  EXPECT_DOUBLE_EQ(orbit.distance_m, orbit.max_distance_m);
}

TEST(OrbitCameraTest, FitSphereKeepsTheWholeSphereInView) {
  for (double aspect : {0.5, 1.0, 2.0}) {
    OrbitCamera orbit;
    orbit.yaw_deg = -40.0;
    orbit.pitch_deg = 30.0;
    const Eigen::Vector3d centre(0.05, 0.02, -0.01);
    const double radius = 0.11;
    orbit.FitSphere(centre, radius, aspect);
    const int height = 400, width = static_cast<int>(height * aspect);
    const PinholeView view = orbit.ToPinhole(width, height);
    // Points on the sphere in the image plane's directions project inside the image.
    const Eigen::Matrix3d cam_rot = view.camera.cam_from_world.rotation;
    const std::array<Eigen::Vector3d, 4> directions = {Eigen::Vector3d(1, 0, 0), Eigen::Vector3d(0, 1, 0),
                                                       Eigen::Vector3d(-1, 0, 0), Eigen::Vector3d(0, -1, 0)};
    for (const Eigen::Vector3d& dir_cam : directions) {
      const Eigen::Vector3d point = centre + radius * (cam_rot.transpose() * dir_cam);
      const Eigen::Vector2d uv = ProjectWorld(view.camera, point).col(0);
      EXPECT_GT(uv.x(), 0.0) << "aspect " << aspect;
      EXPECT_LT(uv.x(), width - 1.0) << "aspect " << aspect;
      EXPECT_GT(uv.y(), 0.0) << "aspect " << aspect;
      EXPECT_LT(uv.y(), height - 1.0) << "aspect " << aspect;
    }
    // ...and the sphere fills most of the limiting direction (10% margin).
    EXPECT_NEAR(orbit.distance_m, 1.1 * radius / std::sin(std::min(std::atan(std::tan(M_PI * 35.0 / 360.0) * aspect),
                                                                    M_PI * 35.0 / 360.0)),
                1e-12);
  }
}

}  // namespace
}  // namespace handprop::ui
