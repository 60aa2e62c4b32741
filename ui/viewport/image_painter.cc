// SPDX-License-Identifier: Apache-2.0
#include "ui/viewport/image_painter.h"

#include "core/util/error.h"

namespace handprop::ui {

void ImagePainter::Setup(RenderBackend& backend) {
  if (handle_ == kNoTexture) handle_ = backend.CreateTexture();
}

void ImagePainter::Upload(RenderBackend& backend, const SceneImage& image) {
  HP_CHECK(handle_ != kNoTexture, "ImagePainter::Upload before Setup");
  HP_CHECK(image.width >= 0 && image.height >= 0 &&
               image.rgb.size() == static_cast<size_t>(3) * image.width * image.height,
           "image of ", image.width, " x ", image.height, " holds ", image.rgb.size(), " bytes");
  has_image_ = image.width > 0 && image.height > 0;
  if (has_image_) backend.UploadTexture(handle_, image.width, image.height, image.rgb.data(), 3 * image.width);
}

void ImagePainter::Render(RenderBackend& backend) const {
  if (handle_ != kNoTexture && has_image_) backend.DrawTexturedQuad(handle_);
}

void ImagePainter::Release(RenderBackend* backend) {
  if (backend != nullptr && handle_ != kNoTexture) backend->DestroyTexture(handle_);
  handle_ = kNoTexture;
  has_image_ = false;
}

}  // namespace handprop::ui
