// SPDX-License-Identifier: Apache-2.0
// The OpenGL hand viewport: a QOpenGLWidget that draws a posed hand mesh (Phong-shaded, with
// an optional wireframe) and its 21 keypoints with the skeleton, through SceneRenderer and
// GlRenderBackend. Device buffers are created on the first paint and re-uploaded only when the
// mesh or keypoints change.
//
// Cameras:
//  - orbit (default): mouse drag rotates around the target, the wheel zooms;
//  - pinhole: explicit intrinsics and image size (core's convention: x right, y down, z forward,
//    u = fx X/Z + cx, v = fy Y/Z + cy). The image is fitted into the widget, centred, with bars
//    on the sides; when the widget's device-pixel size equals the image size, widget pixel
//    (i, j) is image pixel (i, j), so the mesh overlays a video frame exactly.
//
// In pinhole mode a background image (SetBackgroundImage, e.g. the video frame) fills the image
// rectangle under the mesh, and the left button picks and drags keypoints: a press within
// kPickRadiusPx of a keypoint's projection emits KeypointPressed, every move with the button
// held emits KeypointDragged with the image pixel under the mouse (core's convention), and the
// release emits KeypointReleased. The widget does not move the keypoint itself: the receiver
// solves the new pose and calls SetKeypoints/SetMesh (and SetStyle for selected_keypoint).
//
// Two viewports (an overlay and an orbiting 3D view) each own their GL context and device
// buffers; the host data they share is cheap: the background image by pointer (SetBackgroundImage
// with a shared SceneImage), and a hand mesh is ~20 KB copied per viewport.
//
//   HandViewport viewport;
//   viewport.SetMesh(mesh.vertices, model.faces);
//   viewport.SetKeypoints(mesh.keypoints);
//   viewport.FitOrbitToMesh();
//
// Threads: GUI thread only. Needs a platform that can host QOpenGLWidget (xcb, wayland,
// windows, cocoa; not "offscreen"). If OpenGL setup fails, gl_error() says why and the widget
// draws nothing instead of crashing.
#pragma once

#include <Eigen/Core>
#include <QImage>
#include <QOpenGLWidget>
#include <QPoint>
#include <QString>
#include <memory>

#include "ui/viewport/picking.h"
#include "ui/viewport/render_backend.h"
#include "ui/viewport/scene_renderer.h"
#include "ui/viewport/view_camera.h"

namespace handprop::ui {

class HandViewport : public QOpenGLWidget {
  Q_OBJECT

 public:
  enum class CameraMode { kOrbit, kPinhole };

  explicit HandViewport(QWidget* parent = nullptr);
  ~HandViewport() override;

  // Scene; every setter schedules a repaint.
  void SetMesh(const Eigen::Matrix3Xd& vertices, const Eigen::Matrix3Xi& faces);
  // 21 keypoints in FreiHAND order (3 x 21), or an empty matrix to remove them.
  void SetKeypoints(const Eigen::Matrix3Xd& keypoints);
  void SetStyle(const ViewStyle& style);
  const ViewStyle& style() const { return renderer_.style(); }
  const Eigen::Matrix3Xd& keypoints() const { return keypoints_; }
  // The pinhole background: any QImage (converted to RGB888) or a shared SceneImage; a null
  // image or nullptr removes it. Orbit mode never draws it.
  void SetBackgroundImage(const QImage& image);
  void SetBackgroundImage(std::shared_ptr<const SceneImage> image);
  // The propagation preview (translucent, ViewStyle::ghost_colour) drawn with the current label.
  void SetGhostMesh(const Eigen::Matrix3Xd& vertices, const Eigen::Matrix3Xi& faces);
  void ClearGhostMesh();

  // Cameras.
  void SetOrbitCamera(const OrbitCamera& orbit);  // also switches to orbit mode
  const OrbitCamera& orbit_camera() const { return orbit_; }
  // Aims the orbit camera at the mesh's bounding sphere (keeping yaw and pitch).
  void FitOrbitToMesh();
  void SetPinholeCamera(const PinholeView& view);  // switches to pinhole mode; view must pass Check()
  CameraMode camera_mode() const { return mode_; }
  // The camera for the current widget size (the orbit camera as a pinhole, or the pinhole view).
  PinholeView CurrentView() const;
  // Where CurrentView()'s image lies in the framebuffer (device pixels, origin bottom-left).
  PixelRect ImageRect() const;
  // ImageRect with the framebuffer height and pixel ratio, for picking (picking.h).
  ImagePlacement Placement() const;

  static constexpr double kPickRadiusPx = 12.0;  // logical pixels

  // Empty when OpenGL works, else the reason it does not (shown to the user by the caller).
  const QString& gl_error() const { return gl_error_; }

 Q_SIGNALS:
  // The orbit camera moved (drag or wheel).
  void CameraChanged();
  // Pinhole mode, left button: a keypoint was pressed, dragged to `image_pixel`, released.
  void KeypointPressed(int keypoint);
  void KeypointDragged(int keypoint, Eigen::Vector2d image_pixel);
  void KeypointReleased(int keypoint);

 protected:
  void initializeGL() override;
  void paintGL() override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  void ReleaseGl();

  SceneRenderer renderer_;
  std::unique_ptr<RenderBackend> backend_;
  CameraMode mode_ = CameraMode::kOrbit;
  OrbitCamera orbit_;
  PinholeView pinhole_;
  QPoint last_mouse_;
  Eigen::Matrix3Xd keypoints_;
  int dragged_keypoint_ = -1;
  QString gl_error_;
};

}  // namespace handprop::ui
