// SPDX-License-Identifier: Apache-2.0
// The OpenGL viewport drawn for real (under xvfb-run; skipped on the offscreen platform): the
// rendered silhouette of known meshes must match the silhouette rasterised on the CPU with
// core's projection, in pinhole and orbit mode, letterboxed, and after the mesh changes.
#include "ui/viewport/hand_viewport.h"

#include <gtest/gtest.h>

#include <QGuiApplication>
#include <QHBoxLayout>
#include <QImage>
#include <QWidget>
#include <QtTest/QTest>
#include <cstdio>
#include <vector>

#include "core/geometry/rotation.h"
#include "core/model/hand_topology.h"
#include "tests/ui/gui_test_util.h"
#include "ui/viewport/picking.h"

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

// A pattern with no two neighbouring pixels alike, so any shift or flip shows.
QImage PatternImage(int width, int height) {
  QImage image(width, height, QImage::Format_RGB888);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) image.setPixelColor(x, y, QColor(x % 256, (3 * y) % 256, (7 * x + 13 * y) % 256));
  return image;
}

// The mask grown by one pixel in each direction (anti-aliased mesh edges may touch neighbours).
testing::Mask Dilated(const testing::Mask& mask, int width, int height) {
  testing::Mask out = mask;
  for (int v = 0; v < height; ++v)
    for (int u = 0; u < width; ++u)
      for (int dv = -1; dv <= 1; ++dv)
        for (int du = -1; du <= 1; ++du) {
          const int x = u + du, y = v + dv;
          if (x >= 0 && y >= 0 && x < width && y < height && mask[y * width + x]) out[v * width + u] = 1;
        }
  return out;
}

TEST_F(HandViewportTest, BackgroundImageShowsExactlyWhereNoMeshIs) {
  constexpr int kW = 317, kH = 239;  // odd: rows of 951 bytes test the unpack alignment
  const TestMesh box = TestBox();
  viewport_.SetMesh(box.vertices, box.faces);
  viewport_.SetPinholeCamera(TestView(kW, kH));
  const QImage pattern = PatternImage(kW, kH);
  viewport_.SetBackgroundImage(pattern);
  const QImage image = Render(kW, kH).convertToFormat(QImage::Format_RGB888);
  const testing::Mask mesh = Dilated(CpuSilhouette(box, TestView(kW, kH).camera), kW, kH);
  int compared = 0, wrong = 0;
  for (int v = 0; v < kH; ++v)
    for (int u = 0; u < kW; ++u) {
      if (mesh[v * kW + u]) {
        continue;
      }
      ++compared;
      if (image.pixel(u, v) != pattern.pixel(u, v)) ++wrong;
    }
  std::printf("background: %d of %d image pixels differ\n", wrong, compared);
  EXPECT_GT(compared, kW * kH / 2);
  EXPECT_EQ(wrong, 0);
  // The mesh still covers the image where it lies (white silhouette).
  const Eigen::Vector2d centre = MaskCentroid(CpuSilhouette(box, TestView(kW, kH).camera), kW);
  EXPECT_EQ(image.pixelColor(static_cast<int>(centre.x()), static_cast<int>(centre.y())), QColor(255, 255, 255));

  // A new frame of the same size replaces the pixels (glTexSubImage2D path).
  viewport_.SetBackgroundImage(PatternImage(kW, kH).mirrored(true, false));
  const QImage second = Render(kW, kH).convertToFormat(QImage::Format_RGB888);
  EXPECT_EQ(second.pixel(0, 0), pattern.pixel(kW - 1, 0));
  EXPECT_EQ(second.pixel(kW - 1, kH - 1), pattern.pixel(0, kH - 1));
}

TEST_F(HandViewportTest, OrbitModeIgnoresTheBackgroundImage) {
  viewport_.SetBackgroundImage(PatternImage(kWidth, kHeight));
  const QImage image = Render(kWidth, kHeight);
  EXPECT_EQ(image.pixelColor(5, 5), QColor(0, 0, 0)) << "orbit mode keeps the gradient (black in this style)";
}

