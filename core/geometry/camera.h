// SPDX-License-Identifier: Apache-2.0
// Pinhole camera geometry in the OpenCV convention used by FreiHAND, HanCo and HO-3D's
// annotations: camera frame x right, y down, z forward (metres); pixel coordinates (u, v) with
// the centre of pixel (0, 0) at (0, 0), so a W x H image covers [-0.5, W - 0.5] x [-0.5, H - 0.5].
//   uv = (fx x / z + cx, fy y / z + cy)          (reference.md §5.2: uv = K x_cam / z)
// No lens distortion (none of the seed datasets has any). Functions are pure and thread-safe.
// Projecting a point with z <= 0 is the caller's mistake: the result is then meaningless
// (inf or mirrored), so test InFront() first where that can happen.
#pragma once

#include <Eigen/Core>
#include <string>

#include "core/geometry/rigid3d.h"

namespace handprop {

struct CameraIntrinsics {
  double fx = 1.0;  // focal length along u, pixels
  double fy = 1.0;  // focal length along v, pixels
  double cx = 0.0;  // principal point, pixels
  double cy = 0.0;

  // K = [fx 0 cx; 0 fy cy; 0 0 1].
  Eigen::Matrix3d Matrix() const;
  // Reads fx, fy, cx, cy of K; CheckIntrinsicsMatrix says whether K has this form.
  static CameraIntrinsics FromMatrix(const Eigen::Matrix3d& k);
  // The mean focal length (fx + fy) / 2, FreiHAND's f-bar (reference.md §1.9).
  double MeanFocal() const { return 0.5 * (fx + fy); }
  // "" when fx, fy > 0 and everything is finite, else the violated constraint.
  std::string Check() const;
};

// "" when k is [fx 0 cx; 0 fy cy; 0 0 1] (zero skew, entries off that pattern within 1e-9) with
// positive focal lengths, else one line naming the problem.
std::string CheckIntrinsicsMatrix(const Eigen::Matrix3d& k);

// A calibrated view: intrinsics plus the world -> camera motion (HanCo's K and M).
struct Camera {
  CameraIntrinsics intrinsics;
  Rigid3d cam_from_world;
  int width = 0;   // image size in pixels, 0 when unknown
  int height = 0;
};

bool InFront(const Eigen::Vector3d& point_cam);

// Camera-frame points to pixels (2 x N).
Eigen::Vector2d Project(const CameraIntrinsics& k, const Eigen::Vector3d& point_cam);
Eigen::Matrix2Xd Project(const CameraIntrinsics& k, const Eigen::Matrix3Xd& points_cam);
// World points to pixels through cam_from_world.
Eigen::Matrix2Xd ProjectWorld(const Camera& camera, const Eigen::Matrix3Xd& points_world);

// The camera-frame point at depth z (its z coordinate, not the ray length) seen at pixel uv.
Eigen::Vector3d BackProject(const CameraIntrinsics& k, const Eigen::Vector2d& uv, double depth);

// FreiHAND/HanCo root encoding of the 61-vector (reference.md §1.9): the root keypoint's pixel
// (u, v) and s = f-bar / z_root. RootFromUvScale follows contra-hand, z = f-bar / s and
// X = z K^-1 [u, v, 1]; FreiHAND's variant ((u - cx)/s, (v - cy)/s, f-bar/s) agrees with it
// exactly when fx == fy. s must be > 0. UvScaleFromRoot is the inverse (needs z > 0).
Eigen::Vector3d RootFromUvScale(const CameraIntrinsics& k, const Eigen::Vector3d& uv_s);
Eigen::Vector3d UvScaleFromRoot(const CameraIntrinsics& k, const Eigen::Vector3d& root_cam);

// cam_from_world of a camera at `eye` looking at `target`, rolled so that `up` (world) points
// up in the image (towards -v). Precondition (HP_CHECK): eye != target and up not parallel to
// the viewing direction.
Rigid3d LookAt(const Eigen::Vector3d& eye, const Eigen::Vector3d& target, const Eigen::Vector3d& up);

// Camera-frame change between OpenCV (y down, z forward) and OpenGL (y up, z backward; also
// HO-3D's annotation frame, reference.md §1.3): diag(1, -1, -1), its own inverse.
Eigen::Matrix3d OpenGlFromOpenCv();

// An OpenGL projection matrix for OpenGL eye coordinates that reproduces Project() exactly:
// a point x_cv maps to NDC whose pixel ((x_ndc + 1) W / 2 - 0.5, (1 - y_ndc) H / 2 - 0.5) is
// Project(k, x_cv) (the row flip is because OpenGL's window origin is bottom-left). Depth maps
// [near, far] to NDC [-1, 1]. Requires width, height > 0 and 0 < near < far.
Eigen::Matrix4d OpenGlProjection(const CameraIntrinsics& k, int width, int height, double near, double far);

}  // namespace handprop
