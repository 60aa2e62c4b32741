// SPDX-License-Identifier: Apache-2.0
#include "core/io/video/frame_prefetcher.h"

#include <algorithm>
#include <exception>

#include "core/io/video/ffmpeg_video_source.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {
namespace {

// Relative cost of decoding `index` with a source positioned at `position`: the frames decoded
// forward, or a seek (which decodes from the previous key frame) priced above any forward run.
int DecodeCost(int position, int index) {
  if (position >= 0 && index >= position && index - position <= FfmpegVideoSource::kMaxForwardDecode)
    return index - position;
  return FfmpegVideoSource::kMaxForwardDecode + 1;
}

}  // namespace

std::string FramePrefetcherOptions::Check() const {
  HP_OPTION_CHECK_GE(max_bytes, 0);
  HP_OPTION_CHECK_GE(read_ahead, 0);
  return {};
}

FramePrefetcher::FramePrefetcher(const std::string& path, const FramePrefetcherOptions& options,
                                 const VideoSourceOptions& source)
    : path_(path), options_(options) {
  if (const std::string problem = options_.Check(); !problem.empty()) throw InputError(path_ + ": " + problem);
  auto first = OpenVideoSource(path_, source);
  frame_count_ = first->frame_count();
  fps_ = first->fps();
  width_ = first->width();
  height_ = first->height();
  frame_bytes_ = int64_t{width_} * height_ * 3;
  slots_.push_back(std::make_unique<Slot>());
  slots_.back()->source = std::move(first);
  // Room for the current frame beside the read-ahead, so that read-ahead never evicts it.
  const int64_t fitting = frame_bytes_ > 0 ? options_.max_bytes / frame_bytes_ - 1 : 0;
  read_ahead_ = static_cast<int>(std::clamp<int64_t>(fitting, 0, options_.read_ahead));
  if (read_ahead_ > 0) worker_ = std::thread(&FramePrefetcher::Run, this, source);
}

FramePrefetcher::~FramePrefetcher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  if (worker_.joinable()) worker_.join();
}

bool FramePrefetcher::IsCached(int index) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return CachedLocked(index);
}

FramePrefetcher::Stats FramePrefetcher::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stats_;
}

cv::Mat FramePrefetcher::Get(int index) {
  if (index < 0 || index >= frame_count_)
    throw InputError(path_ + ": frame " + std::to_string(index) + " is out of range (the video has " +
                     std::to_string(frame_count_) + " frames: 0-" + std::to_string(frame_count_ - 1) + ")");
  std::unique_lock<std::mutex> lock(mutex_);
  const int step = last_index_ < 0 ? 1 : index - last_index_;
  const int near = std::max(1, read_ahead_);
  if (step > 0 && step <= near) {
    direction_ = 1;
  } else if (step < 0 && -step <= near) {
    direction_ = -1;
  } else if (step != 0) {  // a random seek
    direction_ = 1;
    ++generation_;
    queue_.clear();
  }
  last_index_ = index;
  if (!CachedLocked(index)) {
    ++stats_.misses;
    changed_.wait(lock, [&] { return CachedLocked(index) || (in_flight_ != index && !QueuedLocked(index)); });
  } else {
    ++stats_.hits;
  }
  cv::Mat frame;
  if (const auto it = where_.find(index); it != where_.end()) {
    lru_.splice(lru_.begin(), lru_, it->second);
    frame = it->second->second;
  } else {
    frame = DecodeUnlocked(lock, AcquireLocked(lock, index), index);
    if (!CachedLocked(index)) InsertLocked(index, frame);
  }
  PlanLocked(index, direction_);
  lock.unlock();
  changed_.notify_all();
  return frame;
}

void FramePrefetcher::Run(const VideoSourceOptions& source_options) {
  try {
    auto own = std::make_unique<Slot>();
    own->source = OpenVideoSource(path_, source_options);
    std::lock_guard<std::mutex> lock(mutex_);
    slots_.push_back(std::move(own));
  } catch (const std::exception&) {
    // Read ahead with the first source while the client does not use it.
  }
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    changed_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (stop_) return;
    const int index = queue_.front();
    queue_.pop_front();
    if (CachedLocked(index)) continue;
    in_flight_ = index;
    const int64_t generation = generation_;
    Slot* slot = AcquireLocked(lock, index);
    if (stop_) {
      slot->busy = false;
      return;
    }
    cv::Mat frame;
    try {
      frame = DecodeUnlocked(lock, slot, index);
    } catch (const std::exception&) {
      // Get of this frame decodes it again and reports the error.
    }
    in_flight_ = -1;
    if (!frame.empty() && (generation == generation_ || index == last_index_) && !CachedLocked(index)) {
      InsertLocked(index, frame);
      ++stats_.decoded_ahead;
    }
    lock.unlock();
    changed_.notify_all();
    lock.lock();
  }
}

FramePrefetcher::Slot* FramePrefetcher::AcquireLocked(std::unique_lock<std::mutex>& lock, int index) {
  while (true) {
    Slot* best = nullptr;
    for (const auto& slot : slots_) {
      if (slot->busy) continue;
      if (best == nullptr || DecodeCost(slot->position, index) < DecodeCost(best->position, index)) best = slot.get();
    }
    if (best != nullptr) {
      best->busy = true;
      return best;
    }
    changed_.wait(lock);
  }
}

cv::Mat FramePrefetcher::DecodeUnlocked(std::unique_lock<std::mutex>& lock, Slot* slot, int index) {
  lock.unlock();
  cv::Mat frame;
  std::exception_ptr error;
  try {
    frame = slot->source->ReadFrame(index);
  } catch (...) {
    error = std::current_exception();
  }
  lock.lock();
  slot->position = error ? -1 : index + 1;
  slot->busy = false;
  changed_.notify_all();
  if (error) std::rethrow_exception(error);
  return frame;
}

bool FramePrefetcher::QueuedLocked(int index) const {
  return std::find(queue_.begin(), queue_.end(), index) != queue_.end();
}

void FramePrefetcher::InsertLocked(int index, const cv::Mat& frame) {
  const int64_t bytes = static_cast<int64_t>(frame.total() * frame.elemSize());
  if (bytes > options_.max_bytes) return;
  while (stats_.cached_bytes + bytes > options_.max_bytes) {
    const cv::Mat& old = lru_.back().second;
    stats_.cached_bytes -= static_cast<int64_t>(old.total() * old.elemSize());
    where_.erase(lru_.back().first);
    lru_.pop_back();
  }
  lru_.emplace_front(index, frame);
  where_[index] = lru_.begin();
  stats_.cached_bytes += bytes;
}

void FramePrefetcher::PlanLocked(int index, int direction) {
  queue_.clear();
  if (read_ahead_ == 0) return;
  const auto wanted = [&](int frame) { return !CachedLocked(frame) && frame != in_flight_; };
  if (direction > 0) {
    for (int frame = index + 1; frame <= std::min(frame_count_ - 1, index + read_ahead_); ++frame)
      if (wanted(frame)) queue_.push_back(frame);
    return;
  }
  // Backward: extend the cached run below `index` by one ascending run once it gets short.
  int low = index;
  while (low > 0 && !wanted(low - 1)) --low;
  if (index - low > read_ahead_ / 2) return;
  for (int frame = std::max(0, low - read_ahead_); frame < low; ++frame)
    if (wanted(frame)) queue_.push_back(frame);
}

}  // namespace handprop
