// SPDX-License-Identifier: Apache-2.0
// Decodes video frames for the studio on one worker thread, so that a slow seek (an H.264 seek
// decodes from the previous key frame: up to 250 frames, about a second at 1080p) never freezes
// the window. The worker is the only thread that calls FramePrefetcher::Get (its contract).
//
// Request() hands the worker the frame and waits up to `wait` for it: cached and read-ahead
// frames (stepping, playing) come back at once and are shown in the same call; a frame that
// takes longer is delivered later through FrameReady on the GUI thread. A newer request replaces
// an older one that has not started, so dragging along the timeline decodes only where the mouse
// is when the worker is free.
//
// Threads: Request and Take from the GUI thread only; FrameReady is queued to the loader's thread.
#pragma once

#include <QObject>
#include <QString>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <opencv2/core/mat.hpp>
#include <optional>
#include <thread>

#include "core/io/video/frame_prefetcher.h"

namespace handprop::ui {

class AsyncFrameLoader : public QObject {
  Q_OBJECT

 public:
  struct Result {
    int64_t video_id = 0;
    int frame = 0;
    cv::Mat bgr;     // read-only (shared with the prefetcher's cache); empty on error
    QString error;   // the decoder's one-line message
  };

  explicit AsyncFrameLoader(QObject* parent = nullptr);
  ~AsyncFrameLoader() override;  // finishes the frame being decoded, then joins

  // The result when the frame is decoded within `wait`, else nothing (FrameReady follows).
  std::optional<Result> Request(std::shared_ptr<FramePrefetcher> prefetcher, int64_t video_id, int frame,
                                std::chrono::milliseconds wait);
  // The latest delivered result (after FrameReady), once.
  std::optional<Result> Take();

 Q_SIGNALS:
  void FrameReady(qint64 video_id, int frame);

 private:
  struct Job {
    std::shared_ptr<FramePrefetcher> prefetcher;
    int64_t video_id = 0;
    int frame = 0;
    uint64_t serial = 0;
  };
  void Run();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<Job> pending_;
  std::optional<Result> done_;
  uint64_t done_serial_ = 0;
  uint64_t next_serial_ = 0;
  uint64_t waited_serial_ = 0;  // the request a Request() call is waiting for, 0 when none
  bool stop_ = false;
  std::thread worker_;
};

}  // namespace handprop::ui
