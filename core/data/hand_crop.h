// SPDX-License-Identifier: Apache-2.0
// Square hand crops for the Hand Predictor (issue 4 item 4). A crop box is centred on the
// bounding-box centre of the hand's 2D keypoints with side = max(extent * (1 + margin),
// min_side_px), extent being the larger of the box's width and height. Resizing the box to
// S x S pixels is the affine map, in camera.h's convention (pixel centres at integers, a W-wide
// image covering [-0.5, W - 0.5]):
//   u' = s (u - centre_u) + S / 2 - 0.5,  v' = s (v - centre_v) + S / 2 - 0.5,  s = S / side
// so the crop's intrinsics are fx' = s fx, fy' = s fy, cx' = s (cx - centre_u) + S/2 - 0.5 (and
// likewise cy'): projecting with them equals projecting with K and then mapping. The warp
// samples bilinearly; outside the source image the crop is black (a constant border: no
// invented texture, the same at training and propagation time).
// Pure functions, thread-safe. Bad input (no keypoints, non-finite values, points behind the
// camera, an empty image) throws InputError.
#pragma once

#include <Eigen/Core>
#include <opencv2/core/mat.hpp>
#include <string>

#include "core/geometry/camera.h"
#include "core/model/openhand/random.h"

namespace handprop {

struct HandCropOptions {
  int size = 128;             // S: output side, pixels
  double margin = 0.4;        // side = extent * (1 + margin)
  double min_side_px = 32.0;  // lower bound of the side in source pixels
  std::string Check() const;
};

// Training augmentation: the centre moves by U(-centre_jitter, centre_jitter) * side along u and
// v independently, and the side is multiplied by 1 + U(-scale_jitter, scale_jitter).
struct CropJitterOptions {
  double centre_jitter = 0.1;
  double scale_jitter = 0.1;
  std::string Check() const;  // both in [0, 0.9]
};

struct HandCropBox {
  double centre_u = 0.0;  // source pixels
  double centre_v = 0.0;
  double side = 1.0;      // source pixels, > 0
};

// From 2 x N pixel keypoints (N >= 1; the usual 21).
HandCropBox CropBoxFromKeypoints(const Eigen::Matrix2Xd& uv, const HandCropOptions& options);
// From 3 x N camera-frame points (metres), projected with k; every point needs z > 0.
HandCropBox CropBoxFromPoints(const CameraIntrinsics& k, const Eigen::Matrix3Xd& points_cam,
                              const HandCropOptions& options);

HandCropBox JitterCropBox(const HandCropBox& box, const CropJitterOptions& jitter, openhand::SeededRandom& random);

// The 2 x 3 affine map source pixel -> crop pixel for an S x S crop.
Eigen::Matrix<double, 2, 3> CropFromImage(const HandCropBox& box, int size);
Eigen::Matrix2Xd ToCropPixels(const HandCropBox& box, int size, const Eigen::Matrix2Xd& uv);
CameraIntrinsics CropIntrinsics(const CameraIntrinsics& k, const HandCropBox& box, int size);

// The S x S crop of an 8-bit image (any channel count, BGR for frames) through CropFromImage.
cv::Mat CropImage(const cv::Mat& image, const HandCropBox& box, int size);

}  // namespace handprop
