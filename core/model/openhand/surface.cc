// SPDX-License-Identifier: Apache-2.0
#include "core/model/openhand/surface.h"

#include "core/model/openhand/cage.h"
#include "core/model/openhand/quad_orientation.h"
#include "core/model/openhand/subdivision.h"

namespace handprop::openhand {
namespace {

// One subdivision step leaves no segment fully rigid: the middle of a phalanx keeps an eighth
// of its neighbours' weights. Raising the weights to this power and renormalising makes segment
// middles rigid again (0.875 -> 0.99) while keeping the weights smooth, non-negative and
// summing to 1; the joint rings (half and half) are unchanged.
constexpr double kWeightSharpening = 2.0;

Eigen::MatrixXd Sharpen(const Eigen::MatrixXd& weights) {
  Eigen::MatrixXd w = weights.array().pow(kWeightSharpening).matrix();
  for (Eigen::Index i = 0; i < w.rows(); ++i) w.row(i) /= w.row(i).sum();
  return w;
}

// Moves each cap centre so that its subdivided position is exactly the fingertip. The fine
// vertex of a coarse point has the same id, and its row of the map weighs the point itself by
// 5/12 (valence 3), so the solve is well conditioned. Linear in the cage points.
Eigen::Matrix3Xd PinnedCagePoints(const Cage& cage, const Eigen::MatrixXd& subdivision) {
  Eigen::Matrix3Xd points = cage.PointMatrix();
  for (int digit = 0; digit < kNumDigits; ++digit) {
    const int t = cage.tip_points[digit];
    const double self = subdivision(t, t);
    const Eigen::Vector3d others = points * subdivision.row(t).transpose() - self * points.col(t);
    points.col(t) = (cage.tip_targets[digit] - others) / self;
  }
  return points;
}

}  // namespace

HandSurface BuildSurface(const ShapeFactors& factors) {
  Cage cage = BuildCage(factors);
  OrientQuads(cage.PointMatrix(), &cage.quads);
  const Subdivision sub = CatmullClark(static_cast<int>(cage.points.size()), cage.quads);
  HandSurface surface;
  surface.subdivision = sub.map;
  surface.vertices = PinnedCagePoints(cage, sub.map) * sub.map.transpose();
  surface.faces = Triangulate(surface.vertices, sub.quads);
  Eigen::MatrixXd cage_weights(cage.points.size(), kNumJoints);
  for (size_t i = 0; i < cage.points.size(); ++i) cage_weights.row(static_cast<Eigen::Index>(i)) = cage.weights[i].transpose();
  surface.weights = Sharpen(sub.map * cage_weights);
  surface.tips = cage.tip_points;
  return surface;
}

Eigen::Matrix3Xd SurfaceVertices(const ShapeFactors& factors, const Eigen::MatrixXd& subdivision) {
  return PinnedCagePoints(BuildCage(factors), subdivision) * subdivision.transpose();
}

}  // namespace handprop::openhand
