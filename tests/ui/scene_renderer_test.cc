// SPDX-License-Identifier: Apache-2.0
// Viewport logic on the recording mock backend (no GPU): lazy buffer creation, re-upload only
// after a change, what is drawn with which state, and the scene helpers.
#include "ui/viewport/scene_renderer.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "core/model/hand_topology.h"
#include "tests/support/test_util.h"
#include "tests/ui/gui_test_util.h"
#include "tests/ui/mock_render_backend.h"
#include "ui/viewport/label_colours.h"

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

std::shared_ptr<const SceneImage> Image(int width, int height, uint8_t seed) {
  auto image = std::make_shared<SceneImage>();
  image->width = width;
  image->height = height;
  for (int i = 0; i < 3 * width * height; ++i) image->rgb.push_back(static_cast<uint8_t>(seed + 7 * i));
  return image;
}

TEST(SceneRendererTest, BackgroundImageIsUploadedOncePerChangeAndDrawnBeforeTheMesh) {
  SceneRenderer renderer;
  renderer.SetMesh(Box());
  const auto first = Image(32, 24, 3);
  renderer.SetBackgroundImage(first);
  MockRenderBackend backend;
  renderer.Render(backend, View(), {0, 0, 320, 240});  // orbit-style render: no image
  EXPECT_TRUE(backend.texture_draws.empty());
  EXPECT_TRUE(backend.texture_uploads.empty()) << "the texture is made only when the image is drawn";

  for (int i = 0; i < 3; ++i) renderer.Render(backend, View(), {4, 5, 320, 240}, 1.0f, /*with_image=*/true);
  ASSERT_EQ(backend.texture_uploads.size(), 1u);
  EXPECT_EQ(backend.texture_uploads[0].width, 32);
  EXPECT_EQ(backend.texture_uploads[0].rgb, first->rgb);
  ASSERT_EQ(backend.texture_draws.size(), 3u);
  const size_t draws_before_last = backend.draws.size() - 1;  // the mesh is the last render's only draw
  EXPECT_EQ(backend.texture_draws.back().draws_before, draws_before_last) << "the image goes under the mesh";
  EXPECT_EQ(backend.texture_draws.back().viewport.x, 4);

  renderer.SetBackgroundImage(Image(32, 24, 9));
  renderer.Render(backend, View(), {0, 0, 320, 240}, 1.0f, true);
  EXPECT_EQ(backend.texture_uploads.size(), 2u);
  EXPECT_EQ(backend.texture_uploads[1].handle, backend.texture_uploads[0].handle) << "one texture slot, re-used";

  renderer.SetBackgroundImage(nullptr);
  renderer.Render(backend, View(), {0, 0, 320, 240}, 1.0f, true);
  EXPECT_EQ(backend.texture_draws.size(), 4u);
  renderer.ReleaseDevice(&backend);
  EXPECT_EQ(backend.NumLiveTextures(), 0);
}

TEST(SceneRendererTest, SilhouetteModeUsesTheFlatProgramInTheTintedColour) {
  SceneRenderer renderer;
  renderer.SetMesh(Box());
  ViewStyle style;
  style.mesh_mode = MeshMode::kSilhouette;
  style.skin = Eigen::Vector3f(1.0f, 0.0f, 0.0f);
  style.label_colour = Eigen::Vector3f(0.0f, 0.0f, 1.0f);
  style.label_tint = 0.25f;
  renderer.SetStyle(style);
  MockRenderBackend backend;
  renderer.Render(backend, View(), {0, 0, 320, 240});
  ASSERT_EQ(backend.draws.size(), 1u);
  const DrawCall& call = backend.draws[0].call;
  EXPECT_EQ(call.program, ShaderProgram::kFlatMesh);
  EXPECT_TRUE(MatricesNear(call.colour, Eigen::Vector4f(0.75f, 0.0f, 0.25f, 1.0f), 1e-6));
  EXPECT_FALSE(call.blend);
  EXPECT_TRUE(call.depth_write);
}

TEST(SceneRendererTest, OpacityBelowOneBlendsTheNearestSurfaceAfterADepthPass) {
  SceneRenderer renderer;
  renderer.SetMesh(Box());
  ViewStyle style;
  style.mesh_opacity = 0.4f;
  renderer.SetStyle(style);
  MockRenderBackend backend;
  renderer.Render(backend, View(), {0, 0, 320, 240});
  ASSERT_EQ(backend.draws.size(), 2u);
  const DrawCall& depth = backend.draws[0].call;
  const DrawCall& colour = backend.draws[1].call;
  EXPECT_FALSE(depth.colour_write);
  EXPECT_TRUE(depth.depth_write);
  EXPECT_EQ(depth.program, colour.program) << "both passes must produce the same depths";
  EXPECT_TRUE(colour.colour_write);
  EXPECT_TRUE(colour.blend);
  EXPECT_FALSE(colour.depth_write);
  EXPECT_FLOAT_EQ(colour.colour.w(), 0.4f);

  style.mesh_opacity = 1.0f;
  renderer.SetStyle(style);
  renderer.Render(backend, View(), {0, 0, 320, 240});
  ASSERT_EQ(backend.draws.size(), 3u) << "an opaque mesh is one pass";
  EXPECT_FALSE(backend.draws[2].call.blend);
}

