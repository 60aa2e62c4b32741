// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include <fstream>

#include "core/render/photo_backgrounds.h"
#include "core/render/procedural_background.h"
#include "core/util/error.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

bool SameBytes(const cv::Mat& a, const cv::Mat& b) {
  return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
}

TEST(ProceduralBackgroundTest, DeterministicPerSeedAndVaried) {
  for (int kind = 0; kind < kNumBackgroundKinds; ++kind) {
    const auto k = static_cast<BackgroundKind>(kind);
    for (uint64_t seed = 0; seed < 10; ++seed) {
      const cv::Mat a = ProceduralBackground(96, 64, seed, k);
      ASSERT_EQ(a.type(), CV_8UC3);
      ASSERT_EQ(a.cols, 96);
      ASSERT_EQ(a.rows, 64);
      EXPECT_TRUE(SameBytes(a, ProceduralBackground(96, 64, seed, k))) << BackgroundKindName(k);
      EXPECT_FALSE(SameBytes(a, ProceduralBackground(96, 64, seed + 1, k))) << BackgroundKindName(k);
      cv::Scalar mean, stddev;
      cv::meanStdDev(a, mean, stddev);
      EXPECT_GT(stddev[0] + stddev[1] + stddev[2], 1.0) << BackgroundKindName(k) << " seed " << seed;
    }
  }
  // The kind-picking overload: deterministic, and the mean colours vary a lot across seeds.
  double lo = 255, hi = 0;
  for (uint64_t seed = 0; seed < 30; ++seed) {
    const cv::Mat a = ProceduralBackground(32, 32, seed);
    EXPECT_TRUE(SameBytes(a, ProceduralBackground(32, 32, seed)));
    const double m = cv::mean(a)[1];
    lo = std::min(lo, m), hi = std::max(hi, m);
  }
  EXPECT_GT(hi - lo, 80);
}

TEST(PhotoBackgroundsTest, ListsImagesInNaturalOrderAndCropsDeterministically) {
  testing::TempDir dir;
  cv::Mat gradient(60, 80, CV_8UC3);
  for (int y = 0; y < 60; ++y)
    for (int x = 0; x < 80; ++x) gradient.at<cv::Vec3b>(y, x) = cv::Vec3b(3 * x, 4 * y, 100);
  ASSERT_TRUE(cv::imwrite(dir.File("img10.png"), gradient));
  ASSERT_TRUE(cv::imwrite(dir.File("img2.PNG"), cv::Mat(50, 50, CV_8UC3, cv::Scalar(10, 20, 30))));
  ASSERT_TRUE(cv::imwrite(dir.File("img1.jpg"), gradient));
  std::ofstream(dir.File("notes.txt")) << "not an image";
  const PhotoBackgrounds photos(dir.path());
  ASSERT_EQ(photos.size(), 3u);
  EXPECT_EQ(photos.files()[0], dir.File("img1.jpg"));
  EXPECT_EQ(photos.files()[1], dir.File("img2.PNG"));
  EXPECT_EQ(photos.files()[2], dir.File("img10.png"));
  // A constant image crops to its colour; the gradient's crops differ with the seed.
  const cv::Mat flat = photos.CropOf(1, 40, 30, 9);
  EXPECT_TRUE(SameBytes(flat, cv::Mat(30, 40, CV_8UC3, cv::Scalar(10, 20, 30))));
  const cv::Mat a = photos.CropOf(2, 40, 30, 1), b = photos.CropOf(2, 40, 30, 2);
  EXPECT_TRUE(SameBytes(a, photos.CropOf(2, 40, 30, 1)));
  EXPECT_FALSE(SameBytes(a, b));
  int picked_each[3] = {0, 0, 0};
  for (uint64_t seed = 0; seed < 60; ++seed) {
    const cv::Mat crop = photos.Crop(24, 24, seed);
    ASSERT_EQ(crop.type(), CV_8UC3);
    ASSERT_EQ(crop.size(), cv::Size(24, 24));
    picked_each[SameBytes(crop, cv::Mat(24, 24, CV_8UC3, cv::Scalar(10, 20, 30))) ? 1 : 0]++;
  }
  EXPECT_GT(picked_each[1], 5);
  EXPECT_GT(picked_each[0], 20);
}

TEST(PhotoBackgroundsTest, ErrorsNameTheFolderOrFile) {
  testing::TempDir dir;
  try {
    PhotoBackgrounds photos(dir.path());
    FAIL() << "empty folder accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), dir.path() + ": no background images (*.jpg, *.jpeg, *.png) in the folder");
  }
  EXPECT_THROW(PhotoBackgrounds(dir.File("missing")), InputError);
  std::ofstream(dir.File("broken.jpg")) << "garbage, not a JPEG";
  const PhotoBackgrounds photos(dir.path());
  try {
    photos.Crop(16, 16, 0);
    FAIL() << "unreadable image accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), dir.File("broken.jpg") + ": cannot read image");
  }
  PhotoBackgroundOptions bad;
  bad.min_scale = 0.9;
  bad.max_scale = 0.5;
  EXPECT_EQ(bad.Check(), "min_scale = 0.9 violates min_scale <= 0.5");
  EXPECT_THROW(PhotoBackgrounds(dir.path(), bad), InputError);
}

}  // namespace
}  // namespace handprop
