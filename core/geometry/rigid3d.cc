// SPDX-License-Identifier: Apache-2.0
#include "core/geometry/rigid3d.h"

#include <Eigen/LU>
#include <cmath>
#include <sstream>

namespace handprop {

Eigen::Matrix3Xd Rigid3d::operator*(const Eigen::Matrix3Xd& points) const {
  return (rotation * points).colwise() + translation;
}

Rigid3d Rigid3d::operator*(const Rigid3d& other) const {
  return Rigid3d(rotation * other.rotation, rotation * other.translation + translation);
}

Rigid3d Rigid3d::Inverse() const {
  const Eigen::Matrix3d rt = rotation.transpose();
  return Rigid3d(rt, -(rt * translation));
}

Eigen::Matrix4d Rigid3d::ToMatrix() const {
  Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
  m.topLeftCorner<3, 3>() = rotation;
  m.topRightCorner<3, 1>() = translation;
  return m;
}

Rigid3d Rigid3d::FromMatrix(const Eigen::Matrix4d& m) {
  return Rigid3d(m.topLeftCorner<3, 3>(), m.topRightCorner<3, 1>());
}

Rigid3d Rigid3d::FromMatrix(const Eigen::Matrix<double, 3, 4>& m) {
  return Rigid3d(m.leftCols<3>(), m.col(3));
}

std::string CheckRotationMatrix(const Eigen::Matrix3d& rotation, double tolerance) {
  if (!rotation.allFinite()) return "R has a non-finite entry";
  std::ostringstream out;
  const double orthogonality = (rotation.transpose() * rotation - Eigen::Matrix3d::Identity()).cwiseAbs().maxCoeff();
  if (orthogonality > tolerance) {
    out << "R^T R differs from I by " << orthogonality;
    return out.str();
  }
  const double det = rotation.determinant();
  if (std::abs(det - 1.0) > tolerance) {
    out << "det(R) = " << det << " (a reflection)";
    return out.str();
  }
  return {};
}

}  // namespace handprop
