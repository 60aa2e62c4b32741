// SPDX-License-Identifier: Apache-2.0
#include "ui/viewport/picking.h"

#include <cmath>
#include <limits>

namespace handprop::ui {
namespace {

// Device pixels per image pixel along x and y, and the image rectangle's top-left corner in
// device pixels from the framebuffer's top-left.
struct Mapping {
  double scale_x, scale_y, left, top;
};

Mapping MakeMapping(const PinholeView& view, const ImagePlacement& p) {
  const PixelRect& r = p.image_rect;
  return {static_cast<double>(r.width) / view.width(), static_cast<double>(r.height) / view.height(),
          static_cast<double>(r.x), static_cast<double>(p.framebuffer_height - r.y - r.height)};
}

}  // namespace

Eigen::Vector2d WidgetToImagePixel(const PinholeView& view, const ImagePlacement& placement, const QPointF& widget_px) {
  const Mapping m = MakeMapping(view, placement);
  const double ratio = placement.device_pixel_ratio;
  return {((widget_px.x() + 0.5) * ratio - m.left) / m.scale_x - 0.5,
          ((widget_px.y() + 0.5) * ratio - m.top) / m.scale_y - 0.5};
}

QPointF ImagePixelToWidget(const PinholeView& view, const ImagePlacement& placement, const Eigen::Vector2d& image_px) {
  const Mapping m = MakeMapping(view, placement);
  const double ratio = placement.device_pixel_ratio;
  return {((image_px.x() + 0.5) * m.scale_x + m.left) / ratio - 0.5,
          ((image_px.y() + 0.5) * m.scale_y + m.top) / ratio - 0.5};
}

int PickKeypoint(const PinholeView& view, const ImagePlacement& placement, const Eigen::Matrix3Xd& keypoints,
                 const QPointF& widget_px, double radius_px) {
  int best = -1;
  double best_distance = std::numeric_limits<double>::infinity();
  for (Eigen::Index k = 0; k < keypoints.cols(); ++k) {
    const Eigen::Vector3d cam = view.camera.cam_from_world * Eigen::Vector3d(keypoints.col(k));
    if (cam.z() <= 0.0) continue;
    const Eigen::Vector2d uv = Project(view.camera.intrinsics, cam);
    const QPointF at = ImagePixelToWidget(view, placement, uv);
    const double distance = std::hypot(at.x() - widget_px.x(), at.y() - widget_px.y());
    if (distance <= radius_px && distance < best_distance) {
      best = static_cast<int>(k);
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace handprop::ui
