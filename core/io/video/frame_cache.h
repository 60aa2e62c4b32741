// SPDX-License-Identifier: Apache-2.0
// A decode cache in front of any VideoSource: the most recently used frames are kept, and the
// total bytes of the cached frames (rows * cols * channels) never exceed options.max_bytes.
// A frame larger than the budget is returned but not cached; a budget of 0 disables caching.
// ReadFrame returns a deep copy, so callers may draw on the frame without changing the cache.
// Errors of the wrapped source pass through unchanged and are not cached.
// Not thread-safe: one CachedVideoSource per thread, like every VideoSource.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <unordered_map>
#include <utility>

#include "core/io/video/video_source.h"

namespace handprop {

struct FrameCacheOptions {
  // Upper bound on the bytes of cached frames (default 256 MiB, ~43 frames of 1080p BGR). >= 0.
  int64_t max_bytes = int64_t{256} << 20;

  std::string Check() const;
};

class CachedVideoSource final : public VideoSource {
 public:
  // Throws InputError "<path>: <violated constraint>" when options fail Check().
  explicit CachedVideoSource(std::unique_ptr<VideoSource> source, const FrameCacheOptions& options = {});

  const std::string& path() const override { return source_->path(); }
  int frame_count() const override { return source_->frame_count(); }
  double fps() const override { return source_->fps(); }
  int width() const override { return source_->width(); }
  int height() const override { return source_->height(); }
  cv::Mat ReadFrame(int index) override;

  int64_t hits() const { return hits_; }
  int64_t misses() const { return misses_; }
  int64_t cached_bytes() const { return cached_bytes_; }
  int cached_frames() const { return static_cast<int>(lru_.size()); }
  bool Contains(int index) const { return where_.count(index) != 0; }
  // Drops every cached frame (the counters are kept).
  void Clear();
  VideoSource& source() { return *source_; }

 private:
  using Entry = std::pair<int, cv::Mat>;

  std::unique_ptr<VideoSource> source_;
  FrameCacheOptions options_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<int, std::list<Entry>::iterator> where_;
  int64_t cached_bytes_ = 0;
  int64_t hits_ = 0;
  int64_t misses_ = 0;
};

}  // namespace handprop
