// SPDX-License-Identifier: Apache-2.0
#include "core/model/openhand/joint_regressor.h"

#include <Eigen/Cholesky>
#include <cmath>
#include <vector>

#include "core/util/error.h"

namespace handprop::openhand {
namespace {

constexpr double kStartRadius = 0.008;   // metres
constexpr double kRadiusGrowth = 1.15;
constexpr double kMaxRadius = 0.06;
constexpr int kMinVertices = 8;

// log sum exp(lambda . p_i) and the weights softmax(lambda . p_i).
double LogPartition(const Eigen::Matrix3Xd& p, const Eigen::Vector3d& lambda, Eigen::VectorXd* w) {
  const Eigen::VectorXd s = p.transpose() * lambda;
  const double top = s.maxCoeff();
  *w = (s.array() - top).exp().matrix();
  const double sum = w->sum();
  *w /= sum;
  return top + std::log(sum);
}

}  // namespace

bool MaxEntropyWeights(const Eigen::Matrix3Xd& points, Eigen::VectorXd* weights) {
  // The dual of "max entropy subject to sum w p = 0" is the unconstrained convex problem
  // min_lambda log sum exp(lambda . p_i); Newton with backtracking. Scaled for conditioning.
  const double scale = std::sqrt(points.squaredNorm() / static_cast<double>(points.cols()));
  if (!(scale > 0.0)) return false;
  const Eigen::Matrix3Xd p = points / scale;
  Eigen::Vector3d lambda = Eigen::Vector3d::Zero();
  Eigen::VectorXd w;
  double f = LogPartition(p, lambda, &w);
  for (int iteration = 0; iteration < 200; ++iteration) {
    const Eigen::Vector3d g = p * w;
    if (g.norm() < 1e-13) {
      *weights = w;
      return true;
    }
    const Eigen::Matrix3d h = p * w.asDiagonal() * p.transpose() - g * g.transpose();
    const Eigen::Vector3d step = -h.ldlt().solve(g);
    double t = 1.0;
    Eigen::VectorXd w_new;
    double f_new = LogPartition(p, lambda + step, &w_new);
    // Backtrack (Armijo) unless the Newton decrement is below round-off, where f cannot resolve it.
    const bool converging = -g.dot(step) < 1e-20;
    while (!converging && !(f_new <= f + 1e-4 * t * g.dot(step)) && t > 1e-12) {
      t *= 0.5;
      f_new = LogPartition(p, lambda + t * step, &w_new);
    }
    lambda += t * step;
    f = f_new;
    w = w_new;
    if (lambda.norm() > 1e4) return false;  // the minimum is at infinity: origin outside the hull
  }
  return false;
}

Eigen::MatrixXd BuildJointRegressor(const Eigen::Matrix3Xd& vertices, const Eigen::MatrixXd& weights,
                                    const JointMatrix& joints) {
  const Eigen::Index v = vertices.cols();
  Eigen::MatrixXd regressor = Eigen::MatrixXd::Zero(kNumJoints, v);
  for (int k = 0; k < kNumJoints; ++k) {
    const int parent = kManoParents[k];
    bool solved = false;
    for (double radius = kStartRadius; radius <= kMaxRadius && !solved; radius *= kRadiusGrowth) {
      std::vector<Eigen::Index> ring;
      for (Eigen::Index i = 0; i < v; ++i) {
        const double share = weights(i, k) + (parent >= 0 ? weights(i, parent) : 0.0);
        if (share >= 0.5 && (vertices.col(i) - joints.col(k)).norm() <= radius) ring.push_back(i);
      }
      if (static_cast<int>(ring.size()) < kMinVertices) continue;
      Eigen::Matrix3Xd offsets(3, ring.size());
      for (size_t n = 0; n < ring.size(); ++n) offsets.col(static_cast<Eigen::Index>(n)) = vertices.col(ring[n]) - joints.col(k);
      Eigen::VectorXd w;
      if (!MaxEntropyWeights(offsets, &w)) continue;
      for (size_t n = 0; n < ring.size(); ++n) regressor(k, ring[n]) = w[static_cast<Eigen::Index>(n)];
      solved = true;
    }
    HP_CHECK(solved, "OpenHand joint ", k, " is not enclosed by the surface");
  }
  return regressor;
}

}  // namespace handprop::openhand
