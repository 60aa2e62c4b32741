// SPDX-License-Identifier: Apache-2.0
// Broken inputs give one-line InputErrors that name the file (and the frame), and the readable
// part of a truncated video stays readable.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
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

bool StartsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

void ExpectOneLineNaming(const std::string& message, const std::string& path) {
  EXPECT_TRUE(StartsWith(message, path + ": ")) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

class TruncatedTest : public ::testing::TestWithParam<const char*> {};

// avi and mkv keep their headers at the front: the cut file opens, the frames before the cut
// decode exactly as in the whole file, and the frames after it give the one-line error.
TEST_P(TruncatedTest, EarlyFramesStayReadableAndLaterOnesNameTheFrame) {
  testing::TempDir dir;
  const std::string whole = dir.File(std::string("whole") + GetParam());
  const std::string cut = dir.File(std::string("cut") + GetParam());
  testing::WriteIndexedVideo(whole, kFrames, 128, 96);
  const std::string bytes = testing::FileBytes(whole);
  testing::WriteBytes(cut, bytes.substr(0, bytes.size() * 6 / 10));

  auto reference = OpenVideoSource(whole);
  FfmpegVideoSource source(cut);
  ASSERT_EQ(source.frame_count(), kFrames) << "the container still claims every frame";
  // The last frame first (a seek past the real end), then earlier ones, then the tail again.
  const std::string message = testing::ErrorMessageOf([&] { source.ReadFrame(kFrames - 1); });
  ExpectOneLineNaming(message, cut);
  EXPECT_TRUE(StartsWith(message, cut + ": frame 59: cannot be decoded (the file is truncated or corrupt; frames 0-"))
      << message;
  const int readable = source.readable_frame_count();
  EXPECT_GE(readable, kFrames * 4 / 10) << message;
  EXPECT_LT(readable, kFrames) << message;
  EXPECT_NE(message.find("frames 0-" + std::to_string(readable - 1) + " are readable"), std::string::npos) << message;
  for (const int i : {0, readable / 2, readable - 1, 1, readable - 2}) {
    const cv::Mat frame = source.ReadFrame(i);
    EXPECT_EQ(DecodeFrameIndex(frame), i);
    EXPECT_TRUE(SameFrame(frame, reference->ReadFrame(i))) << "frame " << i;
  }
  for (const int i : {readable, kFrames - 1, readable + 3}) {
    ExpectOneLineNaming(testing::ErrorMessageOf([&] { source.ReadFrame(i); }), cut);
  }
  EXPECT_EQ(DecodeFrameIndex(source.ReadFrame(2)), 2) << "still usable after the errors";
}

// Sequential reading runs into the end of the data and reports it the same way.
TEST_P(TruncatedTest, SequentialReadingStopsWithTheSameError) {
  testing::TempDir dir;
  const std::string whole = dir.File(std::string("whole") + GetParam());
  const std::string cut = dir.File(std::string("cut") + GetParam());
  testing::WriteIndexedVideo(whole, kFrames, 128, 96);
  const std::string bytes = testing::FileBytes(whole);
  testing::WriteBytes(cut, bytes.substr(0, bytes.size() * 6 / 10));
  FfmpegVideoSource source(cut);
  int i = 0;
  std::string message;
  for (; i < kFrames; ++i) {
    message = testing::ErrorMessageOf([&] { EXPECT_EQ(DecodeFrameIndex(source.ReadFrame(i)), i); });
    if (!message.empty()) break;
  }
  ASSERT_LT(i, kFrames);
  // Frame i-1 was handed out before the end was seen; it is the one frame not trusted.
  EXPECT_EQ(source.readable_frame_count(), i - 1);
  EXPECT_EQ(message, cut + ": frame " + std::to_string(i) + ": cannot be decoded (the file is truncated or corrupt; frames 0-" +
                         std::to_string(i - 2) + " are readable)");
  ExpectOneLineNaming(testing::ErrorMessageOf([&] { source.ReadFrame(i - 1); }), cut);
}

INSTANTIATE_TEST_SUITE_P(Containers, TruncatedTest, ::testing::Values(".avi", ".mkv"),
                         [](const auto& info) { return std::string(info.param).substr(1); });

// mp4/mov write their index (the moov box) last, so a cut file has none and fails to open.
TEST(VideoErrorsTest, TruncatedMp4FailsToOpenWithOneLine) {
  testing::TempDir dir;
  const std::string whole = dir.File("whole.mp4"), cut = dir.File("cut.mp4");
  testing::WriteIndexedVideo(whole, kFrames, 128, 96);
  const std::string bytes = testing::FileBytes(whole);
  testing::WriteBytes(cut, bytes.substr(0, bytes.size() * 6 / 10));
  const std::string message = testing::ErrorMessageOf([&] { OpenVideoSource(cut); });
  ExpectOneLineNaming(message, cut);
  EXPECT_NE(message.find("cannot be opened as a video"), std::string::npos) << message;
}

TEST(VideoErrorsTest, RandomBytesAndTextAreNotVideos) {
  testing::TempDir dir;
  std::mt19937 rng(11);
  std::string noise(20000, '\0');
  for (char& c : noise) c = static_cast<char>(rng() & 0xFF);
  for (const char* name : {"noise.mp4", "noise.avi", "noise.mkv", "noise.bin"}) {
    testing::WriteBytes(dir.File(name), noise);
    ExpectOneLineNaming(testing::ErrorMessageOf([&] { OpenVideoSource(dir.File(name)); }), dir.File(name));
  }
  testing::WriteBytes(dir.File("notes.mp4"), "these are notes, not a video\n");
  ExpectOneLineNaming(testing::ErrorMessageOf([&] { OpenVideoSource(dir.File("notes.mp4")); }), dir.File("notes.mp4"));
  testing::WriteBytes(dir.File("empty.avi"), "");
  ExpectOneLineNaming(testing::ErrorMessageOf([&] { OpenVideoSource(dir.File("empty.avi")); }), dir.File("empty.avi"));
}

TEST(VideoErrorsTest, MissingPathAndEmptyFolder) {
  testing::TempDir dir;
  const std::string missing = dir.File("missing.mp4");
  EXPECT_EQ(testing::ErrorMessageOf([&] { OpenVideoSource(missing); }), missing + ": no such file or folder");
  std::filesystem::create_directories(dir.File("empty"));
  testing::WriteBytes(dir.File("empty/readme.txt"), "no images here");
  ExpectOneLineNaming(testing::ErrorMessageOf([&] { OpenVideoSource(dir.File("empty")); }), dir.File("empty"));
}

TEST(VideoErrorsTest, OutOfRangeIndicesNameTheFrame) {
  testing::TempDir dir;
  for (const char* name : {"clip.mkv", "frames"}) {
    testing::WriteIndexedVideo(dir.File(name), 5, 64, 48);
    auto source = OpenVideoSource(dir.File(name));
    EXPECT_EQ(testing::ErrorMessageOf([&] { source->ReadFrame(5); }),
              dir.File(name) + ": frame 5 is out of range (the video has 5 frames: 0-4)");
    ExpectOneLineNaming(testing::ErrorMessageOf([&] { source->ReadFrame(-1); }), dir.File(name));
    EXPECT_EQ(DecodeFrameIndex(source->ReadFrame(4)), 4);
  }
}

}  // namespace
}  // namespace handprop