TEST_F(HandViewportTest, SilhouetteTriangleIsFlatAndCoversItsProjection) {
  TestMesh triangle;
  triangle.vertices.resize(3, 3);
  triangle.vertices << -0.05, 0.06, 0.0,  //
      -0.04, -0.01, 0.05,                 //
      0.0, 0.02, -0.03;
  triangle.faces.resize(3, 1);
  triangle.faces << 0, 1, 2;
  viewport_.SetMesh(triangle.vertices, triangle.faces);
  viewport_.SetPinholeCamera(TestView());
  ViewStyle style = SilhouetteStyle();
  style.mesh_mode = MeshMode::kSilhouette;
  style.skin = Eigen::Vector3f(1.0f, 0.0f, 0.0f);
  style.ambient = 0.2f;  // ignored by the flat program
  style.diffuse = 0.7f;
  viewport_.SetStyle(style);
  const QImage image = Render(kWidth, kHeight);
  const testing::Mask expected = CpuSilhouette(triangle, TestView().camera);
  ASSERT_GT(std::count(expected.begin(), expected.end(), 1), 1500);
  testing::Mask rendered(expected.size(), 0);
  int off_colour = 0;
  for (int v = 1; v + 1 < kHeight; ++v)
    for (int u = 1; u + 1 < kWidth; ++u) {
      const QColor c = image.pixelColor(u, v);
      rendered[v * kWidth + u] = c.red() > 127 ? 1 : 0;
      bool interior = true;  // the pixel and its 8 neighbours are covered
      for (int dv = -1; dv <= 1; ++dv)
        for (int du = -1; du <= 1; ++du) interior = interior && expected[(v + dv) * kWidth + u + du];
      if (c.green() != 0 || c.blue() != 0 || (interior && c.red() != 255)) ++off_colour;
    }
  const double iou = IntersectionOverUnion(rendered, expected);
  std::printf("silhouette triangle: IoU %.4f\n", iou);
  EXPECT_GE(iou, 0.97);
  EXPECT_EQ(off_colour, 0) << "silhouette pixels are one flat colour";
  const Eigen::Vector2d centre = MaskCentroid(expected, kWidth);
  EXPECT_EQ(image.pixelColor(static_cast<int>(centre.x()), static_cast<int>(centre.y())), QColor(255, 0, 0));
}

TEST_F(HandViewportTest, HalfOpacityBlendsTheMeshOverTheImage) {
  const TestMesh box = TestBox();
  viewport_.SetMesh(box.vertices, box.faces);
  viewport_.SetPinholeCamera(TestView());
  QImage grey(kWidth, kHeight, QImage::Format_RGB888);
  grey.fill(QColor(100, 100, 100));
  viewport_.SetBackgroundImage(grey);
  ViewStyle style = SilhouetteStyle();
  style.mesh_mode = MeshMode::kSilhouette;
  style.mesh_opacity = 0.5f;
  viewport_.SetStyle(style);
  const QImage image = Render(kWidth, kHeight);
  const Eigen::Vector2d centre = MaskCentroid(CpuSilhouette(box, TestView().camera), kWidth);
  const QColor c = image.pixelColor(static_cast<int>(centre.x()), static_cast<int>(centre.y()));
  EXPECT_NEAR(c.red(), (100 + 255) / 2, 2) << "one blended surface, not the box's back faces too";
  EXPECT_EQ(image.pixelColor(2, 2), QColor(100, 100, 100));
}

TEST_F(HandViewportTest, DraggingAKeypointEmitsPressDragAndReleaseWithImagePixels) {
  Eigen::Matrix3Xd keypoints(3, kNumKeypoints);
  for (int i = 0; i < kNumKeypoints; ++i) keypoints.col(i) << -0.08 + 0.008 * i, 0.03 * std::sin(i), 0.0;
  viewport_.SetKeypoints(keypoints);
  viewport_.SetPinholeCamera(TestView());
  Render(kWidth, kHeight);
  std::vector<int> pressed, released;
  std::vector<std::pair<int, Eigen::Vector2d>> dragged;
  QObject::connect(&viewport_, &HandViewport::KeypointPressed, [&](int k) { pressed.push_back(k); });
  QObject::connect(&viewport_, &HandViewport::KeypointReleased, [&](int k) { released.push_back(k); });
  QObject::connect(&viewport_, &HandViewport::KeypointDragged,
                   [&](int k, Eigen::Vector2d px) { dragged.emplace_back(k, px); });

  const Eigen::Vector2d uv = ProjectWorld(TestView().camera, keypoints).col(9);
  const QPoint near(static_cast<int>(std::lround(uv.x())) + 2, static_cast<int>(std::lround(uv.y())) - 1);
  QTest::mousePress(&viewport_, Qt::LeftButton, Qt::NoModifier, near);
  ASSERT_EQ(pressed, std::vector<int>{9});
  const QPoint target(101, 57);
  QTest::mouseMove(&viewport_, target);
  QTest::mouseRelease(&viewport_, Qt::LeftButton, Qt::NoModifier, target);
  ASSERT_FALSE(dragged.empty());
  EXPECT_EQ(dragged.back().first, 9);
  EXPECT_NEAR(dragged.back().second.x(), 101.0, 1e-9) << "widget pixel = image pixel at equal sizes";
  EXPECT_NEAR(dragged.back().second.y(), 57.0, 1e-9);
  EXPECT_EQ(released, std::vector<int>{9});

  QTest::mousePress(&viewport_, Qt::LeftButton, Qt::NoModifier, QPoint(2, 2));  // far from every keypoint
  QTest::mouseRelease(&viewport_, Qt::LeftButton, Qt::NoModifier, QPoint(2, 2));
  EXPECT_EQ(pressed.size(), 1u);
  EXPECT_EQ(released.size(), 1u);
}

