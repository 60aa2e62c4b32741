// SPDX-License-Identifier: Apache-2.0
// Maps mouse positions on a HandViewport to image pixels and picks the keypoint under the mouse,
// in plain maths (no GL) so it is testable headless.
//
// Coordinates: widget positions are Qt's logical pixels (origin top-left; the event position of
// a click on logical pixel (x, y) is (x, y), its centre (x + 0.5, y + 0.5)). The framebuffer has
// device_pixel_ratio device pixels per logical pixel; the image rectangle is in device pixels
// with OpenGL's bottom-left origin (HandViewport::ImageRect). Image pixels follow core's
// convention: the centre of pixel (0, 0) at (0, 0). With ratio 1 and the image filling the
// widget, widget (x, y) is image pixel (x, y).
#pragma once

#include <Eigen/Core>
#include <QPointF>

#include "ui/viewport/render_backend.h"
#include "ui/viewport/view_camera.h"

namespace handprop::ui {

struct ImagePlacement {
  PixelRect image_rect;            // where the view's image lies, device pixels, origin bottom-left
  int framebuffer_height = 0;      // device pixels
  double device_pixel_ratio = 1.0;
};

// The image pixel (u, v) of `view` under widget position `widget_px`; outside the image
// rectangle it extrapolates (callers clamp if they need to).
Eigen::Vector2d WidgetToImagePixel(const PinholeView& view, const ImagePlacement& placement, const QPointF& widget_px);
// The inverse: the widget position of image pixel `image_px`.
QPointF ImagePixelToWidget(const PinholeView& view, const ImagePlacement& placement, const Eigen::Vector2d& image_px);

// The keypoint (column of `keypoints`, world frame, metres) whose projection through
// view.camera lies nearest `widget_px`, if within `radius_px` logical pixels; else -1. Points at
// or behind the camera are never picked; ties go to the lower index.
int PickKeypoint(const PinholeView& view, const ImagePlacement& placement, const Eigen::Matrix3Xd& keypoints,
                 const QPointF& widget_px, double radius_px);

}  // namespace handprop::ui
