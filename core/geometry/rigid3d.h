// SPDX-License-Identifier: Apache-2.0
// A rigid motion x -> R x + t in double precision, named after what it maps, COLMAP style:
// `cam_from_world * x_world` gives x_cam. HanCo's calibration `M` (a 4x4 world -> camera matrix,
// reference.md §5.2) is one of these.
//
//   Rigid3d cam_from_world = Rigid3d::FromMatrix(m);
//   Eigen::Matrix3Xd points_cam = cam_from_world * points_world;   // 3 x N, metres
//   Rigid3d world_from_cam = cam_from_world.Inverse();
//
// A plain value type: cheap to copy, no invariant is enforced beyond what FromMatrix checks.
#pragma once

#include <Eigen/Core>
#include <string>

namespace handprop {

struct Rigid3d {
  Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();
  Eigen::Vector3d translation = Eigen::Vector3d::Zero();

  Rigid3d() = default;
  Rigid3d(const Eigen::Matrix3d& r, const Eigen::Vector3d& t) : rotation(r), translation(t) {}

  Eigen::Vector3d operator*(const Eigen::Vector3d& x) const { return rotation * x + translation; }
  Eigen::Matrix3Xd operator*(const Eigen::Matrix3Xd& points) const;
  // Composition: (a_from_b * b_from_c) maps c to a.
  Rigid3d operator*(const Rigid3d& other) const;
  Rigid3d Inverse() const;

  // [R t; 0 0 0 1].
  Eigen::Matrix4d ToMatrix() const;
  // Reads the top 3 rows of a 4x4 (or a 3x4) matrix as [R t]; the rotation is used as given.
  static Rigid3d FromMatrix(const Eigen::Matrix4d& m);
  static Rigid3d FromMatrix(const Eigen::Matrix<double, 3, 4>& m);
};

// "" when `rotation` is a proper rotation (R^T R = I and det R = +1 within `tolerance`, all
// entries finite), else one line naming the problem ("det(R) = -1", "R^T R differs from I by 0.2").
std::string CheckRotationMatrix(const Eigen::Matrix3d& rotation, double tolerance = 1e-6);

}  // namespace handprop