TEST(SceneRendererTest, WireframeModeDrawsDepthOnlyThenEdgesInTheMeshColour) {
  SceneRenderer renderer;
  renderer.SetMesh(Box());
  ViewStyle style;
  style.mesh_mode = MeshMode::kWireframe;
  style.mesh_opacity = 0.8f;
  renderer.SetStyle(style);
  MockRenderBackend backend;
  renderer.Render(backend, View(), {0, 0, 320, 240});
  ASSERT_EQ(backend.draws.size(), 2u);
  EXPECT_FALSE(backend.draws[0].call.colour_write);
  EXPECT_TRUE(backend.draws[0].call.polygon_offset) << "hidden edges are culled by the depth pass, not the visible ones";
  const DrawCall& edges = backend.draws[1].call;
  EXPECT_EQ(edges.primitive, Primitive::kLines);
  EXPECT_TRUE(MatricesNear(edges.colour.head<3>(), MeshColour(style), 0.0));
  EXPECT_FLOAT_EQ(edges.colour.w(), 0.8f);
}

TEST(SceneRendererTest, GhostIsDrawnTranslucentAfterTheMeshWithoutDepthWrite) {
  SceneRenderer renderer;
  renderer.SetMesh(Box());
  renderer.SetSkeleton(MakeHandSkeleton(Keypoints()));
  const testing::TestMesh ghost = testing::Transformed(testing::BoxMesh(Eigen::Vector3d(0.01, 0.01, 0.01)),
                                                       Eigen::Matrix3d::Identity(), Eigen::Vector3d(0.01, 0, 0));
  renderer.SetGhostMesh(MakeSceneMesh(ghost.vertices, ghost.faces));
  MockRenderBackend backend;
  renderer.Render(backend, View(), {0, 0, 320, 240});
  ASSERT_EQ(backend.draws.size(), 4u);  // mesh, ghost, bones, points
  const MockRenderBackend::DrawRecord& record = backend.draws[1];
  EXPECT_NE(record.handle, backend.draws[0].handle);
  EXPECT_EQ(backend.Data(record.handle).NumVertices(), 8);
  EXPECT_TRUE(record.call.blend);
  EXPECT_FALSE(record.call.depth_write);
  EXPECT_TRUE(record.call.depth_test);
  EXPECT_TRUE(MatricesNear(record.call.colour, ViewStyle().ghost_colour, 0.0));
  EXPECT_LT(record.call.colour.w(), 0.5f);

  renderer.SetGhostMesh(SceneMesh{});
  renderer.Render(backend, View(), {0, 0, 320, 240});
  EXPECT_EQ(backend.draws.size(), 7u) << "a cleared ghost is not drawn";
}

TEST(SceneRendererTest, SelectedKeypointIsDrawnAgainLargerAndRimsTakeTheLabelColour) {
  SceneRenderer renderer;
  renderer.SetSkeleton(MakeHandSkeleton(Keypoints()));
  ViewStyle style;
  style.selected_keypoint = 7;
  style.label_colour = ProvenanceRgb(Provenance::kPredicted);
  renderer.SetStyle(style);
  MockRenderBackend backend;
  renderer.Render(backend, View(), {0, 0, 320, 240});
  ASSERT_EQ(backend.draws.size(), 3u);  // bones, points, the selected point
  const DrawCall& all = backend.draws[1].call;
  const DrawCall& selected = backend.draws[2].call;
  EXPECT_EQ(all.count, -1);
  EXPECT_TRUE(MatricesNear(all.outline_colour.head<3>(), style.label_colour, 0.0));
  EXPECT_EQ(selected.first, 7);
  EXPECT_EQ(selected.count, 1);
  EXPECT_GT(selected.point_size_px, all.point_size_px);
  EXPECT_EQ(backend.draws[2].handle, backend.draws[1].handle);

  style.selected_keypoint = kNumKeypoints;  // out of range: nothing extra
  renderer.SetStyle(style);
  renderer.Render(backend, View(), {0, 0, 320, 240});
  EXPECT_EQ(backend.draws.size(), 5u);
}

TEST(LabelColoursTest, EveryProvenanceHasItsOwnColourAndMachineLabelsTintMore) {
  std::set<std::array<int, 3>> seen;
  for (int p = 0; p < kNumProvenances; ++p) {
    const Eigen::Vector3f c = ProvenanceRgb(static_cast<Provenance>(p));
    seen.insert({static_cast<int>(c.x() * 255 + 0.5f), static_cast<int>(c.y() * 255 + 0.5f), static_cast<int>(c.z() * 255 + 0.5f)});
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kNumProvenances));
  EXPECT_TRUE(MatricesNear(ProvenanceRgb(Provenance::kPredicted), Eigen::Vector3f(230, 159, 0) / 255.0f, 1e-6));  // Okabe-Ito orange
  for (int p = 0; p < kNumProvenances; ++p) {
    const Provenance provenance = static_cast<Provenance>(p);
    EXPECT_EQ(ProvenanceLook(provenance).tint, IsHumanProvenance(provenance) ? 0.25f : 0.45f) << ProvenanceName(provenance);
  }
}

}  // namespace
}  // namespace handprop::ui
