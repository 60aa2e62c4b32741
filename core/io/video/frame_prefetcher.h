// SPDX-License-Identifier: Apache-2.0
// Smooth frame stepping for the GUI: a byte-bounded frame cache that a background thread fills
// ahead of the user, in the direction of travel (docs/video.md, "Stepping in the GUI").
//
// Get(i) returns at once when frame i is cached. Otherwise it waits for the background thread
// when that thread is decoding i or has it queued (its decoder is then positioned for it), and
// decodes i on the caller's thread in every other case. After each Get the read-ahead is planned:
//  - forward (i after the previous frame, at most read_ahead ahead; also the first Get and any
//    random seek): the missing frames of i+1 .. i+read_ahead, in ascending order;
//  - backward (i before the previous frame, at most read_ahead back): once fewer than
//    read_ahead/2 frames below i are cached, the read_ahead frames below the cached run, decoded
//    in ascending order (one seek per run instead of one per frame: an H.264 seek decodes from the
//    previous key frame, up to 250 frames for files written by OpenCV).
// A random seek (any other jump) cancels the queued read-ahead; a frame being decoded at that
// moment is finished and dropped (kept when it is the frame the seek asked for). The read-ahead
// never queues more frames than the budget holds beside the current one.
//
// Two sources are opened on the same path: one when constructing, one by the background thread.
// Whoever decodes takes the free source whose position is cheapest for the frame (FFmpeg sources
// decode forward without seeking up to 32 frames), so a seek done on the caller's thread leaves
// its decoder in place for the read-ahead that follows.
//
// Memory: the cached frames (rows * cols * 3 bytes each) never exceed max_bytes; least recently
// used frames are evicted first. Frames returned by Get and frames being decoded (at most two)
// are outside that budget.
//
// Frames returned by Get SHARE their pixels with the cache: treat them as read-only (clone()
// before drawing on one). Cached frames are never written after insertion, so a returned frame
// stays valid and unchanged after its eviction.
//
// Errors: the constructor throws InputError as OpenVideoSource does; Get throws InputError for an
// index out of range and for a frame that cannot be decoded (the messages of ReadFrame, naming the
// file first). The background thread swallows its errors (the frame stays uncached, and Get of it
// decodes again and reports the error); if it cannot open its own source it decodes with the
// first one when that is free.
//
// Threads: Get from ONE client thread (the GUI thread); IsCached, stats and the accessors from any
// thread. The destructor stops the background thread and joins it (after the frame it is
// decoding, if any).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <opencv2/core/mat.hpp>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/io/video/video_source.h"

namespace handprop {

struct FramePrefetcherOptions {
  // Upper bound on the bytes of cached frames (decoded BGR; 384 MiB = 64 frames of 1080p). >= 0.
  int64_t max_bytes = int64_t{384} << 20;
  // Frames decoded ahead in the direction of travel; 0 disables the read-ahead. >= 0.
  int read_ahead = 12;

  std::string Check() const;
};

class FramePrefetcher {
 public:
  // Throws InputError as OpenVideoSource does, and "<path>: <violated constraint>" for options
  // failing Check().
  explicit FramePrefetcher(const std::string& path, const FramePrefetcherOptions& options = {},
                           const VideoSourceOptions& source = {});
  ~FramePrefetcher();
  FramePrefetcher(const FramePrefetcher&) = delete;
  FramePrefetcher& operator=(const FramePrefetcher&) = delete;

  int frame_count() const { return frame_count_; }
  double fps() const { return fps_; }
  int width() const { return width_; }
  int height() const { return height_; }
  const std::string& path() const { return path_; }

  // Frame `index` as CV_8UC3 BGR, shared with the cache (read-only, see above). One client thread.
  cv::Mat Get(int index);
  bool IsCached(int index) const;

  struct Stats {
    int64_t hits = 0;           // Get served from the cache at once
    int64_t misses = 0;         // Get that decoded, or waited for the background thread
    int64_t decoded_ahead = 0;  // frames the background thread decoded and cached
    int64_t cached_bytes = 0;   // bytes of the cached frames now
  };
  Stats stats() const;

 private:
  struct Slot {
    std::unique_ptr<VideoSource> source;
    int position = 0;  // the frame it decodes next without seeking; -1 unknown
    bool busy = false;
  };
  using Entry = std::pair<int, cv::Mat>;

  void Run(const VideoSourceOptions& source_options);
  // The free slot cheapest for `index`, marked busy; waits while none is free.
  Slot* AcquireLocked(std::unique_lock<std::mutex>& lock, int index);
  // Decodes `index` with `slot` with the lock released; frees the slot. Rethrows the source's error.
  cv::Mat DecodeUnlocked(std::unique_lock<std::mutex>& lock, Slot* slot, int index);
  bool CachedLocked(int index) const { return where_.count(index) != 0; }
  bool QueuedLocked(int index) const;
  void InsertLocked(int index, const cv::Mat& frame);
  void PlanLocked(int index, int direction);

  const std::string path_;
  FramePrefetcherOptions options_;
  int frame_count_ = 0;
  double fps_ = 0.0;
  int width_ = 0;
  int height_ = 0;
  int64_t frame_bytes_ = 0;
  int read_ahead_ = 0;  // options_.read_ahead limited by the budget

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<int, std::list<Entry>::iterator> where_;
  std::deque<int> queue_;  // read-ahead frames, in decode order
  int in_flight_ = -1;     // the frame the background thread decodes now
  int64_t generation_ = 0;  // bumped by a random seek: drops the frame in flight
  int last_index_ = -1;     // the previous Get (client thread only)
  int direction_ = 1;       // client thread only
  bool stop_ = false;
  Stats stats_;
  std::thread worker_;
};

}  // namespace handprop
