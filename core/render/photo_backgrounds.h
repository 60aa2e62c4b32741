// SPDX-License-Identifier: Apache-2.0
// Background randomisation from a folder of photos (the HanCo paper used 2193 Flickr images):
// a random image, a random crop of random scale and position, an optional mirror, resized to
// the requested size. Crops are deterministic per seed.
//
//   PhotoBackgrounds photos("/data/backgrounds");   // lists *.jpg, *.jpeg, *.png (any case)
//   cv::Mat bg = photos.Crop(128, 128, seed);       // CV_8UC3, B, G, R
//
// The folder is listed once (non-recursively, natural order: "img2" before "img10"); images
// are decoded on demand by Crop, so memory stays small for big folders. Errors are InputError:
// "<folder>: ..." when the folder is missing or holds no image, "<file>: cannot read image"
// when Crop meets an unreadable file. Crop is const and may run concurrently.
#pragma once

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace handprop {

struct PhotoBackgroundOptions {
  // The crop's side is scale * (the largest crop of the target aspect ratio), scale uniform in
  // [min_scale, max_scale].
  double min_scale = 0.3;
  double max_scale = 1.0;
  // Probability of mirroring the crop left-right.
  double flip_probability = 0.5;

  std::string Check() const;
};

class PhotoBackgrounds {
 public:
  explicit PhotoBackgrounds(const std::string& folder, const PhotoBackgroundOptions& options = {});

  // A width x height crop (width, height >= 1) of the image picked by `seed`.
  cv::Mat Crop(int width, int height, uint64_t seed) const;
  // A crop of a given image (index < size()).
  cv::Mat CropOf(size_t index, int width, int height, uint64_t seed) const;

  size_t size() const { return files_.size(); }
  const std::vector<std::string>& files() const { return files_; }

 private:
  std::string folder_;
  PhotoBackgroundOptions options_;
  std::vector<std::string> files_;  // full paths, natural order
};


}  // namespace handprop
