// SPDX-License-Identifier: Apache-2.0
// The OpenGL viewport drawn for real (under xvfb-run; skipped on the offscreen platform): the
// rendered silhouette of known meshes must match the silhouette rasterised on the CPU with
// core's projection, in pinhole and orbit mode, letterboxed, and after the mesh changes.
#include "ui/viewport/hand_viewport.h"

#include <gtest/gtest.h>

#include <QGuiApplication>
#include <QImage>
#include <QtTest/QTest>
#include <cstdio>

#include "core/geometry/rotation.h"
#include "core/model/hand_topology.h"
#include "tests/ui/gui_test_util.h"

namespace handprop::ui {
namespace {

using testing::CpuSilhouette;
using testing::IntersectionOverUnion;
using testing::MaskCentroid;
using testing::MaskFromImage;
using testing::TestMesh;

constexpr int kWidth = 320;
constexpr int kHeight = 240;
constexpr int kThreshold = 127;  // half coverage of a white mesh on black

// White, unlit (ambient 1) mesh on black, nothing else: the image is the silhouette.
ViewStyle SilhouetteStyle() {
  ViewStyle style;
  style.background_top = style.background_bottom = Eigen::Vector3f::Zero();
  style.skin = Eigen::Vector3f::Ones();
  style.ambient = 1.0f;
  style.diffuse = style.specular = 0.0f;
  style.show_skeleton = false;
  return style;
}

PinholeView TestView(int width = kWidth, int height = kHeight) {
  CameraIntrinsics k;
  k.fx = 420.0;
  k.fy = 380.0;
  k.cx = 150.3;
  k.cy = 118.6;
  PinholeView view = MakePinholeView(k, width, height);
  view.camera.cam_from_world = Rigid3d(AxisAngleToMatrix(Eigen::Vector3d(0.05, -0.1, 0.03)), Eigen::Vector3d(0.01, 0.02, 0.4));
  return view;
}

TestMesh TestBox() {
  return testing::Transformed(testing::BoxMesh(Eigen::Vector3d(0.03, 0.02, 0.025)),
                              AxisAngleToMatrix(Eigen::Vector3d(0.4, 0.7, -0.2)), Eigen::Vector3d(0.02, -0.01, 0.0));
}

class HandViewportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    HANDPROP_SKIP_WITHOUT_OPENGL();
    viewport_.SetStyle(SilhouetteStyle());
  }

  // Shows the viewport at exactly width x height device pixels and grabs what it draws.
  QImage Render(int width, int height) {
    viewport_.setFixedSize(width, height);
    viewport_.show();
    EXPECT_TRUE(QTest::qWaitForWindowExposed(&viewport_));
    if (viewport_.devicePixelRatioF() != 1.0) ADD_FAILURE() << "device pixel ratio " << viewport_.devicePixelRatioF();
    QImage image = viewport_.grabFramebuffer();
    EXPECT_TRUE(viewport_.gl_error().isEmpty()) << viewport_.gl_error().toStdString();
    EXPECT_EQ(image.size(), QSize(width, height));
    return image;
  }

  // IoU of the rendered and CPU silhouettes (printed for the record) and their centroid offset.
  void ExpectSilhouettesMatch(const QImage& image, const testing::Mask& expected, const char* what) {
    const testing::Mask rendered = MaskFromImage(image, kThreshold);
    const double iou = IntersectionOverUnion(rendered, expected);
    const Eigen::Vector2d offset = MaskCentroid(rendered, image.width()) - MaskCentroid(expected, image.width());
    std::printf("%s: IoU %.4f, centroid offset (%.3f, %.3f) px\n", what, iou, offset.x(), offset.y());
    EXPECT_GE(iou, 0.95) << what;
    EXPECT_LT(offset.norm(), 0.25) << what << ": a systematic shift means the pixel convention is off";
  }

  HandViewport viewport_;
};

TEST_F(HandViewportTest, PinholeSilhouetteOfABoxMatchesTheCpuProjection) {
  const TestMesh box = TestBox();
  viewport_.SetMesh(box.vertices, box.faces);
  viewport_.SetPinholeCamera(TestView());
  const QImage image = Render(kWidth, kHeight);
  const testing::Mask expected = CpuSilhouette(box, TestView().camera);
  ASSERT_GT(std::count(expected.begin(), expected.end(), 1), 2000) << "the box should be well inside the image";
  ExpectSilhouettesMatch(image, expected, "pinhole box");
}

TEST_F(HandViewportTest, PinholeSilhouetteOfAnIcosphereMatchesAfterTheMeshChanges) {
  const TestMesh box = TestBox();
  viewport_.SetMesh(box.vertices, box.faces);
  viewport_.SetPinholeCamera(TestView());
  Render(kWidth, kHeight);
  // A new mesh must reach the GPU (the dirty flag), replacing the box.
  const TestMesh sphere = testing::Transformed(testing::IcosphereMesh(0.035, 3), Eigen::Matrix3d::Identity(),
                                               Eigen::Vector3d(-0.04, 0.03, 0.05));
  viewport_.SetMesh(sphere.vertices, sphere.faces);
  const QImage image = Render(kWidth, kHeight);
  ExpectSilhouettesMatch(image, CpuSilhouette(sphere, TestView().camera), "pinhole icosphere");
}

