// SPDX-License-Identifier: Apache-2.0
#include "tests/openhand/openhand_test_util.h"

#include <Eigen/Geometry>

#include "core/model/openhand/openhand.h"

namespace handprop::testing {

const HandModel& OpenHandModel() {
  static const HandModel model = BuildOpenHand();
  return model;
}

double EnclosedVolume(const Eigen::Matrix3Xd& v, const Eigen::Matrix3Xi& f) {
  double six = 0.0;
  for (Eigen::Index i = 0; i < f.cols(); ++i) six += v.col(f(0, i)).dot(v.col(f(1, i)).cross(v.col(f(2, i))));
  return six / 6.0;
}

HandMesh PoseOpenHand(const HandModel& model, const Eigen::VectorXd& articulation, const ShapeVector& betas) {
  PoseVector pose = PoseVector::Zero();
  pose.tail<kArticulationDim>() = articulation;
  return HandLbs(model).Forward(pose, betas, Eigen::Vector3d::Zero());
}

}  // namespace handprop::testing
