// SPDX-License-Identifier: Apache-2.0
// FramePrefetcher: frames equal the plain source's in every order, the read-ahead fills the cache
// in the direction of travel, the cache stays within its budget, errors name the file, and
// destruction while the read-ahead runs is clean. Videos (64x48, 60 frames carrying their index)
// are written in code: a PNG folder, an H.264 mp4 and a truncated MJPG avi.
#include "core/io/video/frame_prefetcher.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/util/error.h"
#include "tests/io/video/video_test_util.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

constexpr int kWidth = 64, kHeight = 48, kFrames = 60;
constexpr int64_t kFrameBytes = int64_t{kWidth} * kHeight * 3;

class Videos {
 public:
  Videos() {
    testing::WriteIndexedVideo(dir_.File("frames/"), kFrames, kWidth, kHeight);
    testing::WriteIndexedVideo(dir_.File("clip.mp4"), kFrames, kWidth, kHeight);
    testing::WriteIndexedVideo(dir_.File("whole.avi"), kFrames, kWidth, kHeight);
    const std::string bytes = testing::FileBytes(dir_.File("whole.avi"));
    testing::WriteBytes(dir_.File("cut.avi"), bytes.substr(0, bytes.size() * 6 / 10));
  }
  std::string Path(const std::string& name) const { return dir_.File(name); }

 private:
  testing::TempDir dir_;
};

const Videos& TestVideos() {
  static const Videos* videos = new Videos();
  return *videos;
}

// Polls `done` until it holds or `seconds` pass; true when it held.
bool WaitFor(const std::function<bool()>& done, double seconds = 10.0) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

FramePrefetcherOptions Budget(int frames, int read_ahead = 12) {
  FramePrefetcherOptions options;
  options.max_bytes = frames * kFrameBytes + kFrameBytes / 2;
  options.read_ahead = read_ahead;
  return options;
}

class FramePrefetcherFormatTest : public ::testing::TestWithParam<const char*> {
 protected:
  std::string Path() const { return TestVideos().Path(GetParam()); }
  // Every frame as a sequential decode of the plain source gives it.
  std::vector<cv::Mat> Reference() const {
    auto source = OpenVideoSource(Path());
    std::vector<cv::Mat> frames;
    for (int i = 0; i < source->frame_count(); ++i) frames.push_back(source->ReadFrame(i));
    return frames;
  }
};

TEST_P(FramePrefetcherFormatTest, FramesEqualThePlainSourceInEveryOrder) {
  const std::vector<cv::Mat> reference = Reference();
  ASSERT_EQ(static_cast<int>(reference.size()), kFrames);
  std::vector<int> forward, backward, random;
  for (int i = 0; i < kFrames; ++i) forward.push_back(i);
  backward.assign(forward.rbegin(), forward.rend());
  std::mt19937 rng(11);
  for (int k = 0; k < 150; ++k) random.push_back(static_cast<int>(rng() % kFrames));
  for (const auto* order : {&forward, &backward, &random}) {
    for (const FramePrefetcherOptions& options : {FramePrefetcherOptions{}, Budget(4, 3)}) {
      FramePrefetcher prefetcher(Path(), options);
      EXPECT_EQ(prefetcher.frame_count(), kFrames);
      EXPECT_EQ(prefetcher.width(), kWidth);
      EXPECT_EQ(prefetcher.height(), kHeight);
      for (const int i : *order) {
        const cv::Mat frame = prefetcher.Get(i);
        ASSERT_TRUE(testing::SameFrame(frame, reference[i])) << GetParam() << " frame " << i;
        ASSERT_EQ(testing::DecodeFrameIndex(frame), i);
      }
      const FramePrefetcher::Stats stats = prefetcher.stats();
      EXPECT_EQ(stats.hits + stats.misses, static_cast<int64_t>(order->size()));
    }
  }
}

TEST_P(FramePrefetcherFormatTest, ReadAheadFollowsTheDirectionOfTravel) {
  FramePrefetcher prefetcher(Path());  // read_ahead 12
  prefetcher.Get(20);
  prefetcher.Get(21);
  EXPECT_TRUE(WaitFor([&] {
    for (int i = 22; i <= 33; ++i)
      if (!prefetcher.IsCached(i)) return false;
    return true;
  })) << "forward read-ahead did not fill frames 22-33";
  EXPECT_FALSE(prefetcher.IsCached(34));
  EXPECT_FALSE(prefetcher.IsCached(19));
  const FramePrefetcher::Stats before = prefetcher.stats();
  for (int i = 22; i <= 33; ++i) EXPECT_EQ(testing::DecodeFrameIndex(prefetcher.Get(i)), i);
  EXPECT_EQ(prefetcher.stats().hits - before.hits, 12);
  EXPECT_GE(prefetcher.stats().decoded_ahead, 12);

  // A random seek, then a step back: the frames below become cached.
  prefetcher.Get(50);
  prefetcher.Get(49);
  EXPECT_TRUE(WaitFor([&] {
    for (int i = 37; i <= 48; ++i)
      if (!prefetcher.IsCached(i)) return false;
    return true;
  })) << "backward read-ahead did not fill frames 37-48";
  for (int i = 48; i >= 37; --i) EXPECT_EQ(testing::DecodeFrameIndex(prefetcher.Get(i)), i);
}

