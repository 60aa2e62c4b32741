// SPDX-License-Identifier: Apache-2.0
// Draws the background image (a video frame) as a texture filling the current viewport, which
// SceneRenderer sets to the pinhole image rectangle: at equal sizes image pixel (i, j) lands on
// viewport pixel (i, j); otherwise the image is stretched (linear filtering) to the rectangle.
//   painter.Setup(backend);            // once per graphics context: creates the texture slot
//   painter.Upload(backend, image);    // whenever the image changed
//   painter.Render(backend);
// Threads: the backend's thread only.
#pragma once

#include "ui/viewport/render_backend.h"
#include "ui/viewport/scene.h"

namespace handprop::ui {

class ImagePainter {
 public:
  void Setup(RenderBackend& backend);
  // An empty image (0 x 0) leaves nothing to draw. The image's size must match its pixels
  // (checked: a mismatch is a bug).
  void Upload(RenderBackend& backend, const SceneImage& image);
  void Render(RenderBackend& backend) const;
  void Release(RenderBackend* backend);  // as MeshPainter::Release

  bool is_set_up() const { return handle_ != kNoTexture; }

 private:
  TextureHandle handle_ = kNoTexture;
  bool has_image_ = false;
};

}  // namespace handprop::ui
