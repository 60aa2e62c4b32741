// SPDX-License-Identifier: Apache-2.0
#include "core/render/photo_backgrounds.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

#include "core/render/render_random.h"
#include "core/util/error.h"
#include "core/util/natural_sort.h"
#include "core/util/option_check.h"

namespace handprop {
namespace {

bool IsImageFile(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".jpg" || ext == ".jpeg" || ext == ".png";
}

}  // namespace

std::string PhotoBackgroundOptions::Check() const {
  HP_OPTION_CHECK_GT(min_scale, 0.0);
  HP_OPTION_CHECK_LE(min_scale, max_scale);
  HP_OPTION_CHECK_LE(max_scale, 1.0);
  HP_OPTION_CHECK_GE(flip_probability, 0.0);
  HP_OPTION_CHECK_LE(flip_probability, 1.0);
  return {};
}

PhotoBackgrounds::PhotoBackgrounds(const std::string& folder, const PhotoBackgroundOptions& options)
    : folder_(folder), options_(options) {
  const std::string problem = options.Check();
  if (!problem.empty()) throw InputError("photo background options: " + problem);
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) throw InputError(folder + ": not a folder");
  std::vector<std::string> names;
  std::filesystem::directory_iterator it(folder, error), end;
  for (; !error && it != end; it.increment(error)) {
    std::error_code status;  // an entry whose status fails (a dangling link) is skipped
    if (it->is_regular_file(status) && IsImageFile(it->path())) names.push_back(it->path().filename().string());
  }
  if (error) throw InputError(folder + ": cannot list the folder (" + error.message() + ")");
  if (names.empty()) throw InputError(folder + ": no background images (*.jpg, *.jpeg, *.png) in the folder");
  std::sort(names.begin(), names.end(), NaturalLess);
  for (const std::string& name : names) files_.push_back((std::filesystem::path(folder) / name).string());
}

cv::Mat PhotoBackgrounds::Crop(int width, int height, uint64_t seed) const {
  RenderRng rng(MixSeed(seed, 0xF070));
  return CropOf(static_cast<size_t>(rng.UniformInt(static_cast<int>(files_.size()))), width, height, seed);
}

cv::Mat PhotoBackgrounds::CropOf(size_t index, int width, int height, uint64_t seed) const {
  HP_CHECK(index < files_.size() && width >= 1 && height >= 1, "CropOf: index ", index, ", size ", width, " x ", height);
  const std::string& file = files_[index];
  const cv::Mat image = cv::imread(file, cv::IMREAD_COLOR);
  if (image.empty()) throw InputError(file + ": cannot read image");
  RenderRng rng(MixSeed(seed, 0xC209));
  // The largest window of the target aspect ratio that fits, scaled down.
  const double aspect = static_cast<double>(width) / height;
  const double max_w = std::min<double>(image.cols, image.rows * aspect);
  const double scale = rng.Uniform(options_.min_scale, options_.max_scale);
  const int crop_w = std::clamp(static_cast<int>(std::lround(max_w * scale)), 1, image.cols);
  const int crop_h = std::clamp(static_cast<int>(std::lround(max_w * scale / aspect)), 1, image.rows);
  const int x = rng.UniformInt(image.cols - crop_w + 1), y = rng.UniformInt(image.rows - crop_h + 1);
  cv::Mat out;
  const bool shrink = crop_w >= width && crop_h >= height;
  cv::resize(image(cv::Rect(x, y, crop_w, crop_h)), out, cv::Size(width, height), 0, 0,
             shrink ? cv::INTER_AREA : cv::INTER_LINEAR);
  if (rng.Bernoulli(options_.flip_probability)) cv::flip(out, out, 1);
  return out;
}

}  // namespace handprop
