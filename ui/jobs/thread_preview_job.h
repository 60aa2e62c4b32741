// SPDX-License-Identifier: Apache-2.0
// A preview job whose work runs as a function on a QThreadPool worker (QgsTask::run style): short
// spans of propagation and interpolation, where starting a process would cost more than the work.
//
// The work gets a progress callback (fraction in [0, 1], a line of text; callable from the worker)
// and the job's std::atomic<bool> cancel flag, which it should poll between steps; its return
// value becomes Finished(), its exception Failed(what()). The work must own its data (copies,
// its own ProjectStore: one connection per thread) because it may outlive the job object: a job
// destroyed while its work runs sets the cancel flag and drops the outcome, without waiting.
#pragma once

#include <QThreadPool>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/propagate/propagation_job.h"
#include "ui/jobs/preview_job.h"

namespace handprop::ui {

using PreviewProgress = std::function<void(double fraction, const std::string& text)>;
using PreviewWork = std::function<LabelSet(const PreviewProgress& progress, const std::atomic<bool>* cancel)>;

class ThreadPreviewJob : public PreviewJob {
  Q_OBJECT

 public:
  // `pool`: nullptr = QThreadPool::globalInstance(); it must outlive the work.
  ThreadPreviewJob(QString title, PreviewWork work, QThreadPool* pool = nullptr, QObject* parent = nullptr);
  ~ThreadPreviewJob() override;

 protected:
  void Launch() override;
  void RequestCancel() override;

 private:
  struct Shared;
  PreviewWork work_;
  QThreadPool* pool_;
  std::shared_ptr<Shared> shared_;
};

// Interpolation between the human key frames (the fast alternative to propagation) of frames
// first..last (last = -1: to the end) of one video, or of every video with labels (video_id = 0;
// each span clamped to the video). Opens its own read-only ProjectStore in the worker and loads
// `hand_model` ("openhand" or a model file). LabelSet method "interpolation", author
// "job:interpolate". Errors (as Failed): the store's, the model loader's, an unknown video, a bad
// span.
std::unique_ptr<ThreadPreviewJob> MakeInterpolationJob(const std::string& project_path, const std::string& hand_model,
                                                       int64_t video_id, int first, int last);

// ComputePropagationPreview(options) on a worker (options.preview is cleared: nothing is written);
// progress counts videos and their frames. Errors: the options' Check() and the job's errors.
std::unique_ptr<ThreadPreviewJob> MakeSpanPropagationJob(PropagationJobOptions options);

}  // namespace handprop::ui
