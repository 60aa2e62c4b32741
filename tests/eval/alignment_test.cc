// SPDX-License-Identifier: Apache-2.0
#include "core/eval/alignment.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/geometry/rotation.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::MeanPointError;
using testing::WavePoints;

using testing::MatricesNear;

const Eigen::Vector3d kOffset(0.01, -0.02, 0.03);

TEST(AlignmentTest, RootTranslationMovesTheRootOntoTheGroundTruth) {
  const Eigen::Matrix3Xd pred = WavePoints(21, 1.3, 0.7, 2.1), gt = WavePoints(21, 1.25, 0.75, 2.0, kOffset);
  const Eigen::Matrix3Xd aligned = AlignRoot(pred, gt, 0);
  EXPECT_TRUE(MatricesNear(aligned.col(0), gt.col(0), 1e-15));
  EXPECT_TRUE(MatricesNear(aligned.col(7) - aligned.col(3), pred.col(7) - pred.col(3), 1e-15));  // shape kept
  EXPECT_NEAR(MeanPointError(aligned, gt), 0.029123189371579768, 1e-12);
  const Eigen::Matrix3Xd other_root = AlignRoot(pred, gt, 9);
  EXPECT_TRUE(MatricesNear(other_root.col(9), gt.col(9), 1e-15));
}

TEST(AlignmentTest, ScaleDepthIsTheLeastSquaresScaleAndDepthShift) {
  const Eigen::Matrix3Xd pred = WavePoints(21, 1.3, 0.7, 2.1), gt = WavePoints(21, 1.25, 0.75, 2.0, kOffset);
  const Eigen::Matrix3Xd aligned = AlignScaleDepth(pred, gt);
  // numpy.linalg.lstsq on [pred, e_z] gives s = 0.7191767245266643, dz = 0.17176666723319456.
  Eigen::Matrix3Xd expected = 0.7191767245266643 * pred;
  expected.row(2).array() += 0.17176666723319456;
  EXPECT_TRUE(MatricesNear(aligned, expected, 1e-12));
  EXPECT_NEAR(MeanPointError(aligned, gt), 0.037003744898802905, 1e-12);
  EXPECT_NEAR(aligned.row(2).mean(), gt.row(2).mean(), 1e-13);  // mean depth matched
}

TEST(AlignmentTest, ScaleDepthUndoesAScalingAboutTheCameraAndADepthShift) {
  const Eigen::Matrix3Xd gt = WavePoints(21, 1.25, 0.75, 2.0, kOffset);
  Eigen::Matrix3Xd pred = 1.3 * gt;  // same projections, 30 % too far and too big
  pred.row(2).array() -= 0.04;
  EXPECT_TRUE(MatricesNear(AlignScaleDepth(pred, gt), gt, 1e-14));
  // It does not undo an x-y shift (the paper's point: that is not ambiguous in an image).
  Eigen::Matrix3Xd shifted = gt;
  shifted.row(0).array() += 0.01;
  EXPECT_GT(MeanPointError(AlignScaleDepth(shifted, gt), gt), 0.002);
}

TEST(AlignmentTest, ScaleDepthOfAPointOnTheAxisOnlyMatchesDepth) {
  const Eigen::Matrix3Xd gt = WavePoints(5, 1.25, 0.75, 2.0);
  const Eigen::Matrix3Xd pred = Eigen::Vector3d(0, 0, 0.7).replicate(1, 5);
  const Eigen::Matrix3Xd aligned = AlignScaleDepth(pred, gt);
  EXPECT_TRUE(MatricesNear(aligned.topRows<2>(), Eigen::Matrix2Xd::Zero(2, 5), 0));
  EXPECT_NEAR(aligned.row(2).mean(), gt.row(2).mean(), 1e-15);
}

TEST(AlignmentTest, ProcrustesReturnsItsTransform) {
  const Eigen::Matrix3Xd gt = WavePoints(21, 1.25, 0.75, 2.0, kOffset);
  const Eigen::Matrix3Xd pred =
      (0.8 * AxisAngleToMatrix(Eigen::Vector3d(0.3, 0.2, -0.1)) * gt).colwise() + Eigen::Vector3d(0.1, 0, 0.2);
  Similarity3d transform;
  const Eigen::Matrix3Xd aligned = AlignProcrustes(pred, gt, false, &transform);
  EXPECT_TRUE(MatricesNear(aligned, gt, 1e-13));
  EXPECT_TRUE(MatricesNear(AlignProcrustes(pred, gt, true), gt, 1e-8));  // FreiHAND's 1e-8 norm guards
  EXPECT_NEAR(transform.scale, 1.25, 1e-12);
  EXPECT_NEAR(MeanPointError(AlignProcrustes(WavePoints(21, 1.3, 0.7, 2.1), gt, false), gt), 0.028771535978706218, 1e-12);
}

TEST(AlignmentTest, RootBoneScaleMatchesRootAndBoneLength) {
  const Eigen::Matrix3Xd pred = WavePoints(21, 1.3, 0.7, 2.1), gt = WavePoints(21, 1.25, 0.75, 2.0, kOffset);
  const Eigen::Matrix3Xd aligned = AlignRootBoneScale(pred, gt, 0, 9);
  EXPECT_TRUE(MatricesNear(aligned.col(0), gt.col(0), 1e-15));
  EXPECT_NEAR((aligned.col(9) - aligned.col(0)).norm(), (gt.col(9) - gt.col(0)).norm(), 1e-15);
  EXPECT_NEAR(MeanPointError(aligned, gt), 0.04595609123097318, 1e-12);
  // A zero-length bone leaves the scale alone.
  Eigen::Matrix3Xd flat = pred;
  flat.col(9) = flat.col(0);
  const Eigen::Matrix3Xd moved = AlignRootBoneScale(flat, gt, 0, 9);
  EXPECT_TRUE(MatricesNear(moved.col(5) - moved.col(0), flat.col(5) - flat.col(0), 1e-15));
}

TEST(AlignmentDeathTest, BadIndicesDie) {
  const Eigen::Matrix3Xd a = WavePoints(21, 1.3, 0.7, 2.1);
  EXPECT_DEATH(AlignRoot(a, a, 21), "index 21");
  EXPECT_DEATH(AlignRootBoneScale(a, a, 0, -1), "index -1");
  EXPECT_DEATH(AlignScaleDepth(a, WavePoints(20, 1, 1, 1)), "21 vs 20");
}

}  // namespace
}  // namespace handprop