TEST_F(HandViewportTest, DraggingInOrbitModeStillOrbits) {
  Eigen::Matrix3Xd keypoints = Eigen::Matrix3Xd::Zero(3, kNumKeypoints);
  viewport_.SetKeypoints(keypoints);
  Render(kWidth, kHeight);
  int pressed = 0, changed = 0;
  QObject::connect(&viewport_, &HandViewport::KeypointPressed, [&](int) { ++pressed; });
  QObject::connect(&viewport_, &HandViewport::CameraChanged, [&] { ++changed; });
  const double yaw = viewport_.orbit_camera().yaw_deg;
  QTest::mousePress(&viewport_, Qt::LeftButton, Qt::NoModifier, QPoint(kWidth / 2, kHeight / 2));
  QTest::mouseMove(&viewport_, QPoint(kWidth / 2 + 30, kHeight / 2));
  QTest::mouseRelease(&viewport_, Qt::LeftButton, Qt::NoModifier, QPoint(kWidth / 2 + 30, kHeight / 2));
  EXPECT_EQ(pressed, 0);
  EXPECT_GT(changed, 0);
  EXPECT_NE(viewport_.orbit_camera().yaw_deg, yaw);
}

TEST(TwoViewportsTest, AnOverlayAndAnOrbitViewDrawSideBySideInOneWindow) {
  HANDPROP_SKIP_WITHOUT_OPENGL();
  QWidget window;
  auto* layout = new QHBoxLayout(&window);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  auto* overlay = new HandViewport;
  auto* orbit = new HandViewport;
  layout->addWidget(overlay);
  layout->addWidget(orbit);
  for (HandViewport* v : {overlay, orbit}) {
    v->setFixedSize(kWidth, kHeight);
    v->SetStyle(SilhouetteStyle());
  }
  const TestMesh box = TestBox();
  auto frame = std::make_shared<SceneImage>();
  frame->width = kWidth;
  frame->height = kHeight;
  frame->rgb.assign(static_cast<size_t>(3) * kWidth * kHeight, 90);
  for (HandViewport* v : {overlay, orbit}) {
    v->SetMesh(box.vertices, box.faces);
    v->SetBackgroundImage(frame);  // one host copy, two textures
  }
  overlay->SetPinholeCamera(TestView());
  orbit->FitOrbitToMesh();
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  const QImage left = overlay->grabFramebuffer();
  const QImage right = orbit->grabFramebuffer();
  EXPECT_TRUE(overlay->gl_error().isEmpty());
  EXPECT_TRUE(orbit->gl_error().isEmpty());
  EXPECT_EQ(left.pixelColor(3, 3), QColor(90, 90, 90));
  EXPECT_EQ(right.pixelColor(3, 3), QColor(0, 0, 0));
  const double left_iou = IntersectionOverUnion(MaskFromImage(left, kThreshold), CpuSilhouette(box, TestView().camera));
  const double right_iou =
      IntersectionOverUnion(MaskFromImage(right, kThreshold), CpuSilhouette(box, orbit->CurrentView().camera));
  std::printf("two viewports: IoU overlay %.4f, orbit %.4f\n", left_iou, right_iou);
  EXPECT_GE(left_iou, 0.95);
  EXPECT_GE(right_iou, 0.95);
}

