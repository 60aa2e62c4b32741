// SPDX-License-Identifier: Apache-2.0
#include "core/geometry/camera.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::MatricesNear;

// FreiHAND-like intrinsics for a 224 x 224 crop, with fx != fy to catch mixed-up axes.
CameraIntrinsics Intrinsics() {
  CameraIntrinsics k;
  k.fx = 480.0;
  k.fy = 470.0;
  k.cx = 111.5;
  k.cy = 113.0;
  return k;
}

TEST(CameraTest, ProjectsByThePinholeFormula) {
  const CameraIntrinsics k = Intrinsics();
  const Eigen::Vector2d uv = Project(k, Eigen::Vector3d(0.05, -0.02, 0.5));
  EXPECT_NEAR(uv.x(), 480.0 * 0.1 + 111.5, 1e-12);
  EXPECT_NEAR(uv.y(), 470.0 * -0.04 + 113.0, 1e-12);
  // The same through K: uv = K x / z.
  const Eigen::Vector3d h = k.Matrix() * Eigen::Vector3d(0.05, -0.02, 0.5);
  EXPECT_TRUE(MatricesNear(uv, Eigen::Vector2d(h.head<2>() / h.z()), 1e-12));
  EXPECT_TRUE(InFront(Eigen::Vector3d(0, 0, 0.1)));
  EXPECT_FALSE(InFront(Eigen::Vector3d(0, 0, -0.1)));
  EXPECT_FALSE(InFront(Eigen::Vector3d(0, 0, 0)));
}

TEST(CameraTest, BackProjectInvertsProject) {
  const CameraIntrinsics k = Intrinsics();
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> xy(-0.2, 0.2), depth(0.2, 2.0);
  Eigen::Matrix3Xd points(3, 50);
  for (int i = 0; i < points.cols(); ++i) points.col(i) << xy(rng), xy(rng), depth(rng);
  const Eigen::Matrix2Xd uv = Project(k, points);
  for (int i = 0; i < points.cols(); ++i) {
    EXPECT_TRUE(MatricesNear(BackProject(k, uv.col(i), points(2, i)), points.col(i), 1e-14)) << "point " << i;
  }
}

TEST(CameraTest, IntrinsicsMatrixRoundTripAndChecks) {
  const CameraIntrinsics k = Intrinsics();
  const CameraIntrinsics back = CameraIntrinsics::FromMatrix(k.Matrix());
  EXPECT_EQ(back.fx, k.fx);
  EXPECT_EQ(back.fy, k.fy);
  EXPECT_EQ(back.cx, k.cx);
  EXPECT_EQ(back.cy, k.cy);
  EXPECT_EQ(CheckIntrinsicsMatrix(k.Matrix()), "");
  EXPECT_DOUBLE_EQ(k.MeanFocal(), 475.0);

  Eigen::Matrix3d skewed = k.Matrix();
  skewed(0, 1) = 0.5;
  EXPECT_NE(CheckIntrinsicsMatrix(skewed).find("skew"), std::string::npos);
  Eigen::Matrix3d bad_row = k.Matrix();
  bad_row(2, 2) = 2.0;
  EXPECT_NE(CheckIntrinsicsMatrix(bad_row).find("last row"), std::string::npos);
  Eigen::Matrix3d negative = k.Matrix();
  negative(1, 1) = -470.0;
  EXPECT_NE(CheckIntrinsicsMatrix(negative).find("fy > 0"), std::string::npos);
  CameraIntrinsics inf = k;
  inf.cx = std::numeric_limits<double>::infinity();
  EXPECT_NE(inf.Check().find("non-finite"), std::string::npos);
}

