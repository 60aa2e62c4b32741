// SPDX-License-Identifier: Apache-2.0
#include "core/eval/pck.h"

#include <utility>

#include "core/util/error.h"

namespace handprop {

Eigen::VectorXd PointDistances(const Eigen::Matrix3Xd& a, const Eigen::Matrix3Xd& b) {
  HP_CHECK(a.cols() == b.cols(), "PointDistances: ", a.cols(), " vs ", b.cols(), " points");
  return (a - b).colwise().norm().transpose();
}

Eigen::VectorXd LinearThresholds(double first, double last, int count) {
  HP_CHECK(count >= 2, "LinearThresholds: count ", count);
  Eigen::VectorXd t(count);
  const double step = (last - first) / (count - 1);
  for (int i = 0; i < count; ++i) t(i) = first + step * i;
  t(count - 1) = last;  // exact end, as numpy
  return t;
}

double NormalisedTrapezoid(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
  HP_CHECK(x.size() == y.size() && x.size() >= 2 && x(x.size() - 1) > x(0), "NormalisedTrapezoid: bad abscissae");
  double area = 0;
  for (Eigen::Index i = 1; i < x.size(); ++i) area += 0.5 * (y(i) + y(i - 1)) * (x(i) - x(i - 1));
  return area / (x(x.size() - 1) - x(0));
}

PckAccumulator::PckAccumulator(int num_points, Eigen::VectorXd thresholds, bool strict)
    : num_points_(num_points), thresholds_(std::move(thresholds)), strict_(strict) {
  HP_CHECK(num_points > 0, "PckAccumulator: num_points ", num_points);
  HP_CHECK(thresholds_.size() >= 2 && thresholds_(thresholds_.size() - 1) > thresholds_(0),
           "PckAccumulator: thresholds must ascend over at least two values");
  for (Eigen::Index i = 1; i < thresholds_.size(); ++i)
    HP_CHECK(thresholds_(i) >= thresholds_(i - 1), "PckAccumulator: thresholds must ascend");
  hits_.setZero(num_points_, thresholds_.size());
}

void PckAccumulator::Add(const Eigen::VectorXd& distances) {
  HP_CHECK(distances.size() == num_points_, "PckAccumulator::Add: ", distances.size(), " distances, expected ",
           num_points_);
  for (int k = 0; k < num_points_; ++k) {
    const double d = distances(k);
    for (Eigen::Index t = 0; t < thresholds_.size(); ++t) {
      if (strict_ ? d < thresholds_(t) : d <= thresholds_(t)) hits_(k, t) += 1.0;
    }
  }
  ++num_samples_;
}

void PckAccumulator::Merge(const PckAccumulator& other) {
  HP_CHECK(other.num_points_ == num_points_ && other.strict_ == strict_ && other.thresholds_ == thresholds_,
           "PckAccumulator::Merge: different settings");
  hits_ += other.hits_;
  num_samples_ += other.num_samples_;
}

Eigen::VectorXd PckAccumulator::Curve() const {
  if (num_samples_ == 0) return Eigen::VectorXd::Zero(thresholds_.size());
  return hits_.colwise().mean().transpose() / num_samples_;
}

double PckAccumulator::Auc() const {
  // The mean over keypoints of per-keypoint AUCs equals the AUC of the mean curve (linearity).
  return num_samples_ == 0 ? 0.0 : NormalisedTrapezoid(thresholds_, Curve());
}

}  // namespace handprop
