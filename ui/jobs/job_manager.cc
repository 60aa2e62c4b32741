// SPDX-License-Identifier: Apache-2.0
#include "ui/jobs/job_manager.h"

#include "core/util/error.h"

namespace handprop::ui {

JobManager::JobManager(QObject* parent) : QObject(parent) {}

JobManager::~JobManager() {
  for (auto& [id, job] : queue_) job->disconnect(this);
  queue_.clear();
  if (current_) {
    current_->disconnect(this);
    current_->Cancel();
  }
}

int JobManager::Add(std::unique_ptr<PreviewJob> job) {
  HP_CHECK(job != nullptr && job->state() == PreviewJob::State::kQueued, "only a new job can be queued");
  const int id = next_id_++;
  queue_.emplace_back(id, std::move(job));
  if (current_) {
    Q_EMIT QueueChanged(QueuedCount());
  } else {
    StartNext();
  }
  return id;
}

void JobManager::StartNext() {
  if (current_) return;
  if (queue_.empty()) {
    Q_EMIT Idle();
    return;
  }
  current_id_ = queue_.front().first;
  current_ = std::move(queue_.front().second);
  queue_.pop_front();
  Q_EMIT QueueChanged(QueuedCount());
  PreviewJob* job = current_.get();
  const int id = current_id_;
  connect(job, &PreviewJob::Progress, this,
          [this, id](double f, const QString& text) { Q_EMIT JobProgress(id, f, text); });
  connect(job, &PreviewJob::Finished, this, [this, id](std::shared_ptr<const LabelSet> labels) {
    Q_EMIT JobFinished(id, std::move(labels));
    Retire();
  });
  connect(job, &PreviewJob::Failed, this, [this, id](const QString& message) {
    Q_EMIT JobFailed(id, message);
    Retire();
  });
  connect(job, &PreviewJob::Cancelled, this, [this, id] {
    Q_EMIT JobCancelled(id);
    Retire();
  });
  Q_EMIT JobStarted(id, job);
  job->Start();  // may end the job at once (Retire() then starts the next)
}

// Called from the running job's terminal signal: the job dies later, outside its own emission.
void JobManager::Retire() {
  if (!current_) return;
  current_->disconnect(this);
  current_.release()->deleteLater();
  current_id_ = 0;
  StartNext();
}

void JobManager::CancelCurrent() {
  if (current_) current_->Cancel();
}

void JobManager::CancelAll() {
  std::deque<std::pair<int, std::unique_ptr<PreviewJob>>> dropped;
  dropped.swap(queue_);
  if (!dropped.empty()) Q_EMIT QueueChanged(0);
  for (auto& [id, job] : dropped) Q_EMIT JobCancelled(id);
  if (current_) {
    current_->Cancel();
  } else {
    Q_EMIT Idle();
  }
}

}  // namespace handprop::ui
