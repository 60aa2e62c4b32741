// SPDX-License-Identifier: Apache-2.0
#include "core/io/formats/frame_images.h"

#include <opencv2/imgcodecs.hpp>
#include <vector>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace handprop {
namespace {

std::string FrameName(const DatasetView& view, const ViewFrame& frame) {
  return detail::Concat("sequence ", view.sequence, " camera ", view.camera_index, " frame ", frame.index);
}

cv::Mat ReadImage(const std::string& path, int flags) {
  cv::Mat image = cv::imread(path, flags);
  if (image.empty()) throw InputError(path + ": cannot read the image (missing or not an image)");
  return image;
}

}  // namespace

FrameImageSource DefaultFrameImageSource() {
  FrameImageSource source;
  source.image = [](const DatasetView& view, const ViewFrame& frame) {
    if (frame.image_path.empty()) throw InputError(FrameName(view, frame) + ": no image_path to read the image from");
    return ReadImage(frame.image_path, cv::IMREAD_UNCHANGED);
  };
  source.mask = [](const DatasetView&, const ViewFrame& frame) {
    return frame.mask_path.empty() ? cv::Mat() : ReadImage(frame.mask_path, cv::IMREAD_UNCHANGED);
  };
  return source;
}

cv::Mat FrameImage(const FrameImageSource& source, const DatasetView& view, const ViewFrame& frame) {
  HP_CHECK(source.image, "FrameImageSource::image must be set");
  cv::Mat image = source.image(view, frame);
  if (image.empty()) throw InputError(FrameName(view, frame) + ": the image source returned no image");
  return image;
}

cv::Mat FrameMask(const FrameImageSource& source, const DatasetView& view, const ViewFrame& frame) {
  return source.mask ? source.mask(view, frame) : cv::Mat();
}

void WriteImageAtomically(const std::string& path, const cv::Mat& image, int jpeg_quality) {
  const size_t dot = path.find_last_of('.');
  const std::string extension = dot == std::string::npos ? std::string() : path.substr(dot);
  std::vector<int> params;
  if (extension == ".jpg" || extension == ".jpeg") params = {cv::IMWRITE_JPEG_QUALITY, jpeg_quality};
  std::vector<uchar> buffer;
  bool ok = false;
  try {
    ok = cv::imencode(extension, image, buffer, params);
  } catch (const cv::Exception& e) {
    throw RuntimeError(path + ": cannot encode the image (" + e.err + ")");
  }
  if (!ok) throw RuntimeError(path + ": cannot encode the image");
  WriteFileAtomically(path, std::string_view(reinterpret_cast<const char*>(buffer.data()), buffer.size()));
}

}  // namespace handprop
