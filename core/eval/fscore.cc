// SPDX-License-Identifier: Apache-2.0
#include "core/eval/fscore.h"

#include <cmath>
#include <limits>

#include "core/util/error.h"

namespace handprop {
namespace {

// Squared nearest-neighbour distances in both directions in one sweep over all pairs. The
// coordinates of `b` are copied into separate rows (structure of arrays) so that the inner loop
// vectorises; the arithmetic is the exact (dx^2 + dy^2 + dz^2), no |a|^2 + |b|^2 - 2ab shortcut.
void NearestSquaredBothWays(const Eigen::Matrix3Xd& a, const Eigen::Matrix3Xd& b, Eigen::ArrayXd* a_to_b,
                            Eigen::ArrayXd* b_to_a) {
  HP_CHECK(a.cols() > 0 && b.cols() > 0, "nearest neighbours of an empty point set");
  const Eigen::ArrayXd bx = b.row(0).transpose(), by = b.row(1).transpose(), bz = b.row(2).transpose();
  a_to_b->resize(a.cols());
  b_to_a->setConstant(b.cols(), std::numeric_limits<double>::infinity());
  Eigen::ArrayXd d(b.cols());
  for (Eigen::Index i = 0; i < a.cols(); ++i) {
    d = (bx - a(0, i)).square() + (by - a(1, i)).square() + (bz - a(2, i)).square();
    (*a_to_b)(i) = d.minCoeff();
    *b_to_a = b_to_a->min(d);
  }
}

double FractionBelow(const Eigen::ArrayXd& distances, double threshold) {
  return (distances < threshold).cast<double>().mean();
}

}  // namespace

Eigen::VectorXd NearestNeighbourDistances(const Eigen::Matrix3Xd& from, const Eigen::Matrix3Xd& to) {
  Eigen::ArrayXd from_to, to_from;
  NearestSquaredBothWays(from, to, &from_to, &to_from);
  return from_to.sqrt().matrix();
}

std::vector<FScore> ComputeFScores(const Eigen::Matrix3Xd& pred, const Eigen::Matrix3Xd& gt,
                                   const std::vector<double>& thresholds) {
  Eigen::ArrayXd pred_to_gt, gt_to_pred;
  NearestSquaredBothWays(pred, gt, &pred_to_gt, &gt_to_pred);
  pred_to_gt = pred_to_gt.sqrt();  // compare distances, not squares, to match `d < t` exactly
  gt_to_pred = gt_to_pred.sqrt();
  std::vector<FScore> scores;
  scores.reserve(thresholds.size());
  for (double t : thresholds) {
    HP_CHECK(t >= 0, "F-score threshold ", t);
    FScore s;
    s.threshold = t;
    s.precision = FractionBelow(pred_to_gt, t);
    s.recall = FractionBelow(gt_to_pred, t);
    s.f = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
    scores.push_back(s);
  }
  return scores;
}

}  // namespace handprop
