// SPDX-License-Identifier: Apache-2.0
// The jobs dock's contents, bound to a JobManager: the running job's title, a progress bar, the
// remaining time ("ETA 0:42"), the number of queued jobs, a Cancel button for the running job
// and the last failure ("<title> failed: <one line>", kept until another job fails). The panel
// only shows state; the window applies previews from JobManager::JobFinished.
// Threads: GUI thread only. The manager must outlive the panel or be its ancestor.
#pragma once

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QWidget>

#include "ui/jobs/job_manager.h"

namespace handprop::ui {

class JobPanel : public QWidget {
  Q_OBJECT

 public:
  explicit JobPanel(JobManager* manager, QWidget* parent = nullptr);

  // For tests and the window's status bar.
  QString TitleText() const { return title_->text(); }
  QString EtaText() const { return eta_->text(); }
  QString ErrorText() const { return error_->text(); }
  QString QueueText() const { return queue_->text(); }
  int ProgressPermille() const { return bar_->value(); }
  QPushButton* cancel_button() const { return cancel_; }

 private:
  void OnStarted(int id, PreviewJob* job);
  void OnProgress(int id, double fraction, const QString& text);
  void OnEnded(const QString& status);
  void OnQueueChanged(int queued);

  JobManager* manager_;
  QLabel* title_;
  QProgressBar* bar_;
  QLabel* eta_;
  QLabel* queue_;
  QPushButton* cancel_;
  QLabel* error_;
  QString running_title_;
};

}  // namespace handprop::ui
