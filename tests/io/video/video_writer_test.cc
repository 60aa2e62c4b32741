// SPDX-License-Identifier: Apache-2.0
// Writers: formats by extension, atomic replacement, no leftovers after an exception,
// argument checks, and deterministic bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/io/video/content_hash.h"
#include "core/io/video/video_source.h"
#include "core/io/video/video_writer.h"
#include "core/util/error.h"
#include "tests/io/video/video_test_util.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

namespace fs = std::filesystem;
using testing::IndexedFrame;

std::vector<std::string> Listing(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class WriterFormatTest : public ::testing::TestWithParam<const char*> {};

TEST_P(WriterFormatTest, AnExceptionBeforeCloseLeavesTheOldOutputAndNoTemporary) {
  testing::TempDir dir;
  const std::string path = dir.File(std::string("out") + GetParam());
  testing::WriteIndexedVideo(path, 3, 64, 48);
  const std::string old_hash = FileContentHash(path);
  const std::vector<std::string> old_listing = Listing(dir.path());
  try {
    auto writer = OpenVideoWriter(path, 25.0, 64, 48);
    for (int i = 0; i < 5; ++i) writer->Write(IndexedFrame(i + 10, 64, 48));
    throw std::runtime_error("interrupted");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(FileContentHash(path), old_hash);
  EXPECT_EQ(Listing(dir.path()), old_listing);
  EXPECT_EQ(OpenVideoSource(path)->frame_count(), 3);
}

TEST_P(WriterFormatTest, CloseReplacesTheOldOutput) {
  testing::TempDir dir;
  const std::string path = dir.File(std::string("sub/out") + GetParam());
  testing::WriteIndexedVideo(path, 3, 64, 48);
  testing::WriteIndexedVideo(path, 7, 64, 48);
  auto source = OpenVideoSource(path);
  EXPECT_EQ(source->frame_count(), 7);
  EXPECT_EQ(testing::DecodeFrameIndex(source->ReadFrame(6)), 6);
  EXPECT_EQ(Listing(dir.File("sub")).size(), 1u) << "no temporary left next to the output";
}

TEST_P(WriterFormatTest, NoFramesMeansNoOutput) {
  testing::TempDir dir;
  const std::string path = dir.File(std::string("out") + GetParam());
  auto writer = OpenVideoWriter(path, 25.0, 64, 48);
  EXPECT_THROW(writer->Close(), InputError);
  EXPECT_TRUE(Listing(dir.path()).empty());
}

TEST_P(WriterFormatTest, WrongFramesAreRejected) {
  testing::TempDir dir;
  const std::string path = dir.File(std::string("out") + GetParam());
  auto writer = OpenVideoWriter(path, 25.0, 64, 48);
  writer->Write(IndexedFrame(0, 64, 48));
  EXPECT_THROW(writer->Write(IndexedFrame(1, 48, 64)), InputError);
  cv::Mat grey(48, 64, CV_8UC1, cv::Scalar(9));
  EXPECT_THROW(writer->Write(grey), InputError);
  writer->Write(IndexedFrame(1, 64, 48));
  writer->Close();
  EXPECT_EQ(writer->frames_written(), 2);
  EXPECT_EQ(OpenVideoSource(path)->frame_count(), 2);
}

// The same frames give the same bytes (mkv: the same decoded frames; its muxer writes random UIDs).
TEST_P(WriterFormatTest, WritingIsDeterministic) {
  testing::TempDir dir;
  const std::string a = dir.File(std::string("a") + GetParam()), b = dir.File(std::string("b") + GetParam());
  testing::WriteIndexedVideo(a, 20, 96, 64);
  testing::WriteIndexedVideo(b, 20, 96, 64);
  if (std::string(GetParam()) != ".mkv") {
    EXPECT_EQ(FileContentHash(a), FileContentHash(b));
  }
  auto sa = OpenVideoSource(a), sb = OpenVideoSource(b);
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(testing::SameFrame(sa->ReadFrame(i), sb->ReadFrame(i))) << "frame " << i;
}

INSTANTIATE_TEST_SUITE_P(Formats, WriterFormatTest, ::testing::Values(".mp4", ".mov", ".mkv", ".avi", "_frames/"),
                         [](const auto& info) {
                           const std::string ext = info.param;
                           return ext[0] == '.' ? ext.substr(1) : std::string("png_folder");
                         });

TEST(VideoWriterTest, PngFoldersHoldNumberedFrames) {
  testing::TempDir dir;
  testing::WriteIndexedVideo(dir.File("frames"), 3, 64, 48);
  EXPECT_EQ(Listing(dir.File("frames")), (std::vector<std::string>{"000000.png", "000001.png", "000002.png"}));
  auto source = OpenVideoSource(dir.File("frames"));
  EXPECT_TRUE(testing::SameFrame(source->ReadFrame(2), IndexedFrame(2, 64, 48))) << "PNG is lossless";
}

TEST(VideoWriterTest, BadArgumentsAreInputErrors) {
  testing::TempDir dir;
  EXPECT_THROW(OpenVideoWriter(dir.File("a.webm"), 25.0, 64, 48), InputError);
  EXPECT_THROW(OpenVideoWriter(dir.File("a.mp4"), 0.0, 64, 48), InputError);
  EXPECT_THROW(OpenVideoWriter(dir.File("a.mp4"), 25.0, 0, 48), InputError);
  EXPECT_THROW(OpenVideoWriter(dir.File("a.mp4"), 25.0, 63, 48), InputError);
  EXPECT_THROW(OpenVideoWriter(dir.File("a.mkv"), 25.0, 64, 47), InputError);
  EXPECT_NO_THROW(OpenVideoWriter(dir.File("a.avi"), 25.0, 63, 47));
  EXPECT_THROW(OpenVideoWriter(dir.path(), 25.0, 64, 48)->Write(cv::Mat()), InputError);
  testing::WriteBytes(dir.File("plain"), "a file");
  EXPECT_THROW(OpenVideoWriter(dir.File("plain"), 25.0, 64, 48), InputError);
  fs::create_directories(dir.File("folder.mp4"));
  EXPECT_THROW(OpenVideoWriter(dir.File("folder.mp4"), 25.0, 64, 48), InputError);
}

}  // namespace
}  // namespace handprop
