// SPDX-License-Identifier: Apache-2.0
#include "ui/studio/async_frame_loader.h"

#include <exception>

namespace handprop::ui {

AsyncFrameLoader::AsyncFrameLoader(QObject* parent) : QObject(parent), worker_([this] { Run(); }) {}

AsyncFrameLoader::~AsyncFrameLoader() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    pending_.reset();
  }
  changed_.notify_all();
  worker_.join();
}

std::optional<AsyncFrameLoader::Result> AsyncFrameLoader::Request(std::shared_ptr<FramePrefetcher> prefetcher,
                                                                  int64_t video_id, int frame,
                                                                  std::chrono::milliseconds wait) {
  std::unique_lock<std::mutex> lock(mutex_);
  const uint64_t serial = ++next_serial_;
  pending_ = Job{std::move(prefetcher), video_id, frame, serial};
  waited_serial_ = serial;
  changed_.notify_all();
  const bool ready = changed_.wait_for(lock, wait, [&] { return done_serial_ == serial; });
  waited_serial_ = 0;
  if (!ready) return std::nullopt;  // the worker will emit FrameReady for it
  std::optional<Result> result = std::move(done_);
  done_.reset();
  return result;
}

std::optional<AsyncFrameLoader::Result> AsyncFrameLoader::Take() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::optional<Result> result = std::move(done_);
  done_.reset();
  return result;
}

void AsyncFrameLoader::Run() {
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || pending_.has_value(); });
      if (stop_) return;
      job = std::move(*pending_);
      pending_.reset();
    }
    Result result;
    result.video_id = job.video_id;
    result.frame = job.frame;
    try {
      result.bgr = job.prefetcher->Get(job.frame);
    } catch (const std::exception& e) {
      result.error = QString::fromStdString(e.what());
    }
    bool deliver_later = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (job.serial != next_serial_) continue;  // superseded while decoding: nobody wants it
      done_ = std::move(result);
      done_serial_ = job.serial;
      deliver_later = waited_serial_ != job.serial;
    }
    changed_.notify_all();
    if (deliver_later) Q_EMIT FrameReady(job.video_id, job.frame);  // queued to the GUI thread
  }
}

}  // namespace handprop::ui