TEST(PickingTest, WidgetAndImagePixelsCoincideAtEqualSizes) {
  const PinholeView view = TestView();
  const ImagePlacement placement{{0, 0, kWidth, kHeight}, kHeight, 1.0};
  const Eigen::Vector2d px = WidgetToImagePixel(view, placement, QPointF(10, 20));
  EXPECT_DOUBLE_EQ(px.x(), 10.0);
  EXPECT_DOUBLE_EQ(px.y(), 20.0);
}

TEST(PickingTest, LetterboxAndDevicePixelRatioAreAccountedFor) {
  const PinholeView view = TestView();
  // Ratio 2, a 400 x 260 logical widget: the 800 x 520 framebuffer holds the image 1:2 scaled
  // (640 x 480) with 80-pixel bars left and right and 20 pixels at the top and bottom.
  const ImagePlacement placement{{80, 20, 640, 480}, 520, 2.0};
  const Eigen::Vector2d origin = WidgetToImagePixel(view, placement, QPointF(40, 10));
  EXPECT_DOUBLE_EQ(origin.x(), 0.0);  // logical (40, 10) covers device (80..82, 20..22): image pixel (0, 0)
  EXPECT_DOUBLE_EQ(origin.y(), 0.0);
  const Eigen::Vector2d last = WidgetToImagePixel(view, placement, QPointF(359, 249));
  EXPECT_DOUBLE_EQ(last.x(), kWidth - 1.0);
  EXPECT_DOUBLE_EQ(last.y(), kHeight - 1.0);
  // The bottom-left origin: a rectangle raised by 30 device pixels moves the image up 15 logical.
  ImagePlacement raised = placement;
  raised.image_rect.y += 30;
  EXPECT_DOUBLE_EQ(WidgetToImagePixel(view, raised, QPointF(40, -5)).y(), 0.0);
  const Eigen::Vector2d image_px(123.25, 77.5);
  const QPointF widget = ImagePixelToWidget(view, placement, image_px);
  EXPECT_NEAR((WidgetToImagePixel(view, placement, widget) - image_px).norm(), 0.0, 1e-12);
}

TEST(PickingTest, PicksTheNearestKeypointWithinTheRadiusOnly) {
  const PinholeView view = TestView();
  const ImagePlacement placement{{40, 0, kWidth, kHeight}, kHeight, 1.0};  // a 40-pixel bar on the left
  Eigen::Matrix3Xd keypoints(3, 4);
  keypoints.col(0) = view.camera.cam_from_world.Inverse() * BackProject(view.camera.intrinsics, {100, 100}, 0.4);
  keypoints.col(1) = view.camera.cam_from_world.Inverse() * BackProject(view.camera.intrinsics, {106, 100}, 0.3);
  keypoints.col(2) = view.camera.cam_from_world.Inverse() * BackProject(view.camera.intrinsics, {200, 50}, 0.5);
  keypoints.col(3) = view.camera.cam_from_world.Inverse() * Eigen::Vector3d(0.0, 0.0, -0.2);  // behind the camera
  EXPECT_EQ(PickKeypoint(view, placement, keypoints, QPointF(141, 100), 12.0), 0);
  EXPECT_EQ(PickKeypoint(view, placement, keypoints, QPointF(145, 101), 12.0), 1);
  EXPECT_EQ(PickKeypoint(view, placement, keypoints, QPointF(240, 62.5), 12.0), -1);
  EXPECT_EQ(PickKeypoint(view, placement, keypoints, QPointF(240, 62.5), 12.6), 2);
  EXPECT_EQ(PickKeypoint(view, placement, keypoints, QPointF(100, 100), 12.0), -1) << "the bar shifts the image";
  // Behind the camera the projection mirrors through the centre; the point is never picked.
  const Eigen::Vector3d behind_cam = view.camera.cam_from_world * Eigen::Vector3d(keypoints.col(3));
  const Eigen::Vector2d mirrored(view.camera.intrinsics.fx * behind_cam.x() / behind_cam.z() + view.camera.intrinsics.cx,
                                 view.camera.intrinsics.fy * behind_cam.y() / behind_cam.z() + view.camera.intrinsics.cy);
  EXPECT_EQ(PickKeypoint(view, placement, keypoints.rightCols(1), QPointF(mirrored.x() + 40, mirrored.y()), 1e9), -1);
}

}  // namespace
}  // namespace handprop::ui
