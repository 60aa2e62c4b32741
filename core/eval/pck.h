// SPDX-License-Identifier: Apache-2.0
// PCK curves and their area (AUC), accumulated per keypoint over many samples as Zimmermann's
// EvalUtil does (reference.md §3.1-3.2): PCK_k(t) is the fraction of samples whose keypoint k
// lies within t of the ground truth, AUC_k = trapz(PCK_k, t) / (t_max - t_min), and the reported
// curve and AUC are the means over keypoints.
//
//   PckAccumulator pck(21, LinearThresholds(0.0, 0.05, 100));   // FreiHAND: 0-50 mm, 100 steps
//   for (...) pck.Add(PointDistances(aligned_pred, gt));
//   double auc = pck.Auc();
//
// Comparison: `d <= t` by default (FreiHAND, STB/RHD); strict `d < t` reproduces PeCLR's
// in-repo evaluation. Distances and thresholds share one unit (metres in HandProp).
// Not thread-safe; use one accumulator per thread and Merge().
#pragma once

#include <Eigen/Core>
#include <vector>

namespace handprop {

// Column-wise Euclidean distances |a_i - b_i| (same shapes, HP_CHECK).
Eigen::VectorXd PointDistances(const Eigen::Matrix3Xd& a, const Eigen::Matrix3Xd& b);

// numpy.linspace(first, last, count): count >= 2 values, both ends included (HP_CHECK).
Eigen::VectorXd LinearThresholds(double first, double last, int count);

// Trapezoidal integral of y over x divided by (x.back() - x.front()): the normalised area.
double NormalisedTrapezoid(const Eigen::VectorXd& x, const Eigen::VectorXd& y);

class PckAccumulator {
 public:
  // `thresholds` ascending, at least 2 distinct values (HP_CHECK).
  PckAccumulator(int num_points, Eigen::VectorXd thresholds, bool strict = false);

  // Adds one sample: `distances` has num_points entries (HP_CHECK).
  void Add(const Eigen::VectorXd& distances);
  // Adds the counts of another accumulator with the same settings (HP_CHECK).
  void Merge(const PckAccumulator& other);

  int num_samples() const { return num_samples_; }
  const Eigen::VectorXd& thresholds() const { return thresholds_; }
  // Mean over keypoints of PCK_k(t), one value per threshold; zeros before any Add().
  Eigen::VectorXd Curve() const;
  // Mean over keypoints of AUC_k; 0 before any Add().
  double Auc() const;

 private:
  int num_points_;
  Eigen::VectorXd thresholds_;
  bool strict_;
  int num_samples_ = 0;
  Eigen::MatrixXd hits_;  // num_points x thresholds: samples within the threshold
};

}  // namespace handprop
