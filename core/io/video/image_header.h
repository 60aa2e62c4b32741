// SPDX-License-Identifier: Apache-2.0
// Image sizes from file headers, so that opening an image folder checks that all images share
// one size without decoding them. Understands PNG (IHDR), JPEG (SOFn markers), BMP
// (BITMAPINFOHEADER and later) and TIFF (first IFD, both byte orders); anything else, or a
// header it cannot parse, falls back to decoding the image with OpenCV.
// Throws InputError "<file>: not a readable image" when neither works. Thread-safe.
#pragma once

#include <opencv2/core/types.hpp>
#include <optional>
#include <string>

namespace handprop {

// The size from the header alone; nullopt when the format is unknown or the header is broken.
std::optional<cv::Size> ImageSizeFromHeader(const std::string& file);

// ImageSizeFromHeader, else the size of the decoded image.
cv::Size ImageSize(const std::string& file);

}  // namespace handprop
