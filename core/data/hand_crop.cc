// SPDX-License-Identifier: Apache-2.0
#include "core/data/hand_crop.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {

std::string HandCropOptions::Check() const {
  HP_OPTION_CHECK_GE(size, 1);
  HP_OPTION_CHECK_GE(margin, 0.0);
  HP_OPTION_CHECK_GT(min_side_px, 0.0);
  return {};
}

std::string CropJitterOptions::Check() const {
  HP_OPTION_CHECK_GE(centre_jitter, 0.0);
  HP_OPTION_CHECK_LE(centre_jitter, 0.9);
  HP_OPTION_CHECK_GE(scale_jitter, 0.0);
  HP_OPTION_CHECK_LE(scale_jitter, 0.9);
  return {};
}

namespace {

void RequireValid(const HandCropBox& box, int size) {
  if (!(box.side > 0.0) || !std::isfinite(box.side) || !std::isfinite(box.centre_u) || !std::isfinite(box.centre_v))
    throw InputError("hand crop: box side must be positive and finite, got " + std::to_string(box.side));
  if (size < 1) throw InputError("hand crop: size " + std::to_string(size) + " must be >= 1");
}

}  // namespace

HandCropBox CropBoxFromKeypoints(const Eigen::Matrix2Xd& uv, const HandCropOptions& options) {
  if (const std::string problem = options.Check(); !problem.empty()) throw InputError("hand crop: " + problem);
  if (uv.cols() == 0) throw InputError("hand crop: no keypoints");
  if (!uv.allFinite()) throw InputError("hand crop: keypoints are not finite");
  const Eigen::Vector2d lo = uv.rowwise().minCoeff(), hi = uv.rowwise().maxCoeff();
  const double extent = (hi - lo).maxCoeff();
  HandCropBox box;
  box.centre_u = 0.5 * (lo.x() + hi.x());
  box.centre_v = 0.5 * (lo.y() + hi.y());
  box.side = std::max(extent * (1.0 + options.margin), options.min_side_px);
  return box;
}

HandCropBox CropBoxFromPoints(const CameraIntrinsics& k, const Eigen::Matrix3Xd& points_cam,
                              const HandCropOptions& options) {
  if (const std::string problem = k.Check(); !problem.empty()) throw InputError("hand crop: intrinsics: " + problem);
  for (Eigen::Index i = 0; i < points_cam.cols(); ++i)
    if (!(points_cam(2, i) > 0.0)) throw InputError("hand crop: point " + std::to_string(i) + " is not in front of the camera");
  return CropBoxFromKeypoints(Project(k, points_cam), options);
}

HandCropBox JitterCropBox(const HandCropBox& box, const CropJitterOptions& jitter, openhand::SeededRandom& random) {
  if (const std::string problem = jitter.Check(); !problem.empty()) throw InputError("crop jitter: " + problem);
  HandCropBox out = box;
  out.centre_u += random.Uniform(-jitter.centre_jitter, jitter.centre_jitter) * box.side;
  out.centre_v += random.Uniform(-jitter.centre_jitter, jitter.centre_jitter) * box.side;
  out.side *= 1.0 + random.Uniform(-jitter.scale_jitter, jitter.scale_jitter);
  return out;
}

Eigen::Matrix<double, 2, 3> CropFromImage(const HandCropBox& box, int size) {
  RequireValid(box, size);
  const double s = size / box.side;
  const double half = 0.5 * size - 0.5;
  Eigen::Matrix<double, 2, 3> m;
  m << s, 0.0, half - s * box.centre_u,  //
      0.0, s, half - s * box.centre_v;
  return m;
}

Eigen::Matrix2Xd ToCropPixels(const HandCropBox& box, int size, const Eigen::Matrix2Xd& uv) {
  const Eigen::Matrix<double, 2, 3> m = CropFromImage(box, size);
  return (m.leftCols<2>() * uv).colwise() + m.col(2);
}

CameraIntrinsics CropIntrinsics(const CameraIntrinsics& k, const HandCropBox& box, int size) {
  const Eigen::Matrix<double, 2, 3> m = CropFromImage(box, size);
  CameraIntrinsics out;
  out.fx = m(0, 0) * k.fx;
  out.fy = m(1, 1) * k.fy;
  out.cx = m(0, 0) * k.cx + m(0, 2);
  out.cy = m(1, 1) * k.cy + m(1, 2);
  return out;
}

cv::Mat CropImage(const cv::Mat& image, const HandCropBox& box, int size) {
  if (image.empty()) throw InputError("hand crop: empty image");
  if (image.depth() != CV_8U) throw InputError("hand crop: image must be 8-bit");
  const Eigen::Matrix<double, 2, 3> m = CropFromImage(box, size);
  const cv::Mat affine = (cv::Mat_<double>(2, 3) << m(0, 0), m(0, 1), m(0, 2), m(1, 0), m(1, 1), m(1, 2));
  cv::Mat crop;
  cv::warpAffine(image, crop, affine, cv::Size(size, size), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar::all(0));
  return crop;
}

}  // namespace handprop
