// SPDX-License-Identifier: Apache-2.0
// The owner of the workspace's preview jobs (QgsTaskManager style): one job runs at a time, the
// others wait in a FIFO queue; each job gets an id (1, 2, ...). The manager relays the running
// job's outcome with its id and then starts the next job. A finished job is deleted later
// (deleteLater), so listeners may use the job pointer inside the relayed signals.
// Threads: GUI thread only. Destroying the manager cancels everything (without waiting for
// thread work, which then runs to its next cancel check and is dropped).
#pragma once

#include <QObject>
#include <QString>
#include <deque>
#include <memory>
#include <utility>

#include "ui/jobs/preview_job.h"

namespace handprop::ui {

class JobManager : public QObject {
  Q_OBJECT

 public:
  explicit JobManager(QObject* parent = nullptr);
  ~JobManager() override;

  // Takes the job (state kQueued) and starts it now if nothing runs. Returns its id.
  int Add(std::unique_ptr<PreviewJob> job);
  // The running job and its id, or nullptr / 0.
  PreviewJob* Current() const { return current_.get(); }
  int CurrentId() const { return current_id_; }
  int QueuedCount() const { return static_cast<int>(queue_.size()); }
  bool IsBusy() const { return current_ != nullptr; }

  // Cancels the running job (the queue then goes on).
  void CancelCurrent();
  // Drops the queue (each queued job reports JobCancelled) and cancels the running job.
  void CancelAll();

 Q_SIGNALS:
  void JobStarted(int id, handprop::ui::PreviewJob* job);
  void JobProgress(int id, double fraction, QString text);
  void JobFinished(int id, std::shared_ptr<const handprop::LabelSet> labels);
  void JobFailed(int id, QString message);
  void JobCancelled(int id);
  void QueueChanged(int queued);
  // Nothing runs and nothing is queued.
  void Idle();

 private:
  void StartNext();
  void Retire();

  std::unique_ptr<PreviewJob> current_;
  int current_id_ = 0;
  std::deque<std::pair<int, std::unique_ptr<PreviewJob>>> queue_;
  int next_id_ = 1;
};

}  // namespace handprop::ui
