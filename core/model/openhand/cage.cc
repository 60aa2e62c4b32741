// SPDX-License-Identifier: Apache-2.0
#include "core/model/openhand/cage.h"

namespace handprop::openhand {

int Cage::Add(const Eigen::Vector3d& point, const JointWeights& w) {
  points.push_back(point);
  weights.push_back(w);
  return static_cast<int>(points.size()) - 1;
}

Eigen::Matrix3Xd Cage::PointMatrix() const {
  Eigen::Matrix3Xd m(3, points.size());
  for (size_t i = 0; i < points.size(); ++i) m.col(static_cast<Eigen::Index>(i)) = points[i];
  return m;
}

JointWeights RigidWeights(int joint) {
  JointWeights w = JointWeights::Zero();
  w[joint] = 1.0;
  return w;
}

JointWeights SharedWeights(int joint_a, double weight_a, int joint_b) {
  JointWeights w = JointWeights::Zero();
  w[joint_a] += weight_a;
  w[joint_b] += 1.0 - weight_a;
  return w;
}

Cage BuildCage(const ShapeFactors& factors) {
  const Skeleton skeleton = BuildSkeleton(factors);
  Cage cage;
  const std::array<Loop, kNumDigits> bases = AddPalm(skeleton, &cage);
  for (int digit = 0; digit < kNumDigits; ++digit) AddDigit(skeleton, digit, bases[digit], &cage);
  return cage;
}

}  // namespace handprop::openhand
