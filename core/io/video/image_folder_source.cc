// SPDX-License-Identifier: Apache-2.0
#include "core/io/video/image_folder_source.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>

#include "core/io/video/image_header.h"
#include "core/util/natural_sort.h"
#include "core/util/error.h"

namespace handprop {
namespace {

namespace fs = std::filesystem;

bool IsImageName(const fs::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".tif" || ext == ".tiff";
}

std::string SizeText(const cv::Size& size) { return std::to_string(size.width) + "x" + std::to_string(size.height); }

}  // namespace

std::vector<std::string> ListFolderImages(const std::string& folder) {
  std::vector<std::string> names;
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    std::error_code type_error;
    if (it->is_regular_file(type_error) && IsImageName(it->path())) names.push_back(it->path().filename().string());
  }
  if (error) throw InputError(folder + ": cannot list the folder (" + error.message() + ")");
  if (names.empty()) throw InputError(folder + ": no image files (png/jpg/jpeg/bmp/tif) in the folder");
  NaturalSort(&names);
  return names;
}

ImageFolderSource::ImageFolderSource(const std::string& folder, double fps)
    : path_(folder), files_(ListFolderImages(folder)), fps_(fps) {
  size_ = ImageSize(FramePath(0));
  for (int i = 1; i < frame_count(); ++i) {
    const cv::Size size = ImageSize(FramePath(i));
    if (size != size_)
      throw InputError(FramePath(i) + ": image is " + SizeText(size) + ", but " + files_[0] + " is " + SizeText(size_) +
                       " (all images of a folder video must have one size)");
  }
}

std::string ImageFolderSource::FramePath(int index) const {
  CheckFrameIndex(index);
  return (fs::path(path_) / files_[static_cast<size_t>(index)]).string();
}

cv::Mat ImageFolderSource::ReadFrame(int index) {
  const std::string file = FramePath(index);
  cv::Mat image = cv::imread(file, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
  if (image.empty())
    throw InputError(file + ": frame " + std::to_string(index) + ": cannot be decoded (missing, truncated or corrupt image)");
  if (image.size() != size_)
    throw InputError(file + ": frame " + std::to_string(index) + ": image is " + SizeText(image.size()) + ", expected " +
                     SizeText(size_));
  return image;
}

}  // namespace handprop
