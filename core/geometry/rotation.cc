// SPDX-License-Identifier: Apache-2.0
#include "core/geometry/rotation.h"

#include <algorithm>
#include <cmath>

namespace handprop {

Eigen::Matrix3d Skew(const Eigen::Vector3d& v) {
  Eigen::Matrix3d k;
  k << 0, -v.z(), v.y(),  //
      v.z(), 0, -v.x(),   //
      -v.y(), v.x(), 0;
  return k;
}

Eigen::Matrix3d AxisAngleToMatrix(const Eigen::Vector3d& axis_angle) {
  const double t = axis_angle.norm();
  const Eigen::Matrix3d k = Skew(axis_angle);
  // sin(t)/t and (1-cos(t))/t^2 on the unnormalised skew matrix; Taylor series near zero.
  double a, b;
  if (t < 1e-4) {
    const double t2 = t * t;
    a = 1.0 - t2 / 6.0;
    b = 0.5 - t2 / 24.0;
  } else {
    a = std::sin(t) / t;
    b = (1.0 - std::cos(t)) / (t * t);
  }
  return Eigen::Matrix3d::Identity() + a * k + b * k * k;
}

Eigen::Vector3d QuaternionToAxisAngle(const Eigen::Quaterniond& q_in) {
  Eigen::Quaterniond q = q_in.normalized();
  if (q.w() < 0) q.coeffs() = -q.coeffs();  // angle in [0, pi]
  const Eigen::Vector3d v = q.vec();
  const double s = v.norm();
  if (s < 1e-12) return 2.0 * v;  // first order: angle ~ 2 sin(angle/2)
  const double angle = 2.0 * std::atan2(s, q.w());
  return v * (angle / s);
}

Eigen::Quaterniond AxisAngleToQuaternion(const Eigen::Vector3d& axis_angle) {
  const double t = axis_angle.norm();
  const double half = 0.5 * t;
  // sin(t/2)/t with a Taylor series near zero.
  const double k = t < 1e-6 ? 0.5 - t * t / 48.0 : std::sin(half) / t;
  return Eigen::Quaterniond(std::cos(half), k * axis_angle.x(), k * axis_angle.y(), k * axis_angle.z());
}

Eigen::Quaterniond MatrixToQuaternion(const Eigen::Matrix3d& rotation) {
  return Eigen::Quaterniond(rotation).normalized();  // Eigen uses Shepperd's stable method
}

Eigen::Matrix3d QuaternionToMatrix(const Eigen::Quaterniond& q) { return q.normalized().toRotationMatrix(); }

Eigen::Vector3d MatrixToAxisAngle(const Eigen::Matrix3d& rotation) {
  return QuaternionToAxisAngle(MatrixToQuaternion(rotation));
}

Eigen::Quaterniond Slerp(const Eigen::Quaterniond& a, const Eigen::Quaterniond& b_in, double t) {
  Eigen::Quaterniond b = b_in;
  double d = a.dot(b);
  if (d < 0) {  // shorter arc
    b.coeffs() = -b.coeffs();
    d = -d;
  }
  d = std::min(d, 1.0);
  const double theta = std::acos(d);
  if (theta < 1e-9) return Eigen::Quaterniond(((1 - t) * a.coeffs() + t * b.coeffs()).normalized());
  const double s = std::sin(theta);
  const double wa = std::sin((1 - t) * theta) / s;
  const double wb = std::sin(t * theta) / s;
  return Eigen::Quaterniond((wa * a.coeffs() + wb * b.coeffs()).normalized());
}

Eigen::Vector3d SlerpAxisAngle(const Eigen::Vector3d& a, const Eigen::Vector3d& b, double t) {
  return QuaternionToAxisAngle(Slerp(AxisAngleToQuaternion(a), AxisAngleToQuaternion(b), t));
}

double RotationAngleBetween(const Eigen::Matrix3d& a, const Eigen::Matrix3d& b) {
  return MatrixToAxisAngle(a.transpose() * b).norm();
}

}  // namespace handprop