TEST_P(FramePrefetcherFormatTest, CachedBytesNeverExceedTheBudget) {
  const FramePrefetcherOptions options = Budget(5);  // read-ahead limited to 4 frames
  FramePrefetcher prefetcher(Path(), options);
  prefetcher.Get(0);
  ASSERT_TRUE(WaitFor([&] { return prefetcher.IsCached(4); }));
  EXPECT_TRUE(WaitFor([&] { return prefetcher.stats().cached_bytes == 5 * kFrameBytes; }));
  EXPECT_FALSE(prefetcher.IsCached(5));
  std::mt19937 rng(3);
  int index = 0;
  for (int k = 0; k < 300; ++k) {
    const int move = static_cast<int>(rng() % 10);  // mostly steps, sometimes a seek
    index = move < 6 ? std::min(kFrames - 1, index + 1) : move < 9 ? std::max(0, index - 1) : static_cast<int>(rng() % kFrames);
    ASSERT_EQ(testing::DecodeFrameIndex(prefetcher.Get(index)), index);
    ASSERT_LE(prefetcher.stats().cached_bytes, options.max_bytes);
    // The scan is not atomic: the read-ahead may evict one frame and insert another between two
    // IsCached calls, so one frame more than the budget may be seen (cached_bytes above is exact).
    int cached = 0;
    for (int i = 0; i < kFrames; ++i) cached += prefetcher.IsCached(i);
    ASSERT_LE((cached - 1) * kFrameBytes, options.max_bytes);
  }
}

TEST_P(FramePrefetcherFormatTest, ZeroBudgetCachesNothing) {
  FramePrefetcherOptions options;
  options.max_bytes = 0;
  FramePrefetcher prefetcher(Path(), options);
  for (const int i : {0, 1, 2, 2, 40}) EXPECT_EQ(testing::DecodeFrameIndex(prefetcher.Get(i)), i);
  EXPECT_EQ(prefetcher.stats().hits, 0);
  EXPECT_EQ(prefetcher.stats().misses, 5);
  EXPECT_EQ(prefetcher.stats().cached_bytes, 0);
  EXPECT_FALSE(prefetcher.IsCached(40));
}

TEST_P(FramePrefetcherFormatTest, OutOfRangeThrowsNamingTheFile) {
  FramePrefetcher prefetcher(Path());
  for (const int i : {-1, kFrames, kFrames + 100}) {
    const std::string message = testing::ErrorMessageOf([&] { prefetcher.Get(i); });
    EXPECT_EQ(message.rfind(Path() + ": frame " + std::to_string(i) + " is out of range", 0), 0u) << message;
  }
  EXPECT_EQ(testing::DecodeFrameIndex(prefetcher.Get(kFrames - 1)), kFrames - 1);
}

TEST_P(FramePrefetcherFormatTest, DestructionWhileReadAheadRunsIsClean) {
  for (int round = 0; round < 20; ++round) {
    FramePrefetcher prefetcher(Path(), Budget(6, 5));
    prefetcher.Get(round);
    prefetcher.Get(round + 1);  // the read-ahead starts; the prefetcher dies at once
  }
  FramePrefetcher prefetcher(Path(), Budget(6, 5));
  EXPECT_EQ(testing::DecodeFrameIndex(prefetcher.Get(7)), 7);
}

INSTANTIATE_TEST_SUITE_P(Formats, FramePrefetcherFormatTest, ::testing::Values("frames", "clip.mp4"),
                         [](const auto& info) { return std::string(info.param[0] == 'f' ? "PngFolder" : "H264Mp4"); });

TEST(FramePrefetcherTest, TruncatedFileReportsTheUndecodableFrame) {
  const std::string path = TestVideos().Path("cut.avi");
  auto plain = OpenVideoSource(path);
  int readable = 0;
  std::string expected;
  for (; readable < plain->frame_count(); ++readable) {
    try {
      plain->ReadFrame(readable);
    } catch (const InputError& e) {
      expected = e.what();
      break;
    }
  }
  ASSERT_LT(readable, plain->frame_count()) << "the cut file decoded whole";
  FramePrefetcher prefetcher(path);
  // Frame readable-1 is not trusted by the source once it has seen the end (docs/video.md).
  for (int i = 0; i + 1 < readable; ++i) ASSERT_EQ(testing::DecodeFrameIndex(prefetcher.Get(i)), i);
  // The read-ahead ran into the end of the data and swallowed it; Get reports it.
  const std::string message = testing::ErrorMessageOf([&] { prefetcher.Get(readable); });
  EXPECT_EQ(message.rfind(path + ": frame " + std::to_string(readable) + ": cannot be decoded", 0), 0u) << message;
  EXPECT_FALSE(prefetcher.IsCached(readable));
  EXPECT_EQ(testing::DecodeFrameIndex(prefetcher.Get(0)), 0);  // still usable
}

TEST(FramePrefetcherTest, BadOptionsAndMissingFilesAreInputErrors) {
  const std::string path = TestVideos().Path("clip.mp4");
  FramePrefetcherOptions options;
  options.read_ahead = -1;
  EXPECT_EQ(testing::ErrorMessageOf([&] { FramePrefetcher(path, options); }),
            path + ": read_ahead = -1 violates read_ahead >= 0");
  options = {};
  options.max_bytes = -5;
  EXPECT_EQ(testing::ErrorMessageOf([&] { FramePrefetcher(path, options); }),
            path + ": max_bytes = -5 violates max_bytes >= 0");
  const std::string missing = TestVideos().Path("missing.mp4");
  EXPECT_EQ(testing::ErrorMessageOf([&] { FramePrefetcher prefetcher(missing); }), missing + ": no such file or folder");
}

}  // namespace
}  // namespace handprop
