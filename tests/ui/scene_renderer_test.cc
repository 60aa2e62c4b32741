// SPDX-License-Identifier: Apache-2.0
// Viewport logic on the recording mock backend (no GPU): lazy buffer creation, re-upload only
// after a change, what is drawn with which state, and the scene helpers.
#include "ui/viewport/scene_renderer.h"

#include <gtest/gtest.h>

#include "core/model/hand_topology.h"
#include "tests/support/test_util.h"
#include "tests/ui/gui_test_util.h"
#include "tests/ui/mock_render_backend.h"

namespace handprop::ui {
namespace {

using handprop::testing::MatricesNear;
using testing::BoxMesh;
using testing::MockRenderBackend;

SceneMesh Box() {
  const testing::TestMesh box = BoxMesh(Eigen::Vector3d(0.02, 0.03, 0.04));
  return MakeSceneMesh(box.vertices, box.faces);
}

Eigen::Matrix3Xd Keypoints() {
  Eigen::Matrix3Xd k(3, kNumKeypoints);
  for (int i = 0; i < kNumKeypoints; ++i) k.col(i) << 0.01 * i, 0.002 * i, 0.5;
  return k;
}

PinholeView View() {
  OrbitCamera orbit;
  return orbit.ToPinhole(320, 240);
}

TEST(SceneTest, BoxNormalsPointAlongTheCornerDiagonals) {
  const SceneMesh box = Box();
  ASSERT_EQ(box.normals.cols(), 8);
  for (int i = 0; i < 8; ++i) {
    EXPECT_NEAR(box.normals.col(i).norm(), 1.0f, 1e-6f);
    // Outward: every corner normal has the signs of the corner itself.
    EXPECT_GT(box.normals.col(i).dot(box.vertices.col(i)), 0.0f) << "vertex " << i;
  }
}

TEST(SceneTest, UniqueEdgesOfABoxAndAnIcosphere) {
  EXPECT_EQ(UniqueEdges(Box().faces).size(), 18u);  // 12 box edges + 6 face diagonals
  const testing::TestMesh sphere = testing::IcosphereMesh(1.0, 1);
  EXPECT_EQ(UniqueEdges(sphere.faces).size(), 120u);  // E = 3F / 2 for a closed mesh (F = 80)
}

TEST(SceneTest, HandSkeletonHasTwentyBonesColouredByFinger) {
  const SceneSkeleton skeleton = MakeHandSkeleton(Keypoints());
  ASSERT_EQ(skeleton.bones.size(), 20u);
  EXPECT_EQ(skeleton.bones[0][0], 0);  // wrist -> thumb CMC
  EXPECT_EQ(skeleton.bones[0][1], 1);
  EXPECT_EQ(skeleton.bones[19][0], 19);
  EXPECT_EQ(skeleton.bones[19][1], 20);
  EXPECT_TRUE(MatricesNear(skeleton.colours.col(1), skeleton.colours.col(4), 0.0));  // one colour per finger
  EXPECT_FALSE(MatricesNear(skeleton.colours.col(4), skeleton.colours.col(8), 0.1));
}

TEST(SceneTest, BoundingSphereHoldsEveryVertex) {
  Eigen::Vector3d centre;
  double radius = 0.0;
  const SceneMesh box = Box();
  BoundingSphere(box.vertices, &centre, &radius);
  EXPECT_TRUE(MatricesNear(centre, Eigen::Vector3d::Zero(), 1e-7));
  EXPECT_NEAR(radius, std::sqrt(0.02 * 0.02 + 0.03 * 0.03 + 0.04 * 0.04), 1e-7);
}

TEST(SceneRendererTest, CreatesBuffersLazilyAndUploadsOnlyAfterAChange) {
  SceneRenderer renderer;
  renderer.SetMesh(Box());
  renderer.SetSkeleton(MakeHandSkeleton(Keypoints()));
  MockRenderBackend backend;
  EXPECT_EQ(backend.creates, 0);

  renderer.Render(backend, View(), {0, 0, 320, 240});
  EXPECT_EQ(backend.creates, 3);  // mesh, bones, points; no wireframe while hidden
  EXPECT_EQ(backend.TotalUploads(), 3);

  renderer.Render(backend, View(), {0, 0, 320, 240});
  EXPECT_EQ(backend.creates, 3);
  EXPECT_EQ(backend.TotalUploads(), 3) << "an unchanged scene must not be uploaded again";

  renderer.SetSkeleton(MakeHandSkeleton(Keypoints()));
  renderer.Render(backend, View(), {0, 0, 320, 240});
  EXPECT_EQ(backend.TotalUploads(), 5) << "a new skeleton re-uploads bones and points only";

  renderer.SetMesh(Box());
  renderer.Render(backend, View(), {0, 0, 320, 240});
  EXPECT_EQ(backend.TotalUploads(), 6);
  EXPECT_EQ(backend.creates, 3);
  EXPECT_EQ(backend.clears, 4);
}

TEST(SceneRendererTest, WireframeIsBuiltOnlyWhenShown) {
  SceneRenderer renderer;
  renderer.SetMesh(Box());
  MockRenderBackend backend;
  renderer.Render(backend, View(), {0, 0, 320, 240});
  const int before = backend.TotalUploads();
  ViewStyle style;
  style.show_wireframe = true;
  renderer.SetStyle(style);
  renderer.Render(backend, View(), {0, 0, 320, 240});
  EXPECT_EQ(backend.TotalUploads(), before + 1);
  const MockRenderBackend::DrawRecord& lines = backend.draws.back();
  EXPECT_EQ(lines.call.primitive, Primitive::kLines);
  EXPECT_EQ(backend.Data(lines.handle).indices.size(), 2u * 18u);
  // The mesh drawn just before is pushed back so that the lines win the depth test.
  EXPECT_TRUE(backend.draws[backend.draws.size() - 2].call.polygon_offset);
}

TEST(SceneRendererTest, DrawsMeshThenSkeletonOnTopWithTheFrameTransforms) {
  SceneRenderer renderer;
  renderer.SetMesh(Box());
  renderer.SetSkeleton(MakeHandSkeleton(Keypoints()));
  MockRenderBackend backend;
  const PinholeView view = View();
  renderer.Render(backend, view, {5, 6, 300, 200}, 2.0f);
  ASSERT_EQ(backend.draws.size(), 3u);
  EXPECT_EQ(backend.viewport.x, 5);
  EXPECT_EQ(backend.viewport.height, 200);

  const DrawCall& mesh = backend.draws[0].call;
  EXPECT_EQ(mesh.program, ShaderProgram::kShadedMesh);
  EXPECT_EQ(mesh.primitive, Primitive::kTriangles);
  EXPECT_TRUE(mesh.depth_test);
  EXPECT_FALSE(mesh.polygon_offset);
  EXPECT_TRUE(MatricesNear(mesh.clip_from_cam, PinholeProjectionMatrix(view).cast<float>(), 0.0));
  EXPECT_TRUE(MatricesNear(mesh.cam_from_world, view.camera.cam_from_world.ToMatrix().cast<float>(), 0.0));
  const GeometryData& data = backend.Data(backend.draws[0].handle);
  EXPECT_EQ(data.NumVertices(), 8);
  EXPECT_EQ(data.normals.size(), 24u);
  EXPECT_EQ(data.indices.size(), 36u);

  const DrawCall& bones = backend.draws[1].call;
  EXPECT_EQ(bones.primitive, Primitive::kLines);
  EXPECT_FALSE(bones.depth_test);  // keypoints lie inside the hand
  EXPECT_EQ(backend.Data(backend.draws[1].handle).NumVertices(), 40);
  const DrawCall& points = backend.draws[2].call;
  EXPECT_EQ(points.program, ShaderProgram::kRoundPoints);
  EXPECT_FALSE(points.depth_test);
  EXPECT_FLOAT_EQ(points.point_size_px, 2.0f * ViewStyle().point_size_px);  // scaled by the pixel ratio
  EXPECT_EQ(backend.Data(backend.draws[2].handle).colours.size(), 3u * kNumKeypoints);
}

TEST(SceneRendererTest, HiddenLayersAreNotDrawnAndAnEmptySceneDrawsNothing) {
  SceneRenderer renderer;
  MockRenderBackend backend;
  renderer.Render(backend, View(), {0, 0, 320, 240});
  EXPECT_TRUE(backend.draws.empty());
  EXPECT_EQ(backend.clears, 1);

  renderer.SetMesh(Box());
  renderer.SetSkeleton(MakeHandSkeleton(Keypoints()));
  ViewStyle style;
  style.show_mesh = false;
  renderer.SetStyle(style);
  renderer.Render(backend, View(), {0, 0, 320, 240});
  ASSERT_EQ(backend.draws.size(), 2u);
  EXPECT_NE(backend.draws[0].call.program, ShaderProgram::kShadedMesh);
}

TEST(SceneRendererTest, ReleaseDestroysBuffersAndTheNextRenderUploadsAgain) {
  SceneRenderer renderer;
  renderer.SetMesh(Box());
  renderer.SetSkeleton(MakeHandSkeleton(Keypoints()));
  MockRenderBackend backend;
  renderer.Render(backend, View(), {0, 0, 320, 240});
  renderer.ReleaseDevice(&backend);
  EXPECT_EQ(backend.NumLive(), 0);
  EXPECT_EQ(backend.destroys, 3);

  MockRenderBackend fresh;  // e.g. a new context after the widget moved to another window
  renderer.Render(fresh, View(), {0, 0, 320, 240});
  EXPECT_EQ(fresh.creates, 3);
  EXPECT_EQ(fresh.TotalUploads(), 3);
  renderer.ReleaseDevice(nullptr);  // context lost: forget without calls
  EXPECT_EQ(fresh.destroys, 0);
}

}  // namespace
}  // namespace handprop::ui