TEST_F(HandViewportTest, OrbitSilhouetteMatchesItsOwnPinholeView) {
  const TestMesh box = TestBox();
  viewport_.SetMesh(box.vertices, box.faces);
  OrbitCamera orbit;
  orbit.yaw_deg = 30.0;
  orbit.pitch_deg = 25.0;
  viewport_.SetOrbitCamera(orbit);
  viewport_.setFixedSize(kWidth, kHeight);
  viewport_.FitOrbitToMesh();
  const QImage image = Render(kWidth, kHeight);
  const PinholeView view = viewport_.CurrentView();
  ASSERT_EQ(view.width(), kWidth);
  ExpectSilhouettesMatch(image, CpuSilhouette(box, view.camera), "orbit box");
}

TEST_F(HandViewportTest, PinholeImageIsLetterboxedIntoAWiderWidget) {
  const TestMesh box = TestBox();
  viewport_.SetMesh(box.vertices, box.faces);
  viewport_.SetPinholeCamera(TestView());
  const int bar = 40;
  const QImage image = Render(kWidth + 2 * bar, kHeight);
  const PixelRect rect = viewport_.ImageRect();
  EXPECT_EQ(rect.x, bar);
  EXPECT_EQ(rect.width, kWidth);
  EXPECT_EQ(rect.height, kHeight);
  ExpectSilhouettesMatch(image.copy(bar, 0, kWidth, kHeight), CpuSilhouette(box, TestView().camera), "letterboxed box");
  const testing::Mask left_bar = MaskFromImage(image.copy(0, 0, bar, kHeight), kThreshold);
  EXPECT_EQ(std::count(left_bar.begin(), left_bar.end(), 1), 0) << "the bar left of the image must stay empty";
}

TEST_F(HandViewportTest, KeypointsAreDrawnOnTopInTheirFingerColours) {
  const TestMesh box = TestBox();
  viewport_.SetMesh(box.vertices, box.faces);
  // Keypoints spread over the box's projection, some of them inside the box.
  Eigen::Matrix3Xd keypoints(3, kNumKeypoints);
  for (int i = 0; i < kNumKeypoints; ++i) keypoints.col(i) << -0.06 + 0.006 * i, 0.02 * std::sin(i), 0.0;
  viewport_.SetKeypoints(keypoints);
  ViewStyle style = SilhouetteStyle();
  style.show_skeleton = true;
  viewport_.SetStyle(style);
  viewport_.SetPinholeCamera(TestView());
  const QImage image = Render(kWidth, kHeight);
  const Eigen::Matrix2Xd uv = ProjectWorld(TestView().camera, keypoints);
  const SceneSkeleton skeleton = MakeHandSkeleton(keypoints);
  for (int i : {0, 4, 8, 12, 16, 20}) {
    const QColor got = image.pixelColor(static_cast<int>(std::lround(uv(0, i))), static_cast<int>(std::lround(uv(1, i))));
    const Eigen::Vector3f want = skeleton.colours.col(i) * 255.0f;
    EXPECT_NEAR(got.red(), want.x(), 12) << "keypoint " << i;
    EXPECT_NEAR(got.green(), want.y(), 12) << "keypoint " << i;
    EXPECT_NEAR(got.blue(), want.z(), 12) << "keypoint " << i;
  }
}

TEST_F(HandViewportTest, WireframeDarkensEdgesInsideTheSilhouette) {
  const TestMesh sphere = testing::IcosphereMesh(0.04, 1);
  viewport_.SetMesh(sphere.vertices, sphere.faces);
  viewport_.SetPinholeCamera(TestView());
  const auto dark_inside = [&](const QImage& image) {
    const testing::Mask inside = CpuSilhouette(sphere, TestView().camera);
    int count = 0;
    for (int v = 1; v + 1 < kHeight; ++v)
      for (int u = 1; u + 1 < kWidth; ++u)
        if (inside[v * kWidth + u] && inside[(v - 1) * kWidth + u] && inside[(v + 1) * kWidth + u] &&
            inside[v * kWidth + u - 1] && inside[v * kWidth + u + 1] && qGray(image.pixel(u, v)) < 200)
          ++count;
    return count;
  };
  EXPECT_EQ(dark_inside(Render(kWidth, kHeight)), 0);
  ViewStyle style = SilhouetteStyle();
  style.show_wireframe = true;
  style.wireframe_colour = Eigen::Vector4f(0.0f, 0.0f, 0.0f, 1.0f);
  viewport_.SetStyle(style);
  EXPECT_GT(dark_inside(Render(kWidth, kHeight)), 200);
}

}  // namespace
}  // namespace handprop::ui
