// SPDX-License-Identifier: Apache-2.0
#include "core/render/rasterizer.h"

#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <cmath>
#include <random>
#include <vector>

#include "tests/support/test_util.h"

namespace handprop {
namespace {

CameraIntrinsics TestIntrinsics() {
  CameraIntrinsics k;
  k.fx = 110.0;
  k.fy = 95.0;
  k.cx = 31.7;
  k.cy = 23.2;
  return k;
}

// Camera-frame points whose projections are `uv` (2 x N), at the given depths.
Eigen::Matrix3Xd PointsAt(const CameraIntrinsics& k, const Eigen::Matrix2Xd& uv, const std::vector<double>& z) {
  Eigen::Matrix3Xd p(3, uv.cols());
  for (Eigen::Index i = 0; i < uv.cols(); ++i) p.col(i) = BackProject(k, uv.col(i), z[i]);
  return p;
}

// Coverage count per pixel when every face is rasterised on its own.
std::vector<int> CoverageCount(const Eigen::Matrix3Xd& v, const Eigen::Matrix3Xi& faces, const CameraIntrinsics& k,
                               int w, int h, const RasterOptions& options = {}) {
  std::vector<int> count(static_cast<size_t>(w) * h, 0);
  for (Eigen::Index f = 0; f < faces.cols(); ++f) {
    const VisibilityBuffer buf = Rasterize(v, faces.col(f), k, w, h, options);
    for (size_t i = 0; i < count.size(); ++i) count[i] += buf.face[i] >= 0;
  }
  return count;
}

TEST(RasterizerTest, SquareWithHalfIntegerCornersCoversExactlyTheCentresInside) {
  const CameraIntrinsics k = TestIntrinsics();
  Eigen::Matrix2Xd uv(2, 4);
  uv << 2.5, 9.5, 9.5, 2.5,  //
      3.5, 3.5, 7.5, 7.5;
  const Eigen::Matrix3Xd v = PointsAt(k, uv, {1.0, 1.3, 1.7, 1.2});
  Eigen::Matrix3Xi faces(3, 2);
  faces << 0, 0, 1, 2, 2, 3;
  const VisibilityBuffer buf = Rasterize(v, faces, k, 40, 30);
  for (int y = 0; y < 30; ++y)
    for (int x = 0; x < 40; ++x) EXPECT_EQ(buf.Covered(x, y), x >= 3 && x <= 9 && y >= 4 && y <= 7) << x << ", " << y;
}

TEST(RasterizerTest, EdgesThroughPixelCentresFollowTheTopLeftRule) {
  const CameraIntrinsics k = TestIntrinsics();
  Eigen::Matrix2Xd uv(2, 4);
  uv << 2, 9, 9, 2,  //
      3, 3, 7, 7;
  const Eigen::Matrix3Xd v = PointsAt(k, uv, {1.0, 1.0, 2.0, 2.0});
  Eigen::Matrix3Xi faces(3, 2);
  faces << 0, 0, 1, 2, 2, 3;
  const std::vector<int> count = CoverageCount(v, faces, k, 20, 12);
  // Left and top edges are in, right and bottom out; the shared diagonal is counted once.
  for (int y = 0; y < 12; ++y)
    for (int x = 0; x < 20; ++x) EXPECT_EQ(count[y * 20 + x], x >= 2 && x < 9 && y >= 3 && y < 7) << x << ", " << y;
}

// A grid of quads split into triangles, inner vertices on pixel centres or jittered, with
// random winding per face: every pixel centre inside the outer square is covered exactly once
// (no cracks along shared edges, no pixel counted twice at edges or shared vertices).
TEST(RasterizerTest, SharedEdgesAndVerticesAreNeitherDoubledNorDropped) {
  const CameraIntrinsics k = TestIntrinsics();
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> jitter(-1.3, 1.3);
  constexpr int kCells = 6, kStep = 5, kOrigin = 4;
  const int n = kCells + 1;
  Eigen::Matrix2Xd uv(2, n * n);
  std::vector<double> z;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      Eigen::Vector2d p(kOrigin + kStep * i, kOrigin + kStep * j);
      const bool inner_u = i > 0 && i < kCells, inner_v = j > 0 && j < kCells;
      // Half the inner vertices stay on pixel centres; boundary ones slide along the boundary.
      if ((i + j) % 2 == 1) {
        if (inner_u) p.x() += jitter(rng);
        if (inner_v) p.y() += jitter(rng);
      }
      uv.col(j * n + i) = p;
      z.push_back(1.0 + 0.05 * i + 0.03 * j);
    }
  const Eigen::Matrix3Xd v = PointsAt(k, uv, z);
  Eigen::Matrix3Xi faces(3, 2 * kCells * kCells);
  int f = 0;
  for (int j = 0; j < kCells; ++j)
    for (int i = 0; i < kCells; ++i) {
      const int a = j * n + i, b = a + 1, c = a + n + 1, d = a + n;
      const bool flip = rng() % 2 == 1;
      if ((i + j) % 2 == 0) {  // alternate the diagonal
        faces.col(f++) = flip ? Eigen::Vector3i(a, c, b) : Eigen::Vector3i(a, b, c);
        faces.col(f++) = flip ? Eigen::Vector3i(a, d, c) : Eigen::Vector3i(a, c, d);
      } else {
        faces.col(f++) = flip ? Eigen::Vector3i(a, d, b) : Eigen::Vector3i(a, b, d);
        faces.col(f++) = flip ? Eigen::Vector3i(b, d, c) : Eigen::Vector3i(b, c, d);
      }
    }
  constexpr int kSize = 40;
  const std::vector<int> count = CoverageCount(v, faces, k, kSize, kSize);
  const int lo = kOrigin, hi = kOrigin + kStep * kCells;
  for (int y = 0; y < kSize; ++y)
    for (int x = 0; x < kSize; ++x)
      EXPECT_EQ(count[y * kSize + x], x >= lo && x < hi && y >= lo && y < hi) << x << ", " << y;
}

// Random triangles against an independent point-in-triangle test on Project()ed vertices: a
// pixel is covered exactly when its centre is inside, and the depth is the ray-plane depth.
TEST(RasterizerTest, CoverageAndDepthMatchProjectAtPixelCentres) {
  const CameraIntrinsics k = TestIntrinsics();
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> xy(-0.4, 0.4), depth(0.8, 2.5);
  constexpr int kW = 64, kH = 48;
  int checked = 0;
  for (int trial = 0; trial < 60; ++trial) {
    Eigen::Matrix3Xd v(3, 3);
    for (int i = 0; i < 3; ++i) v.col(i) << xy(rng), xy(rng), depth(rng);
    Eigen::Matrix3Xi face(3, 1);
    face << 0, 1, 2;
    const VisibilityBuffer buf = Rasterize(v, face, k, kW, kH);
    const Eigen::Matrix2Xd p = Project(k, v);
    const Eigen::Vector3d normal = (v.col(1) - v.col(0)).cross(v.col(2) - v.col(0));
    for (int y = 0; y < kH; ++y)
      for (int x = 0; x < kW; ++x) {
        const Eigen::Vector2d c(x, y);
        double min_edge = 1e9;  // signed distance to each edge, positive inside (either winding)
        double sign = 0;
        bool inside = true;
        for (int e = 0; e < 3; ++e) {
          const Eigen::Vector2d a = p.col(e), b = p.col((e + 1) % 3);
          const double cross = (b - a).x() * (c - a).y() - (b - a).y() * (c - a).x();
          const double dist = cross / (b - a).norm();
          if (e == 0) sign = dist >= 0 ? 1 : -1;
          inside = inside && dist * sign > 0;
          min_edge = std::min(min_edge, std::abs(dist));
        }
        if (min_edge < 0.02) continue;  // within snapping distance of an edge
        ASSERT_EQ(buf.Covered(x, y), inside) << "trial " << trial << " pixel " << x << ", " << y;
        if (!inside) continue;
        const Eigen::Vector3d ray = BackProject(k, c, 1.0);
        const double expected = normal.dot(v.col(0)) / normal.dot(ray);
        EXPECT_NEAR(buf.depth[y * kW + x], expected, 1e-6 * expected);
        ++checked;
      }
  }
  EXPECT_GT(checked, 2000);
}

TEST(RasterizerTest, NearerFaceWinsWhateverTheDrawOrder) {
  const CameraIntrinsics k = TestIntrinsics();
  Eigen::Matrix2Xd uv(2, 6);
  uv << 5, 40, 5, 10, 50, 10,  //
      5, 5, 40, 8, 8, 45;
  const Eigen::Matrix3Xd v = PointsAt(k, uv, {2.0, 2.0, 2.0, 1.0, 1.0, 1.0});
  Eigen::Matrix3Xi far_first(3, 2), near_first(3, 2);
  far_first << 0, 3, 1, 4, 2, 5;
  near_first << 3, 0, 4, 1, 5, 2;
  const VisibilityBuffer a = Rasterize(v, far_first, k, 64, 48), b = Rasterize(v, near_first, k, 64, 48);
  EXPECT_EQ(a.face[20 * 64 + 15], 1);  // inside both: the near face (index 1 here, 0 there)
  EXPECT_EQ(b.face[20 * 64 + 15], 0);
  EXPECT_EQ(a.face[6 * 64 + 6], 0);    // only the far face covers (6, 6)
  EXPECT_EQ(a.depth, b.depth);
  for (size_t i = 0; i < a.face.size(); ++i) ASSERT_EQ(a.face[i] < 0, b.face[i] < 0);
  EXPECT_NEAR(a.depth[20 * 64 + 15], 1.0, 1e-6);
  // Two planes crossing each other: each pixel shows the nearer one.
  const Eigen::Matrix3Xd crossing = PointsAt(k, uv, {1.0, 3.0, 1.0, 2.0, 2.0, 2.0});
  const VisibilityBuffer c = Rasterize(crossing, far_first, k, 64, 48);
  int from_first = 0, from_second = 0;
  for (size_t i = 0; i < c.face.size(); ++i) (c.face[i] == 0 ? from_first : from_second) += c.face[i] >= 0;
  EXPECT_GT(from_first, 50);
  EXPECT_GT(from_second, 50);
}

// Positions interpolated across a steeply slanted quad are the exact points on the plane seen
// through each pixel centre; interpolating linearly in screen space would be far off.
TEST(RasterizerTest, InterpolationIsPerspectiveCorrect) {
  const CameraIntrinsics k = TestIntrinsics();
  Eigen::Matrix2Xd uv(2, 4);
  uv << 3.5, 60.5, 60.5, 3.5,  //
      2.5, 2.5, 45.5, 45.5;
  const Eigen::Matrix3Xd v = PointsAt(k, uv, {0.4, 3.0, 3.0, 0.4});  // a plane (z depends on u only)
  Eigen::Matrix3Xi faces(3, 2);
  faces << 0, 0, 1, 2, 2, 3;
  const VisibilityBuffer buf = Rasterize(v, faces, k, 64, 48);
  double worst = 0, worst_screen_linear = 0;
  for (int y = 3; y <= 45; ++y)
    for (int x = 4; x <= 60; ++x) {
      ASSERT_TRUE(buf.Covered(x, y));
      const Eigen::Vector3d p = InterpolateAt(buf, faces, v, x, y);
      // Expected: 1/z is linear in screen u across the plane (z depends on u only here).
      const double t = (x - 3.5) / 57.0;  // screen fraction along u
      const double z = 1.0 / ((1 - t) / 0.4 + t / 3.0);
      const Eigen::Vector3d expected = BackProject(k, Eigen::Vector2d(x, y), z);
      worst = std::max(worst, (p - expected).norm());
      worst_screen_linear = std::max(worst_screen_linear, std::abs((1 - t) * 0.4 + t * 3.0 - z));
      EXPECT_NEAR(buf.depth[y * 64 + x], z, 1e-6 * z);
    }
  EXPECT_LT(worst, 1e-5);
  EXPECT_GT(worst_screen_linear, 0.5);  // the test would catch screen-linear interpolation
}

TEST(RasterizerTest, InterpolatesColourAttributes) {
  const CameraIntrinsics k = TestIntrinsics();
  Eigen::Matrix2Xd uv(2, 3);
  uv << 1.5, 50.5, 1.5,  //
      1.5, 1.5, 40.5;
  const Eigen::Matrix3Xd v = PointsAt(k, uv, {1.0, 1.0, 1.0});  // fronto-parallel: linear in screen
  Eigen::Matrix3Xd colour(3, 3);
  colour << 1, 0, 0, 0, 1, 0, 0, 0, 1;
  Eigen::Matrix3Xi face(3, 1);
  face << 0, 1, 2;
  const VisibilityBuffer buf = Rasterize(v, face, k, 64, 48);
  const Eigen::Vector3d c = InterpolateAt(buf, face, colour, 11, 6);
  EXPECT_NEAR(c[1], (11 - 1.5) / 49.0, 1e-6);
  EXPECT_NEAR(c[2], (6 - 1.5) / 39.0, 1e-6);
  EXPECT_NEAR(c.sum(), 1.0, 1e-6);
}

TEST(RasterizerTest, NearPlaneAndBackFaceCulling) {
  const CameraIntrinsics k = TestIntrinsics();
  Eigen::Matrix2Xd uv(2, 3);
  uv << 2.5, 30.5, 2.5,  //
      2.5, 2.5, 30.5;
  Eigen::Matrix3Xd v = PointsAt(k, uv, {1.0, 1.0, 1.0});
  // (0, 1, 2) is counter-clockwise seen from the camera: its normal points towards the camera.
  Eigen::Matrix3Xi front(3, 1), back(3, 1);
  front << 0, 2, 1;
  back << 0, 1, 2;
  const Eigen::Vector3d normal = (v.col(2) - v.col(0)).cross(v.col(1) - v.col(0));
  ASSERT_LT(normal.dot(v.col(0)), 0);  // faces the camera
  RasterOptions cull;
  cull.cull_back_faces = true;
  EXPECT_TRUE(Rasterize(v, front, k, 40, 40, cull).Covered(5, 5));
  EXPECT_FALSE(Rasterize(v, back, k, 40, 40, cull).Covered(5, 5));
  EXPECT_TRUE(Rasterize(v, back, k, 40, 40).Covered(5, 5));
  // A vertex at or behind the near plane drops the face.
  v.col(1) *= 0.005;  // same projection, 5 mm from the camera
  EXPECT_FALSE(Rasterize(v, front, k, 40, 40).Covered(5, 5));
  RasterOptions nearer;
  nearer.near = 0.001;
  EXPECT_TRUE(Rasterize(v, front, k, 40, 40, nearer).Covered(5, 5));
  v.col(1) *= -1.0;
  EXPECT_FALSE(Rasterize(v, front, k, 40, 40, nearer).Covered(5, 5));
}

TEST(RasterizerTest, OptionsCheckNamesTheConstraint) {
  EXPECT_EQ(RasterOptions{}.Check(), "");
  RasterOptions bad;
  bad.near = 0;
  EXPECT_EQ(bad.Check(), "near = 0 violates near > 0");
}

}  // namespace
}  // namespace handprop
