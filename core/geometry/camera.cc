// SPDX-License-Identifier: Apache-2.0
#include "core/geometry/camera.h"

#include <Eigen/Geometry>
#include <cmath>
#include <sstream>

#include "core/util/error.h"

namespace handprop {

Eigen::Matrix3d CameraIntrinsics::Matrix() const {
  Eigen::Matrix3d k;
  k << fx, 0, cx,  //
      0, fy, cy,   //
      0, 0, 1;
  return k;
}

CameraIntrinsics CameraIntrinsics::FromMatrix(const Eigen::Matrix3d& k) {
  CameraIntrinsics c;
  c.fx = k(0, 0);
  c.fy = k(1, 1);
  c.cx = k(0, 2);
  c.cy = k(1, 2);
  return c;
}

std::string CameraIntrinsics::Check() const {
  if (!std::isfinite(fx) || !std::isfinite(fy) || !std::isfinite(cx) || !std::isfinite(cy))
    return "intrinsics have a non-finite value";
  std::ostringstream out;
  if (!(fx > 0) || !(fy > 0)) {
    out << "focal lengths fx = " << fx << ", fy = " << fy << " violate fx > 0 and fy > 0";
    return out.str();
  }
  return {};
}

std::string CheckIntrinsicsMatrix(const Eigen::Matrix3d& k) {
  if (!k.allFinite()) return "K has a non-finite entry";
  constexpr double kTolerance = 1e-9;
  std::ostringstream out;
  if (std::abs(k(0, 1)) > kTolerance) {
    out << "K has skew " << k(0, 1) << " (only zero skew is supported)";
    return out.str();
  }
  if (std::abs(k(1, 0)) > kTolerance || std::abs(k(2, 0)) > kTolerance || std::abs(k(2, 1)) > kTolerance ||
      std::abs(k(2, 2) - 1.0) > kTolerance) {
    out << "K's last row is (" << k(2, 0) << ", " << k(2, 1) << ", " << k(2, 2) << ") and K(1,0) = " << k(1, 0)
        << "; expected [fx 0 cx; 0 fy cy; 0 0 1]";
    return out.str();
  }
  return CameraIntrinsics::FromMatrix(k).Check();
}

bool InFront(const Eigen::Vector3d& point_cam) { return point_cam.z() > 0; }

Eigen::Vector2d Project(const CameraIntrinsics& k, const Eigen::Vector3d& p) {
  return {k.fx * p.x() / p.z() + k.cx, k.fy * p.y() / p.z() + k.cy};
}

Eigen::Matrix2Xd Project(const CameraIntrinsics& k, const Eigen::Matrix3Xd& points) {
  Eigen::Matrix2Xd uv(2, points.cols());
  for (Eigen::Index i = 0; i < points.cols(); ++i) uv.col(i) = Project(k, Eigen::Vector3d(points.col(i)));
  return uv;
}

Eigen::Matrix2Xd ProjectWorld(const Camera& camera, const Eigen::Matrix3Xd& points_world) {
  return Project(camera.intrinsics, camera.cam_from_world * points_world);
}

Eigen::Vector3d BackProject(const CameraIntrinsics& k, const Eigen::Vector2d& uv, double depth) {
  return {(uv.x() - k.cx) / k.fx * depth, (uv.y() - k.cy) / k.fy * depth, depth};
}

Eigen::Vector3d RootFromUvScale(const CameraIntrinsics& k, const Eigen::Vector3d& uv_s) {
  return BackProject(k, uv_s.head<2>(), k.MeanFocal() / uv_s.z());
}

Eigen::Vector3d UvScaleFromRoot(const CameraIntrinsics& k, const Eigen::Vector3d& root_cam) {
  const Eigen::Vector2d uv = Project(k, root_cam);
  return {uv.x(), uv.y(), k.MeanFocal() / root_cam.z()};
}

Rigid3d LookAt(const Eigen::Vector3d& eye, const Eigen::Vector3d& target, const Eigen::Vector3d& up) {
  const Eigen::Vector3d forward = target - eye;
  HP_CHECK(forward.norm() > 0, "LookAt: eye == target");
  const Eigen::Vector3d z = forward.normalized();
  const Eigen::Vector3d right = z.cross(up);
  HP_CHECK(right.norm() > 1e-12 * up.norm() && up.norm() > 0, "LookAt: up is parallel to the viewing direction");
  const Eigen::Vector3d x = right.normalized();
  const Eigen::Vector3d y = z.cross(x);  // image down
  Eigen::Matrix3d r;
  r.row(0) = x.transpose();
  r.row(1) = y.transpose();
  r.row(2) = z.transpose();
  return Rigid3d(r, -(r * eye));
}

Eigen::Matrix3d OpenGlFromOpenCv() { return Eigen::Vector3d(1, -1, -1).asDiagonal(); }

Eigen::Matrix4d OpenGlProjection(const CameraIntrinsics& k, int width, int height, double near, double far) {
  HP_CHECK(width > 0 && height > 0 && near > 0 && far > near, "OpenGlProjection: width ", width, ", height ",
           height, ", near ", near, ", far ", far);
  const double w = width, h = height;
  Eigen::Matrix4d p = Eigen::Matrix4d::Zero();
  p(0, 0) = 2.0 * k.fx / w;
  p(0, 2) = 1.0 - (2.0 * k.cx + 1.0) / w;
  p(1, 1) = 2.0 * k.fy / h;
  p(1, 2) = (2.0 * k.cy + 1.0) / h - 1.0;
  p(2, 2) = -(far + near) / (far - near);
  p(2, 3) = -2.0 * far * near / (far - near);
  p(3, 2) = -1.0;
  return p;
}

}  // namespace handprop
