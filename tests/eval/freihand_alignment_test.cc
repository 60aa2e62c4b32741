// SPDX-License-Identifier: Apache-2.0
#include "core/eval/freihand_alignment.h"

#include <gtest/gtest.h>

#include <random>

#include "core/geometry/rotation.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::MatricesNear;

Eigen::Matrix3Xd RandomHand(int n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> d(0, 0.03);
  Eigen::Matrix3Xd p(3, n);
  for (int i = 0; i < n; ++i) p.col(i) << d(rng), d(rng), 0.5 + d(rng);
  return p;
}

TEST(FreiHandAlignmentTest, RecoversASimilarityUpToTheNormGuards) {
  const Eigen::Matrix3Xd gt = RandomHand(21, 1);
  const Eigen::Matrix3d r = AxisAngleToMatrix(Eigen::Vector3d(0.4, -0.3, 1.0));
  const Eigen::Matrix3Xd pred = (0.7 * r * gt).colwise() + Eigen::Vector3d(0.1, -0.05, 0.3);
  FreiHandTrafo trafo;
  EXPECT_TRUE(MatricesNear(FreiHandAlignWithScale(pred, gt, &trafo), gt, 1e-8));
  EXPECT_TRUE(MatricesNear(trafo.rotation, Eigen::Matrix3d(r.transpose()), 1e-9));
  EXPECT_NEAR(trafo.s, 1.0, 1e-6);  // unit-norm sets: the singular values sum to ~1
  EXPECT_NEAR(trafo.s1, (gt.colwise() - gt.rowwise().mean()).norm() + 1e-8, 1e-15);
}

TEST(FreiHandAlignmentTest, AllowsReflections) {
  const Eigen::Matrix3Xd gt = RandomHand(21, 2);
  Eigen::Matrix3Xd mirrored = gt;
  mirrored.row(0) *= -1.0;
  FreiHandTrafo trafo;
  EXPECT_TRUE(MatricesNear(FreiHandAlignWithScale(mirrored, gt, &trafo), gt, 1e-8));
  EXPECT_NEAR(trafo.rotation.determinant(), -1.0, 1e-12);
}

TEST(FreiHandAlignmentTest, AlignByTrafoKeepsEvalPysMissingDivision) {
  // eval.py applies the keypoints' trafo to vertices as R (v - mean(v)) s s1 + (t1 - t2) + mean(v),
  // without dividing by the keypoints' s2: the vertices come out scaled by s2.
  const Eigen::Matrix3Xd gt = RandomHand(21, 3), pred = RandomHand(21, 4);
  FreiHandTrafo trafo;
  FreiHandAlignWithScale(pred, gt, &trafo);
  const Eigen::Matrix3Xd vertices = RandomHand(50, 5);
  const Eigen::Vector3d mean = vertices.rowwise().mean();
  Eigen::Matrix3Xd expected(3, 50);
  for (int i = 0; i < 50; ++i)
    expected.col(i) = trafo.rotation * (vertices.col(i) - mean) * trafo.s * trafo.s1 + trafo.offset + mean;
  EXPECT_TRUE(MatricesNear(FreiHandAlignByTrafo(vertices, trafo), expected, 1e-15));
}

}  // namespace
}  // namespace handprop
