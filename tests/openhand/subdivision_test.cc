// SPDX-License-Identifier: Apache-2.0
// The geometric building blocks of OpenHand: quad orientation, Catmull-Clark as a linear map,
// triangulation and maximum-entropy barycentric weights, on shapes with known answers.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/model/openhand/joint_regressor.h"
#include "core/model/openhand/quad_orientation.h"
#include "core/model/openhand/subdivision.h"
#include "tests/support/test_util.h"

namespace handprop::openhand {
namespace {

// The cube [-1, 1]^3, point i at ((i & 1) ? 1 : -1, (i & 2) ..., (i & 4) ...).
Eigen::Matrix3Xd CubePoints() {
  Eigen::Matrix3Xd p(3, 8);
  for (int i = 0; i < 8; ++i) p.col(i) << ((i & 1) ? 1 : -1), ((i & 2) ? 1 : -1), ((i & 4) ? 1 : -1);
  return p;
}
// Faces in arbitrary winding (orientation is OrientQuads' job).
std::vector<std::array<int, 4>> CubeQuads() {
  return {{0, 1, 3, 2}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 3, 7, 6}, {0, 2, 6, 4}, {1, 3, 7, 5}};
}

TEST(OpenHandGeometry, OrientQuadsMakesACubeOutwardAndConsistent) {
  const Eigen::Matrix3Xd p = CubePoints();
  std::vector<std::array<int, 4>> quads = CubeQuads();
  OrientQuads(p, &quads);
  EXPECT_NEAR(SignedVolume(p, quads), 8.0, 1e-12);
  std::vector<std::pair<int, int>> directed;
  for (const auto& q : quads)
    for (int k = 0; k < 4; ++k) directed.push_back({q[k], q[(k + 1) % 4]});
  std::sort(directed.begin(), directed.end());
  EXPECT_EQ(std::adjacent_find(directed.begin(), directed.end()), directed.end());  // each directed edge once
}

TEST(OpenHandGeometry, CatmullClarkOfACubeMatchesTheRules) {
  const Eigen::Matrix3Xd p = CubePoints();
  std::vector<std::array<int, 4>> quads = CubeQuads();
  OrientQuads(p, &quads);
  const Subdivision s = CatmullClark(8, quads);
  ASSERT_EQ(s.map.rows(), 8 + 12 + 6);
  ASSERT_EQ(s.quads.size(), 24u);
  EXPECT_GE(s.map.minCoeff(), 0.0);
  EXPECT_TRUE(testing::MatricesNear(s.map.rowwise().sum(), Eigen::VectorXd::Ones(26), 1e-15));
  const Eigen::Matrix3Xd fine = p * s.map.transpose();
  // Corner (1, 1, 1), valence 3: (F + 2R) / 3 = (1/3 + 4/3) / 3 = 5/9 per axis.
  EXPECT_TRUE(testing::MatricesNear(fine.col(7), Eigen::Vector3d::Constant(5.0 / 9.0), 1e-15));
  // Every edge point is (2 corners + 2 face centres) / 4, e.g. 0.75 on two axes, 0 on the third.
  for (int e = 8; e < 20; ++e) {
    Eigen::Vector3d a = fine.col(e).cwiseAbs();
    std::sort(a.data(), a.data() + 3);
    EXPECT_TRUE(testing::MatricesNear(a, Eigen::Vector3d(0.0, 0.75, 0.75), 1e-15)) << e;
  }
  // Face points are the face centres; the fine mesh stays outward.
  for (int f = 20; f < 26; ++f) EXPECT_NEAR(fine.col(f).cwiseAbs().sum(), 1.0, 1e-15);
  EXPECT_GT(SignedVolume(fine, s.quads), 0.0);
}

TEST(OpenHandGeometry, TriangulateSplitsAlongTheShorterDiagonal) {
  Eigen::Matrix3Xd v(3, 4);
  v << 0, 2, 3, 1,  //
      0, 0, 1, 1,   //
      0, 0, 0, 0;
  const Eigen::Matrix3Xi t = Triangulate(v, {{0, 1, 2, 3}});
  ASSERT_EQ(t.cols(), 2);
  // |v1 - v3| = sqrt(2) < |v0 - v2| = sqrt(10): both triangles contain 1 and 3.
  for (int c = 0; c < 2; ++c) EXPECT_TRUE((t.col(c).array() == 1).any() && (t.col(c).array() == 3).any());
  EXPECT_EQ(t.col(0), Eigen::Vector3i(0, 1, 3));
  EXPECT_EQ(t.col(1), Eigen::Vector3i(1, 2, 3));
}

TEST(OpenHandGeometry, MaxEntropyWeightsReproduceAnInteriorPointOnly) {
  Eigen::Matrix3Xd p(3, 5);
  p << 1, -1, 0, 0, 0.2,  //
      0, 0, 1, -1, 0.3,   //
      -0.5, -0.5, -0.5, -0.5, 2;
  Eigen::VectorXd w;
  ASSERT_TRUE(MaxEntropyWeights(p, &w));
  EXPECT_GT(w.minCoeff(), 0.0);
  EXPECT_NEAR(w.sum(), 1.0, 1e-12);
  EXPECT_LT((p * w).norm(), 1e-12);
  p.row(2).array() += 3.0;  // the origin is now below every point
  EXPECT_FALSE(MaxEntropyWeights(p, &w));
}

}  // namespace
}  // namespace handprop::openhand
