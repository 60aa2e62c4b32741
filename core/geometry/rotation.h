// SPDX-License-Identifier: Apache-2.0
// Rotation conversions in double precision: axis-angle (a 3-vector whose direction is the axis
// and whose norm is the angle in radians, MANO's pose parameterisation), rotation matrices and
// unit quaternions, plus SLERP. All functions are exact to round-off at every angle, including
// 0 and pi.
#pragma once

#include <Eigen/Core>
#include <Eigen/Geometry>

namespace handprop {

// The cross-product matrix [v]x, so that Skew(a) * b == a.cross(b).
Eigen::Matrix3d Skew(const Eigen::Vector3d& v);

// Rodrigues' formula R = I + sin(t) K + (1 - cos(t)) K^2 (reference.md §1.5 step 3).
Eigen::Matrix3d AxisAngleToMatrix(const Eigen::Vector3d& axis_angle);

// The inverse of AxisAngleToMatrix; returns an angle in [0, pi].
Eigen::Vector3d MatrixToAxisAngle(const Eigen::Matrix3d& rotation);

Eigen::Quaterniond AxisAngleToQuaternion(const Eigen::Vector3d& axis_angle);
// Returns an angle in [0, pi] (q and -q give the same axis-angle).
Eigen::Vector3d QuaternionToAxisAngle(const Eigen::Quaterniond& q);

Eigen::Quaterniond MatrixToQuaternion(const Eigen::Matrix3d& rotation);
Eigen::Matrix3d QuaternionToMatrix(const Eigen::Quaterniond& q);

// Spherical linear interpolation along the shorter arc; t = 0 gives a, t = 1 gives b.
Eigen::Quaterniond Slerp(const Eigen::Quaterniond& a, const Eigen::Quaterniond& b, double t);
Eigen::Vector3d SlerpAxisAngle(const Eigen::Vector3d& a, const Eigen::Vector3d& b, double t);

// The angle in radians of the rotation a^T b (the geodesic distance on SO(3)).
double RotationAngleBetween(const Eigen::Matrix3d& a, const Eigen::Matrix3d& b);

}  // namespace handprop
