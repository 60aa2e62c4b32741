// SPDX-License-Identifier: Apache-2.0
// A folder of images read as a video: files ending in .png, .jpg, .jpeg, .bmp, .tif or .tiff
// (any letter case; other files and sub-folders are ignored), in natural order of their names
// ("img2" before "img10", natural_sort.h). Frame i is the i-th image, decoded to CV_8UC3 BGR
// (grey, alpha and 16-bit images are converted). Random access is exact by construction.
// Opening reads only the image headers (image_header.h) to check that every image has the size
// of the first; otherwise InputError "<folder>/<file>: image is WxH, but <first> is WxH".
// Not thread-safe (one source per thread); the folder is listed once, at construction.
#pragma once

#include <string>
#include <vector>

#include "core/io/video/video_source.h"

namespace handprop {

// The image files of `folder` (names only, no folder), in natural order. Throws InputError when
// the folder cannot be listed or holds no image file.
std::vector<std::string> ListFolderImages(const std::string& folder);

class ImageFolderSource final : public VideoSource {
 public:
  // Throws InputError (see above). fps >= 0 is only reported, never used.
  explicit ImageFolderSource(const std::string& folder, double fps = 0.0);

  const std::string& path() const override { return path_; }
  int frame_count() const override { return static_cast<int>(files_.size()); }
  double fps() const override { return fps_; }
  int width() const override { return size_.width; }
  int height() const override { return size_.height; }
  cv::Mat ReadFrame(int index) override;

  // Full path of the image behind frame `index`.
  std::string FramePath(int index) const;

 private:
  std::string path_;
  std::vector<std::string> files_;
  double fps_;
  cv::Size size_;
};

}  // namespace handprop
