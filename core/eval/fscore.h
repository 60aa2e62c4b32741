// SPDX-License-Identifier: Apache-2.0
// F-score between two point sets of possibly different sizes (Knapitsch et al. 2017, used by
// FreiHAND and seed 003 at 5 mm and 15 mm; reference.md §3.1):
//   precision(t) = fraction of predicted points whose nearest ground-truth point is closer than t,
//   recall(t)    = fraction of ground-truth points whose nearest predicted point is closer than t,
//   F(t)         = 2 P R / (P + R), 0 when P + R = 0.
// The comparison is strict (`<`), as in FreiHAND's eval.py (whose variable names swap precision
// and recall; F is symmetric, so the score is the same). Nearest neighbours are found by brute
// force in double precision (778 x 778 pairs take well under a millisecond; bench/metrics_bench).
// Pure functions, thread-safe. Both sets must be non-empty (HP_CHECK).
#pragma once

#include <Eigen/Core>
#include <vector>

namespace handprop {

struct FScore {
  double threshold = 0;  // metres
  double precision = 0;
  double recall = 0;
  double f = 0;
};

// For every column of `from`, the distance to its nearest column of `to`.
Eigen::VectorXd NearestNeighbourDistances(const Eigen::Matrix3Xd& from, const Eigen::Matrix3Xd& to);

// One F-score per threshold, from a single nearest-neighbour pass in each direction.
std::vector<FScore> ComputeFScores(const Eigen::Matrix3Xd& pred, const Eigen::Matrix3Xd& gt,
                                   const std::vector<double>& thresholds);

}  // namespace handprop
