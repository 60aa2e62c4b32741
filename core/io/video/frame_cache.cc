// SPDX-License-Identifier: Apache-2.0
#include "core/io/video/frame_cache.h"

#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {
namespace {

int64_t FrameBytes(const cv::Mat& frame) { return static_cast<int64_t>(frame.total() * frame.elemSize()); }

}  // namespace

std::string FrameCacheOptions::Check() const {
  HP_OPTION_CHECK_GE(max_bytes, 0);
  return {};
}

CachedVideoSource::CachedVideoSource(std::unique_ptr<VideoSource> source, const FrameCacheOptions& options)
    : source_(std::move(source)), options_(options) {
  HP_CHECK(source_ != nullptr, "CachedVideoSource needs a source");
  if (const std::string problem = options_.Check(); !problem.empty()) throw InputError(source_->path() + ": " + problem);
}

cv::Mat CachedVideoSource::ReadFrame(int index) {
  CheckFrameIndex(index);
  if (const auto it = where_.find(index); it != where_.end()) {
    ++hits_;
    lru_.splice(lru_.begin(), lru_, it->second);
    return it->second->second.clone();
  }
  ++misses_;
  cv::Mat frame = source_->ReadFrame(index);
  const int64_t bytes = FrameBytes(frame);
  if (bytes > options_.max_bytes) return frame;
  while (cached_bytes_ + bytes > options_.max_bytes) {
    cached_bytes_ -= FrameBytes(lru_.back().second);
    where_.erase(lru_.back().first);
    lru_.pop_back();
  }
  lru_.emplace_front(index, frame.clone());
  where_[index] = lru_.begin();
  cached_bytes_ += bytes;
  return frame;
}

void CachedVideoSource::Clear() {
  lru_.clear();
  where_.clear();
  cached_bytes_ = 0;
}

}  // namespace handprop
