// SPDX-License-Identifier: Apache-2.0
// Frame-accurate random access for every container the project writes: the sequential decode
// yields the frame indices in order without seeking, and out-of-order reads (first, last,
// repeated, backwards, seeded random) equal the sequential decode byte for byte.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "core/io/video/ffmpeg_video_source.h"
#include "core/io/video/video_source.h"
#include "core/util/error.h"
#include "tests/io/video/video_test_util.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::DecodeFrameIndex;
using testing::SameFrame;

constexpr int kFrames = 60;
constexpr int kWidth = 128;
constexpr int kHeight = 96;

class RandomAccessTest : public ::testing::TestWithParam<const char*> {};

TEST_P(RandomAccessTest, OutOfOrderReadsEqualTheSequentialDecode) {
  testing::TempDir dir;
  const std::string path = dir.File(std::string("clip") + GetParam());
  testing::WriteIndexedVideo(path, kFrames, kWidth, kHeight);
  const bool folder = std::string(GetParam()).empty();

  auto sequential = OpenVideoSource(path);
  ASSERT_EQ(sequential->frame_count(), kFrames);
  EXPECT_EQ(sequential->width(), kWidth);
  EXPECT_EQ(sequential->height(), kHeight);
  EXPECT_DOUBLE_EQ(sequential->fps(), folder ? 0.0 : 25.0);
  std::vector<cv::Mat> frames;
  for (int i = 0; i < kFrames; ++i) {
    frames.push_back(sequential->ReadFrame(i));
    ASSERT_EQ(frames.back().type(), CV_8UC3);
    ASSERT_EQ(DecodeFrameIndex(frames.back()), i) << "sequential frame " << i;
  }
  if (auto* ffmpeg = dynamic_cast<FfmpegVideoSource*>(sequential.get())) {
    EXPECT_EQ(ffmpeg->seek_count(), 0) << "sequential reads must not seek";
  }

  std::vector<int> order = {kFrames - 1, 0, 17, 5, 5, 40, 3, kFrames - 1, 1, 0, 30, 29, 28, 27, 59, 12, 50, 49, 2};
  std::mt19937 rng(7);
  for (int k = 0; k < 30; ++k) order.push_back(static_cast<int>(rng() % kFrames));
  auto random = OpenVideoSource(path);
  for (const int i : order) {
    const cv::Mat frame = random->ReadFrame(i);
    ASSERT_EQ(DecodeFrameIndex(frame), i) << GetParam() << ": random read of frame " << i;
    ASSERT_TRUE(SameFrame(frame, frames[static_cast<size_t>(i)])) << GetParam() << ": frame " << i;
  }
  if (auto* ffmpeg = dynamic_cast<FfmpegVideoSource*>(random.get())) {
    EXPECT_GT(ffmpeg->seek_count(), 5) << "the order above needs seeks";
    EXPECT_EQ(ffmpeg->readable_frame_count(), -1);
  }
}

INSTANTIATE_TEST_SUITE_P(Containers, RandomAccessTest, ::testing::Values(".mp4", ".mov", ".mkv", ".avi", ""),
                         [](const auto& info) {
                           const std::string ext = info.param;
                           return ext.empty() ? std::string("png_folder") : ext.substr(1);
                         });

TEST(VideoSourceTest, ReadFramesAreOwnedByTheCaller) {
  testing::TempDir dir;
  const std::string path = dir.File("clip.avi");
  testing::WriteIndexedVideo(path, 4, 64, 48);
  auto source = OpenVideoSource(path);
  cv::Mat first = source->ReadFrame(0);
  const cv::Mat copy = first.clone();
  first.setTo(cv::Scalar(1, 2, 3));
  EXPECT_TRUE(SameFrame(source->ReadFrame(0), copy));
}

TEST(VideoSourceTest, ImageFolderReportsTheGivenRate) {
  testing::TempDir dir;
  testing::WriteIndexedVideo(dir.File("frames/"), 3, 64, 48);
  VideoSourceOptions options;
  options.image_folder_fps = 30.0;
  EXPECT_DOUBLE_EQ(OpenVideoSource(dir.File("frames"), options)->fps(), 30.0);
  options.image_folder_fps = -1.0;
  EXPECT_THROW(OpenVideoSource(dir.File("frames"), options), InputError);
}

}  // namespace
}  // namespace handprop
