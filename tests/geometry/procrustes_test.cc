// SPDX-License-Identifier: Apache-2.0
#include "core/geometry/procrustes.h"

#include <gtest/gtest.h>

#include <Eigen/LU>
#include <cmath>
#include <random>

#include "core/geometry/rotation.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::MeanPointError;
using testing::WavePoints;

using testing::MatricesNear;

double Cost(const Similarity3d& t, const Eigen::Matrix3Xd& source, const Eigen::Matrix3Xd& target) {
  return ((t * source) - target).squaredNorm();
}

TEST(ProcrustesTest, RecoversAnExactSimilarity) {
  std::mt19937 rng(11);
  std::normal_distribution<double> normal(0.0, 1.0);
  Eigen::Matrix3Xd source(3, 30);
  for (int i = 0; i < source.cols(); ++i) source.col(i) << normal(rng), normal(rng), normal(rng);
  Similarity3d truth;
  truth.scale = 1.7;
  truth.rotation = AxisAngleToMatrix(Eigen::Vector3d(0.4, -2.2, 0.9));
  truth.translation = Eigen::Vector3d(0.3, -1.0, 2.5);
  const Eigen::Matrix3Xd target = truth * source;
  for (bool reflection : {false, true}) {
    const Similarity3d fit = EstimateSimilarity(source, target, {true, reflection});
    EXPECT_NEAR(fit.scale, truth.scale, 1e-12);
    EXPECT_TRUE(MatricesNear(fit.rotation, truth.rotation, 1e-12));
    EXPECT_TRUE(MatricesNear(fit.translation, truth.translation, 1e-12));
  }
  const Similarity3d rigid = EstimateSimilarity(source, (truth.rotation * source).colwise() + truth.translation,
                                                {false, false});
  EXPECT_EQ(rigid.scale, 1.0);
  EXPECT_TRUE(MatricesNear(rigid.rotation, truth.rotation, 1e-12));
}

TEST(ProcrustesTest, MatchesFreiHandAlignWithScale) {
  const Eigen::Matrix3Xd pred = WavePoints(21, 1.3, 0.7, 2.1);
  const Eigen::Matrix3Xd gt = WavePoints(21, 1.25, 0.75, 2.0, Eigen::Vector3d(0.01, -0.02, 0.03));
  const Similarity3d reflect = EstimateSimilarity(pred, gt, {true, true});
  EXPECT_NEAR(MeanPointError(reflect * pred, gt), 0.02877153654488824, 1e-9);  // SciPy, 1e-8 guard included
  const Similarity3d proper = EstimateSimilarity(pred, gt, {true, false});
  EXPECT_NEAR(MeanPointError(proper * pred, gt), 0.028771535978706218, 1e-12);  // NumPy Umeyama
  EXPECT_NEAR(proper.rotation.determinant(), 1.0, 1e-12);
}

TEST(ProcrustesTest, ReflectionOnlyWhenAllowed) {
  const Eigen::Matrix3Xd gt = WavePoints(21, 1.25, 0.75, 2.0, Eigen::Vector3d(0.01, -0.02, 0.03));
  Eigen::Matrix3Xd mirrored = gt;
  mirrored.row(0) *= -1;
  mirrored += 0.001 * WavePoints(21, 0.3, 0.9, 1.7);
  const Similarity3d freihand = EstimateSimilarity(mirrored, gt, {true, true});
  EXPECT_NEAR(freihand.rotation.determinant(), -1.0, 1e-12);
  EXPECT_NEAR(MeanPointError(freihand * mirrored, gt), 4.826031150383835e-05, 1e-10);  // SciPy, 1e-8 guard
  const Similarity3d umeyama = EstimateSimilarity(mirrored, gt, {true, false});
  EXPECT_NEAR(umeyama.rotation.determinant(), 1.0, 1e-12);
  EXPECT_NEAR(MeanPointError(umeyama * mirrored, gt), 0.035713095929170185, 1e-12);
}

TEST(ProcrustesTest, NoPerturbationLowersTheCost) {
  const Eigen::Matrix3Xd source = WavePoints(40, 0.9, 1.1, 0.4);
  const Eigen::Matrix3Xd target = WavePoints(40, 0.95, 1.05, 0.45, Eigen::Vector3d(0.2, 0.1, -0.3));
  for (const ProcrustesOptions& options : {ProcrustesOptions{true, false}, ProcrustesOptions{false, false}}) {
    const Similarity3d best = EstimateSimilarity(source, target, options);
    const double best_cost = Cost(best, source, target);
    std::mt19937 rng(3);
    std::normal_distribution<double> normal(0.0, 1e-3);
    for (int trial = 0; trial < 200; ++trial) {
      Similarity3d other = best;
      if (options.estimate_scale) other.scale *= 1 + normal(rng);
      other.rotation = AxisAngleToMatrix(Eigen::Vector3d(normal(rng), normal(rng), normal(rng))) * best.rotation;
      other.translation += Eigen::Vector3d(normal(rng), normal(rng), normal(rng));
      EXPECT_GE(Cost(other, source, target), best_cost) << "trial " << trial;
    }
  }
}

TEST(ProcrustesTest, DegenerateSetsAreDefined) {
  const Eigen::Matrix3Xd target = WavePoints(10, 0.9, 1.1, 0.4);
  const Eigen::Matrix3Xd collapsed = Eigen::Vector3d(1, 2, 3).replicate(1, 10);
  // FreiHAND's zero predictor: every point goes to the target centroid.
  const Similarity3d zero = EstimateSimilarity(collapsed, target);
  EXPECT_EQ(zero.scale, 0.0);
  EXPECT_TRUE(MatricesNear(zero.rotation, Eigen::Matrix3d::Identity(), 0));
  const Eigen::Matrix3Xd mapped = zero * collapsed;
  EXPECT_TRUE(MatricesNear(mapped, Eigen::Vector3d(target.rowwise().mean()).replicate(1, 10), 1e-15));
  // Rigid fit of a collapsed set: a pure translation of centroids.
  const Similarity3d rigid = EstimateSimilarity(collapsed, target, {false, false});
  EXPECT_EQ(rigid.scale, 1.0);
  EXPECT_TRUE(MatricesNear(rigid.translation, Eigen::Vector3d(target.rowwise().mean()) - Eigen::Vector3d(1, 2, 3), 1e-15));
  // One point: translation only.
  const Similarity3d one = EstimateSimilarity(target.col(3), target.col(5));
  EXPECT_TRUE(MatricesNear(one * Eigen::Vector3d(target.col(3)), target.col(5), 1e-15));
}

TEST(ProcrustesDeathTest, MismatchedSetsDie) {
  EXPECT_DEATH(EstimateSimilarity(Eigen::Matrix3Xd::Zero(3, 4), Eigen::Matrix3Xd::Zero(3, 5)), "EstimateSimilarity");
  EXPECT_DEATH(EstimateSimilarity(Eigen::Matrix3Xd(3, 0), Eigen::Matrix3Xd(3, 0)), "EstimateSimilarity");
}

}  // namespace
}  // namespace handprop