TEST(CameraTest, UvScaleRootEncodingRoundTripsAndMatchesFreiHand) {
  const CameraIntrinsics k = Intrinsics();
  const Eigen::Vector3d root(0.03, -0.01, 0.6);
  const Eigen::Vector3d uvs = UvScaleFromRoot(k, root);
  EXPECT_NEAR(uvs.z(), 475.0 / 0.6, 1e-12);  // s = f-bar / z
  EXPECT_TRUE(MatricesNear(RootFromUvScale(k, uvs), root, 1e-14));

  // With fx == fy, FreiHAND's ((u - cx)/s, (v - cy)/s, f/s) gives the same root (reference.md §1.9).
  CameraIntrinsics square = k;
  square.fy = square.fx;
  const Eigen::Vector3d e(150.0, 90.0, 800.0);
  const Eigen::Vector3d freihand((e.x() - square.cx) / e.z(), (e.y() - square.cy) / e.z(), square.fx / e.z());
  EXPECT_TRUE(MatricesNear(RootFromUvScale(square, e), freihand, 1e-15));
}

TEST(CameraTest, LookAtCentresTheTargetAndKeepsUpUp) {
  const Eigen::Vector3d eye(0.4, 0.3, -0.5), target(0.0, 0.05, 0.1), up(0, 1, 0);
  const Rigid3d cam_from_world = LookAt(eye, target, up);
  EXPECT_EQ(CheckRotationMatrix(cam_from_world.rotation), "");
  EXPECT_TRUE(MatricesNear(cam_from_world * eye, Eigen::Vector3d::Zero(), 1e-14));
  const Eigen::Vector3d target_cam = cam_from_world * target;
  EXPECT_NEAR(target_cam.x(), 0.0, 1e-14);
  EXPECT_NEAR(target_cam.y(), 0.0, 1e-14);
  EXPECT_NEAR(target_cam.z(), (target - eye).norm(), 1e-14);
  // A point above the target (world +y) appears above the principal point (smaller v).
  Camera camera;
  camera.intrinsics = Intrinsics();
  camera.cam_from_world = cam_from_world;
  Eigen::Matrix3Xd points(3, 2);
  points.col(0) = target;
  points.col(1) = target + 0.05 * up;
  const Eigen::Matrix2Xd uv = ProjectWorld(camera, points);
  EXPECT_NEAR(uv(0, 0), camera.intrinsics.cx, 1e-9);
  EXPECT_NEAR(uv(1, 0), camera.intrinsics.cy, 1e-9);
  EXPECT_LT(uv(1, 1), uv(1, 0) - 1.0);
}

TEST(CameraTest, OpenGlProjectionReproducesPixels) {
  const CameraIntrinsics k = Intrinsics();
  const int width = 224, height = 240;
  const double near = 0.1, far = 5.0;
  const Eigen::Matrix4d projection = OpenGlProjection(k, width, height, near, far);
  const Eigen::Matrix3d gl_from_cv = OpenGlFromOpenCv();
  EXPECT_TRUE(MatricesNear(gl_from_cv * gl_from_cv, Eigen::Matrix3d::Identity(), 0));
  for (const Eigen::Vector3d& x : {Eigen::Vector3d(0.05, -0.02, 0.5), Eigen::Vector3d(-0.1, 0.2, 3.0)}) {
    Eigen::Vector4d eye;
    eye << gl_from_cv * x, 1.0;
    const Eigen::Vector4d clip = projection * eye;
    const Eigen::Vector3d ndc = clip.head<3>() / clip.w();
    const Eigen::Vector2d pixel((ndc.x() + 1) * width / 2 - 0.5, (1 - ndc.y()) * height / 2 - 0.5);
    EXPECT_TRUE(MatricesNear(pixel, Project(k, x), 1e-9));
  }
  // Depth: near -> -1, far -> +1.
  for (const auto& [z, expected] : {std::pair{near, -1.0}, std::pair{far, 1.0}}) {
    const Eigen::Vector4d clip = projection * Eigen::Vector4d(0, 0, -z, 1);
    EXPECT_NEAR(clip.z() / clip.w(), expected, 1e-12);
  }
}

}  // namespace
}  // namespace handprop
