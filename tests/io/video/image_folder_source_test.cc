// SPDX-License-Identifier: Apache-2.0
// Image folders: natural order, the image formats, header-only size checks, and errors that
// name the odd or broken file.
#include "core/io/video/image_folder_source.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <opencv2/imgcodecs.hpp>

#include "core/io/video/image_header.h"
#include "core/util/error.h"
#include "tests/io/video/video_test_util.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::IndexedFrame;

TEST(ImageFolderSourceTest, FramesFollowNaturalOrder) {
  testing::TempDir dir;
  // Written in an order where plain string sorting would put img10 before img2.
  for (const int i : {10, 2, 1, 0, 11, 3})
    cv::imwrite(dir.File("img" + std::to_string(i) + ".png"), IndexedFrame(i, 64, 48));
  testing::WriteBytes(dir.File("labels.json"), "{}");
  ImageFolderSource source(dir.path(), 12.5);
  ASSERT_EQ(source.frame_count(), 6);
  EXPECT_DOUBLE_EQ(source.fps(), 12.5);
  const int expected[] = {0, 1, 2, 3, 10, 11};
  for (int k = 0; k < 6; ++k) EXPECT_EQ(testing::DecodeFrameIndex(source.ReadFrame(k)), expected[k]);
  EXPECT_EQ(std::filesystem::path(source.FramePath(4)).filename(), "img10.png");
}

TEST(ImageFolderSourceTest, HeadersGiveTheSizeOfEveryFormat) {
  testing::TempDir dir;
  const cv::Mat image = IndexedFrame(5, 70, 38);
  cv::Mat grey;
  cv::extractChannel(image, grey, 1);
  for (const char* name : {"a.png", "a.jpg", "a.jpeg", "a.bmp", "a.tif", "a.tiff", "grey.png", "grey.jpg", "grey.tif"}) {
    const std::string file = dir.File(name);
    ASSERT_TRUE(cv::imwrite(file, std::string(name).rfind("grey", 0) == 0 ? grey : image)) << name;
    const auto size = ImageSizeFromHeader(file);
    ASSERT_TRUE(size.has_value()) << name;
    EXPECT_EQ(*size, cv::Size(70, 38)) << name;
  }
  testing::WriteBytes(dir.File("text.png"), "not a png at all");
  EXPECT_FALSE(ImageSizeFromHeader(dir.File("text.png")).has_value());
  EXPECT_THROW(ImageSize(dir.File("text.png")), InputError);
}

TEST(ImageFolderSourceTest, MixedFormatsAndGreyImagesBecomeBgr) {
  testing::TempDir dir;
  cv::imwrite(dir.File("f1.png"), IndexedFrame(1, 64, 48));
  cv::Mat grey;
  cv::extractChannel(IndexedFrame(2, 64, 48), grey, 0);
  cv::imwrite(dir.File("f2.bmp"), grey);
  cv::imwrite(dir.File("f3.JPG"), IndexedFrame(3, 64, 48));
  ImageFolderSource source(dir.path());
  ASSERT_EQ(source.frame_count(), 3);
  for (int i = 0; i < 3; ++i) {
    const cv::Mat frame = source.ReadFrame(i);
    EXPECT_EQ(frame.type(), CV_8UC3);
    EXPECT_EQ(testing::DecodeFrameIndex(frame), i + 1);
  }
}

TEST(ImageFolderSourceTest, AnOddSizeNamesTheFirstOddFile) {
  testing::TempDir dir;
  cv::imwrite(dir.File("1.png"), IndexedFrame(1, 64, 48));
  cv::imwrite(dir.File("2.png"), IndexedFrame(2, 64, 48));
  cv::imwrite(dir.File("3.jpg"), IndexedFrame(3, 66, 48));
  cv::imwrite(dir.File("4.png"), IndexedFrame(4, 80, 48));
  try {
    ImageFolderSource source(dir.path());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), dir.File("3.jpg") + ": image is 66x48, but 1.png is 64x48 (all images of a folder "
                                                          "video must have one size)");
  }
}

TEST(ImageFolderSourceTest, ABrokenImageNamesItsFileAndFrame) {
  testing::TempDir dir;
  for (int i = 0; i < 3; ++i) cv::imwrite(dir.File("f" + std::to_string(i) + ".png"), IndexedFrame(i, 64, 48));
  std::string bytes = testing::FileBytes(dir.File("f1.png"));
  testing::WriteBytes(dir.File("f1.png"), bytes.substr(0, 60));  // header intact, data cut
  ImageFolderSource source(dir.path());
  try {
    source.ReadFrame(1);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(dir.File("f1.png") + ": frame 1: cannot be decoded", 0), 0u) << e.what();
  }
  EXPECT_EQ(testing::DecodeFrameIndex(source.ReadFrame(2)), 2);
}

}  // namespace
}  // namespace handprop
