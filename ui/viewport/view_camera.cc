// SPDX-License-Identifier: Apache-2.0
#include "ui/viewport/view_camera.h"

#include <algorithm>
#include <cmath>

#include "core/util/option_check.h"

namespace handprop::ui {
namespace {
constexpr double kPi = 3.14159265358979323846;
double Radians(double degrees) { return degrees * kPi / 180.0; }
}  // namespace

std::string PinholeView::Check() const {
  HP_OPTION_CHECK_NESTED(camera.intrinsics);
  HP_OPTION_CHECK_GT(camera.width, 0);
  HP_OPTION_CHECK_GT(camera.height, 0);
  HP_OPTION_CHECK_GT(near_m, 0.0);
  HP_OPTION_CHECK_GT(far_m, near_m);
  return {};
}

PinholeView MakePinholeView(const CameraIntrinsics& intrinsics, int width, int height) {
  PinholeView view;
  view.camera.intrinsics = intrinsics;
  view.camera.width = width;
  view.camera.height = height;
  return view;
}

Eigen::Matrix4d PinholeProjectionMatrix(const PinholeView& view) {
  Eigen::Matrix4d gl_from_cv = Eigen::Matrix4d::Identity();
  gl_from_cv.topLeftCorner<3, 3>() = OpenGlFromOpenCv();
  return OpenGlProjection(view.camera.intrinsics, view.camera.width, view.camera.height, view.near_m, view.far_m) *
         gl_from_cv;
}

Eigen::Vector2d ClipToPixel(const Eigen::Vector4d& clip, int width, int height) {
  const double x_ndc = clip.x() / clip.w(), y_ndc = clip.y() / clip.w();
  return {(x_ndc + 1.0) * 0.5 * width - 0.5, (1.0 - y_ndc) * 0.5 * height - 0.5};
}

Eigen::Vector3d OrbitCamera::Position() const {
  const double yaw = Radians(yaw_deg), pitch = Radians(pitch_deg);
  return target + distance_m * Eigen::Vector3d(std::cos(pitch) * std::sin(yaw), std::sin(pitch),
                                               std::cos(pitch) * std::cos(yaw));
}

Rigid3d OrbitCamera::CamFromWorld() const { return LookAt(Position(), target, Eigen::Vector3d::UnitY()); }

PinholeView OrbitCamera::ToPinhole(int width, int height) const {
  PinholeView view;
  view.camera.width = std::max(width, 1);
  view.camera.height = std::max(height, 1);
  CameraIntrinsics& k = view.camera.intrinsics;
  k.fx = k.fy = 0.5 * view.camera.height / std::tan(0.5 * Radians(fov_y_deg));
  k.cx = 0.5 * (view.camera.width - 1);
  k.cy = 0.5 * (view.camera.height - 1);
  view.camera.cam_from_world = CamFromWorld();
  view.near_m = 0.02 * distance_m;
  view.far_m = 50.0 * distance_m;
  return view;
}

void OrbitCamera::Rotate(double dx_px, double dy_px) {
  yaw_deg = std::remainder(yaw_deg - kDegreesPerPixel * dx_px, 360.0);
  pitch_deg = std::clamp(pitch_deg + kDegreesPerPixel * dy_px, -kMaxPitchDeg, kMaxPitchDeg);
}

void OrbitCamera::Zoom(double steps) {
  distance_m = std::clamp(distance_m * std::pow(kZoomPerStep, steps), min_distance_m, max_distance_m);
}

void OrbitCamera::FitSphere(const Eigen::Vector3d& centre, double radius, double aspect) {
  constexpr double kMargin = 1.1;
  const double half_v = 0.5 * Radians(fov_y_deg);
  const double half_h = std::atan(std::tan(half_v) * std::max(aspect, 1e-3));
  target = centre;
  distance_m = std::clamp(kMargin * radius / std::sin(std::min(half_v, half_h)), min_distance_m, max_distance_m);
}

}  // namespace handprop::ui
