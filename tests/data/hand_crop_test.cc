// SPDX-License-Identifier: Apache-2.0
#include "core/data/hand_crop.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>

#include "core/util/error.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::MatricesNear;

CameraIntrinsics TestIntrinsics() {
  CameraIntrinsics k;
  k.fx = 610.0;
  k.fy = 590.0;
  k.cx = 322.5;
  k.cy = 236.0;
  return k;
}

// 21 hand-sized points around (0.03, -0.02, 0.45) m, deterministic.
Eigen::Matrix3Xd HandPoints() { return testing::WavePoints(21, 0.7, 1.3, 0.4, Eigen::Vector3d(0.03, -0.02, -0.05)); }

TEST(HandCropTest, DefaultsAreValid) {
  EXPECT_EQ(HandCropOptions{}.Check(), "");
  EXPECT_EQ(CropJitterOptions{}.Check(), "");
  HandCropOptions bad;
  bad.margin = -0.1;
  EXPECT_EQ(bad.Check(), "margin = -0.1 violates margin >= 0");
}

TEST(HandCropTest, BoxIsCentredWithMarginAndMinimumSide) {
  Eigen::Matrix2Xd uv(2, 3);
  uv << 100, 180, 140,  //
      50, 70, 110;
  HandCropOptions options;
  const HandCropBox box = CropBoxFromKeypoints(uv, options);
  EXPECT_DOUBLE_EQ(box.centre_u, 140.0);
  EXPECT_DOUBLE_EQ(box.centre_v, 80.0);
  EXPECT_DOUBLE_EQ(box.side, 80.0 * 1.4);
  options.min_side_px = 200.0;
  EXPECT_DOUBLE_EQ(CropBoxFromKeypoints(uv, options).side, 200.0);
  EXPECT_THROW(CropBoxFromKeypoints(Eigen::Matrix2Xd(2, 0), HandCropOptions{}), InputError);
}

TEST(HandCropTest, KeypointsLandInsideTheCropWithTheMargin) {
  const CameraIntrinsics k = TestIntrinsics();
  HandCropOptions options;
  options.size = 96;
  const HandCropBox box = CropBoxFromPoints(k, HandPoints(), options);
  const Eigen::Matrix2Xd crop_uv = ToCropPixels(box, options.size, Project(k, HandPoints()));
  // The keypoints' box fills size / (1 + margin) pixels, centred: a margin of 0.2 / 1.4 of the
  // side on each side of the larger extent, at least that on the other.
  const double margin_px = 0.5 * options.size * (1.0 - 1.0 / 1.4);
  const double lo = -0.5 + margin_px, hi = options.size - 0.5 - margin_px;
  EXPECT_GE(crop_uv.minCoeff(), lo - 1e-9);
  EXPECT_LE(crop_uv.maxCoeff(), hi + 1e-9);
  const Eigen::Vector2d extent = crop_uv.rowwise().maxCoeff() - crop_uv.rowwise().minCoeff();
  EXPECT_NEAR(extent.maxCoeff(), hi - lo, 1e-9);  // the larger extent touches both margins
}

TEST(HandCropTest, CropIntrinsicsRoundTrip) {
  const CameraIntrinsics k = TestIntrinsics();
  const Eigen::Matrix3Xd points = HandPoints();
  for (int size : {64, 128, 225}) {
    const HandCropBox box{301.25, 250.5, 143.0};
    const CameraIntrinsics crop_k = CropIntrinsics(k, box, size);
    EXPECT_TRUE(MatricesNear(Project(crop_k, points), ToCropPixels(box, size, Project(k, points)), 1e-9));
    EXPECT_DOUBLE_EQ(crop_k.fx, k.fx * size / 143.0);
  }
  // The box's centre maps to the crop's centre, (S - 1) / 2 in pixel-centre coordinates.
  const HandCropBox box{200.0, 100.0, 50.0};
  EXPECT_TRUE(MatricesNear(ToCropPixels(box, 128, Eigen::Vector2d(200.0, 100.0)), Eigen::Vector2d(63.5, 63.5), 1e-12));
  // and the box's left edge (pixel-edge coordinate centre - side / 2) to the crop's, -0.5.
  EXPECT_NEAR(ToCropPixels(box, 128, Eigen::Vector2d(175.0, 100.0))(0, 0), -0.5, 1e-12);
}

