// SPDX-License-Identifier: Apache-2.0
// Where a writer gets each frame's pixels, and how images are written. The default source
// reads ViewFrame::image_path / mask_path with cv::imread; the project passes one that decodes
// video frames. Images are written as given (no resize, no colour change).
#pragma once

#include <functional>
#include <opencv2/core.hpp>
#include <string>

#include "core/io/formats/hand_dataset.h"

namespace handprop {

using ImageProvider = std::function<cv::Mat(const DatasetView&, const ViewFrame&)>;

struct FrameImageSource {
  // The frame's BGR (or grey) image; must not be empty. May throw InputError/RuntimeError.
  ImageProvider image;
  // The frame's hand mask, or an empty Mat when the frame has none. May be left empty: no masks.
  ImageProvider mask;
};

// Reads image_path (InputError "<path>: cannot read the image" when unreadable, "view ...:
// no image_path" when empty) and mask_path (empty Mat when mask_path is "").
FrameImageSource DefaultFrameImageSource();

// Calls source.image and checks the result is not empty (InputError naming sequence/frame).
cv::Mat FrameImage(const FrameImageSource& source, const DatasetView& view, const ViewFrame& frame);
// Calls source.mask when set; an empty Mat when there is none.
cv::Mat FrameMask(const FrameImageSource& source, const DatasetView& view, const ViewFrame& frame);

// Encodes by the extension of `path` (".jpg" with `jpeg_quality` 0..100, ".png") into memory and
// writes the bytes atomically. RuntimeError naming the path when encoding fails.
void WriteImageAtomically(const std::string& path, const cv::Mat& image, int jpeg_quality);

}  // namespace handprop
