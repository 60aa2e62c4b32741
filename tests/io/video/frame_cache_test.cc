// SPDX-License-Identifier: Apache-2.0
// CachedVideoSource: the cached bytes never exceed the budget, least recently used frames go
// first, hits and misses are counted, and callers get copies.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <vector>

#include "core/io/video/frame_cache.h"
#include "core/util/error.h"
#include "tests/io/video/video_test_util.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

constexpr int kWidth = 32, kHeight = 24;
constexpr int64_t kFrameBytes = kWidth * kHeight * 3;

// An in-memory source that counts its decodes; frame 13 is "corrupt".
class CountingSource final : public VideoSource {
 public:
  const std::string& path() const override { return path_; }
  int frame_count() const override { return 40; }
  double fps() const override { return 10.0; }
  int width() const override { return kWidth; }
  int height() const override { return kHeight; }
  cv::Mat ReadFrame(int index) override {
    CheckFrameIndex(index);
    ++decodes;
    if (index == 13) throw InputError(path_ + ": frame 13: cannot be decoded");
    return testing::IndexedFrame(index, kWidth, kHeight);
  }
  int decodes = 0;

 private:
  std::string path_ = "memory.mp4";
};

std::unique_ptr<CachedVideoSource> MakeCache(int64_t max_bytes, CountingSource** counting) {
  auto source = std::make_unique<CountingSource>();
  *counting = source.get();
  FrameCacheOptions options;
  options.max_bytes = max_bytes;
  return std::make_unique<CachedVideoSource>(std::move(source), options);
}

TEST(FrameCacheTest, HitsAndMissesAreCounted) {
  CountingSource* counting;
  auto cache = MakeCache(10 * kFrameBytes, &counting);
  for (const int i : {1, 2, 1, 1, 3, 2}) EXPECT_EQ(testing::DecodeFrameIndex(cache->ReadFrame(i)), i);
  EXPECT_EQ(cache->misses(), 3);
  EXPECT_EQ(cache->hits(), 3);
  EXPECT_EQ(counting->decodes, 3);
  EXPECT_EQ(cache->cached_frames(), 3);
  EXPECT_EQ(cache->cached_bytes(), 3 * kFrameBytes);
}

TEST(FrameCacheTest, CachedBytesNeverExceedTheBudget) {
  CountingSource* counting;
  const int64_t budget = 3 * kFrameBytes + kFrameBytes / 2;  // room for three frames, not four
  auto cache = MakeCache(budget, &counting);
  std::mt19937 rng(5);
  int max_frames = 0;
  for (int k = 0; k < 300; ++k) {
    const int i = static_cast<int>(rng() % 12);
    if (i == 13) continue;
    EXPECT_EQ(testing::DecodeFrameIndex(cache->ReadFrame(i)), i);
    ASSERT_LE(cache->cached_bytes(), budget);
    max_frames = std::max(max_frames, cache->cached_frames());
  }
  EXPECT_EQ(max_frames, 3);
  EXPECT_EQ(cache->hits() + cache->misses(), 300);
  EXPECT_EQ(counting->decodes, cache->misses());
}

TEST(FrameCacheTest, LeastRecentlyUsedFramesAreEvictedFirst) {
  CountingSource* counting;
  auto cache = MakeCache(3 * kFrameBytes, &counting);
  for (const int i : {0, 1, 2, 0, 3}) cache->ReadFrame(i);  // 1 is the least recently used
  EXPECT_TRUE(cache->Contains(0));
  EXPECT_FALSE(cache->Contains(1));
  EXPECT_TRUE(cache->Contains(2));
  EXPECT_TRUE(cache->Contains(3));
  cache->Clear();
  EXPECT_EQ(cache->cached_bytes(), 0);
  EXPECT_EQ(cache->cached_frames(), 0);
}

TEST(FrameCacheTest, FramesLargerThanTheBudgetAreNotCached) {
  CountingSource* counting;
  auto cache = MakeCache(kFrameBytes - 1, &counting);
  cache->ReadFrame(4);
  cache->ReadFrame(4);
  EXPECT_EQ(cache->cached_frames(), 0);
  EXPECT_EQ(counting->decodes, 2);
  auto disabled = MakeCache(0, &counting);
  disabled->ReadFrame(4);
  EXPECT_EQ(disabled->cached_bytes(), 0);
}

TEST(FrameCacheTest, CallersGetCopies) {
  CountingSource* counting;
  auto cache = MakeCache(4 * kFrameBytes, &counting);
  cache->ReadFrame(6).setTo(cv::Scalar(0, 0, 0));
  cv::Mat hit = cache->ReadFrame(6);
  hit.setTo(cv::Scalar(1, 1, 1));
  EXPECT_TRUE(testing::SameFrame(cache->ReadFrame(6), testing::IndexedFrame(6, kWidth, kHeight)));
}

TEST(FrameCacheTest, ErrorsPassThroughAndAreNotCached) {
  CountingSource* counting;
  auto cache = MakeCache(4 * kFrameBytes, &counting);
  EXPECT_THROW(cache->ReadFrame(13), InputError);
  EXPECT_THROW(cache->ReadFrame(13), InputError);
  EXPECT_THROW(cache->ReadFrame(40), InputError);
  EXPECT_EQ(counting->decodes, 2);
  EXPECT_EQ(cache->cached_frames(), 0);
  EXPECT_EQ(cache->frame_count(), 40);
  EXPECT_EQ(cache->path(), "memory.mp4");
}

TEST(FrameCacheTest, NegativeBudgetIsAnInputError) {
  FrameCacheOptions options;
  EXPECT_EQ(options.Check(), "");
  options.max_bytes = -1;
  EXPECT_EQ(options.Check(), "max_bytes = -1 violates max_bytes >= 0");
  EXPECT_THROW(CachedVideoSource(std::make_unique<CountingSource>(), options), InputError);
}

}  // namespace
}  // namespace handprop