TEST(HandCropTest, WarpPutsAKnownPixelWhereTheIntrinsicsSay) {
  // A smooth blob around a 3D point's projection; the crop's intensity centroid must sit where
  // the crop intrinsics project the same point.
  const CameraIntrinsics k = TestIntrinsics();
  const Eigen::Vector3d point(0.021, -0.013, 0.47);
  const Eigen::Vector2d uv = Project(k, point);
  cv::Mat image(480, 640, CV_8UC3, cv::Scalar::all(0));
  for (int v = 0; v < image.rows; ++v)
    for (int u = 0; u < image.cols; ++u) {
      const double r2 = (u - uv.x()) * (u - uv.x()) + (v - uv.y()) * (v - uv.y());
      const double value = 250.0 * std::exp(-r2 / (2.0 * 4.0 * 4.0));
      image.at<cv::Vec3b>(v, u) = cv::Vec3b(static_cast<uchar>(value + 0.5), 0, static_cast<uchar>(value * 0.5 + 0.5));
    }
  const HandCropBox box{uv.x() - 23.3, uv.y() + 17.8, 130.0};
  const cv::Mat crop = CropImage(image, box, 96);
  ASSERT_EQ(crop.rows, 96);
  ASSERT_EQ(crop.cols, 96);
  ASSERT_EQ(crop.type(), CV_8UC3);
  double sum = 0.0, su = 0.0, sv = 0.0;
  for (int v = 0; v < crop.rows; ++v)
    for (int u = 0; u < crop.cols; ++u) {
      const double w = crop.at<cv::Vec3b>(v, u)[0];
      sum += w;
      su += w * u;
      sv += w * v;
    }
  ASSERT_GT(sum, 0.0);
  const Eigen::Vector2d expected = Project(CropIntrinsics(k, box, 96), point);
  EXPECT_NEAR(su / sum, expected.x(), 0.1);
  EXPECT_NEAR(sv / sum, expected.y(), 0.1);
  EXPECT_GT(std::abs(expected.x() - 47.5), 10.0);  // not trivially the centre
}

TEST(HandCropTest, OutsideTheImageIsBlack) {
  const cv::Mat image(40, 40, CV_8UC1, cv::Scalar(200));
  const cv::Mat crop = CropImage(image, HandCropBox{0.0, 0.0, 40.0}, 40);  // box centred on a corner
  EXPECT_EQ(crop.at<uchar>(5, 5), 0);
  EXPECT_EQ(crop.at<uchar>(35, 35), 200);
  EXPECT_THROW(CropImage(cv::Mat(), HandCropBox{}, 8), InputError);
}

TEST(HandCropTest, JitterIsSeededAndBounded) {
  const HandCropBox box{100.0, 80.0, 50.0};
  CropJitterOptions jitter;
  jitter.centre_jitter = 0.2;
  jitter.scale_jitter = 0.25;
  openhand::SeededRandom r1(9), r2(9);
  bool moved = false;
  for (int i = 0; i < 200; ++i) {
    const HandCropBox a = JitterCropBox(box, jitter, r1), b = JitterCropBox(box, jitter, r2);
    ASSERT_EQ(a.centre_u, b.centre_u);
    ASSERT_EQ(a.side, b.side);
    ASSERT_LE(std::abs(a.centre_u - 100.0), 0.2 * 50.0);
    ASSERT_LE(std::abs(a.centre_v - 80.0), 0.2 * 50.0);
    ASSERT_GE(a.side, 50.0 * 0.75);
    ASSERT_LE(a.side, 50.0 * 1.25);
    moved = moved || std::abs(a.centre_u - 100.0) > 1.0;
  }
  EXPECT_TRUE(moved);
  EXPECT_THROW(CropBoxFromPoints(TestIntrinsics(), Eigen::Matrix3Xd::Constant(3, 2, -1.0), HandCropOptions{}), InputError);
}

}  // namespace
}  // namespace handprop
