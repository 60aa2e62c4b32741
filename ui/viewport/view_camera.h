// SPDX-License-Identifier: Apache-2.0
// The viewport's two cameras, in plain Eigen (no Qt, no GL) so they are testable headless.
//
// Both use core's pinhole convention (core/geometry/camera.h): camera frame x right, y down,
// z forward (metres); u = fx X/Z + cx, v = fy Y/Z + cy; the centre of pixel (0, 0) at (0, 0).
//  - PinholeView: a core Camera (intrinsics, world -> camera motion, image size) plus clipping
//    depths, for drawing the hand exactly over a video frame.
//  - OrbitCamera: a turntable around a target (mouse drag rotates, wheel zooms) that produces
//    a PinholeView for any viewport size, so one projection path serves both.
//
//   OrbitCamera orbit;
//   orbit.FitSphere(centre, 0.12);
//   PinholeView view = orbit.ToPinhole(800, 600);
//   Eigen::Matrix4d clip_from_cam = PinholeProjectionMatrix(view);
#pragma once

#include <Eigen/Core>
#include <string>

#include "core/geometry/camera.h"

namespace handprop::ui {

struct PinholeView {
  Camera camera;          // intrinsics, cam_from_world and the image size (width, height > 0)
  double near_m = 0.01;   // clipping depths along z, metres
  double far_m = 100.0;

  // "" or the violated constraint ("camera.width = 0 violates camera.width > 0").
  std::string Check() const;
  int width() const { return camera.width; }
  int height() const { return camera.height; }
};

// A view of `intrinsics` on a width x height image with the identity world -> camera motion.
PinholeView MakePinholeView(const CameraIntrinsics& intrinsics, int width, int height);

// OpenGL clip coordinates from camera coordinates (x right, y down, z forward): clip = P [X Y Z 1]
// has w = Z, and ClipToPixel(clip) equals core's Project(intrinsics, X) (NDC x = -1..1 spans
// u = -0.5..W-0.5 left to right, NDC y = 1..-1 spans v = -0.5..H-0.5 top to bottom, NDC z =
// -1..1 spans Z = near..far). Core's OpenGlProjection with the OpenCV -> OpenGL flip folded in.
Eigen::Matrix4d PinholeProjectionMatrix(const PinholeView& view);

// Pixel (u, v) of a clip-space point on a W x H viewport: the inverse of the mapping above.
Eigen::Vector2d ClipToPixel(const Eigen::Vector4d& clip, int width, int height);

// Turntable camera around `target` with world +y up. yaw turns around the up axis (0: the
// camera sits on +z looking towards -z; 90: on +x), pitch lifts it above the target's horizon.
class OrbitCamera {
 public:
  static constexpr double kDegreesPerPixel = 0.4;
  static constexpr double kZoomPerStep = 0.9;  // distance factor per wheel step (120 units)
  static constexpr double kMaxPitchDeg = 89.0;

  Eigen::Vector3d target = Eigen::Vector3d::Zero();
  double distance_m = 0.5;
  double yaw_deg = 0.0;
  double pitch_deg = 20.0;
  double fov_y_deg = 35.0;
  double min_distance_m = 0.02;
  double max_distance_m = 20.0;

  Eigen::Vector3d Position() const;
  Rigid3d CamFromWorld() const;
  // Pinhole for a W x H viewport: square pixels, principal point at the image centre, clipping
  // depths bracketing the target.
  PinholeView ToPinhole(int width, int height) const;

  // Mouse drag by (dx, dy) pixels: the hand follows the mouse (right turns it right, down tips
  // its top towards the viewer); pitch stays within +-kMaxPitchDeg.
  void Rotate(double dx_px, double dy_px);
  // Wheel steps (positive: zoom in); the distance stays within [min, max].
  void Zoom(double steps);
  // Aims at `centre` and backs off until a sphere of `radius` fits the vertical and horizontal
  // field of view of a viewport with the given aspect (width / height), with a 10% margin.
  void FitSphere(const Eigen::Vector3d& centre, double radius, double aspect = 1.0);
};

}  // namespace handprop::ui
