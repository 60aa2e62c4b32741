// SPDX-License-Identifier: Apache-2.0
#include "ui/jobs/job_panel.h"

#include <QHBoxLayout>
#include <QVBoxLayout>
#include <cmath>

namespace handprop::ui {
namespace {
constexpr int kBarSteps = 1000;
}  // namespace

JobPanel::JobPanel(JobManager* manager, QWidget* parent)
    : QWidget(parent),
      manager_(manager),
      title_(new QLabel(tr("No job running"), this)),
      bar_(new QProgressBar(this)),
      eta_(new QLabel(this)),
      queue_(new QLabel(this)),
      cancel_(new QPushButton(tr("Cancel"), this)),
      error_(new QLabel(this)) {
  bar_->setRange(0, kBarSteps);
  bar_->setValue(0);
  bar_->setTextVisible(true);
  cancel_->setEnabled(false);
  cancel_->setToolTip(tr("Stop the running job; its preview is discarded"));
  error_->setWordWrap(true);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  error_->setStyleSheet(QStringLiteral("color: #c0392b;"));

  auto* row = new QHBoxLayout;
  row->addWidget(bar_, 1);
  row->addWidget(eta_);
  row->addWidget(cancel_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(title_);
  layout->addLayout(row);
  layout->addWidget(queue_);
  layout->addWidget(error_);
  layout->addStretch(1);

  connect(cancel_, &QPushButton::clicked, manager_, &JobManager::CancelCurrent);
  connect(manager_, &JobManager::JobStarted, this, &JobPanel::OnStarted);
  connect(manager_, &JobManager::JobProgress, this, &JobPanel::OnProgress);
  connect(manager_, &JobManager::JobFinished, this, [this] { OnEnded(tr("Preview ready")); });
  connect(manager_, &JobManager::JobFailed, this, [this](int, const QString& message) {
    error_->setText(tr("%1 failed: %2").arg(running_title_, message));
    OnEnded(tr("Failed"));
  });
  connect(manager_, &JobManager::JobCancelled, this, [this] { OnEnded(tr("Cancelled")); });
  connect(manager_, &JobManager::QueueChanged, this, &JobPanel::OnQueueChanged);
}

void JobPanel::OnStarted(int, PreviewJob* job) {
  running_title_ = job->Title();
  title_->setText(running_title_);
  bar_->setValue(0);
  bar_->setFormat(QStringLiteral("%p%"));
  eta_->setText(QStringLiteral("ETA %1").arg(FormatEta(job->EtaSeconds())));
  cancel_->setEnabled(true);
}

void JobPanel::OnProgress(int, double fraction, const QString& text) {
  bar_->setValue(static_cast<int>(std::lround(fraction * kBarSteps)));
  bar_->setFormat(text.isEmpty() ? QStringLiteral("%p%") : text + QStringLiteral("  (%p%)"));
  const PreviewJob* job = manager_->Current();
  eta_->setText(QStringLiteral("ETA %1").arg(FormatEta(job != nullptr ? job->EtaSeconds() : -1.0)));
}

// A job ended (the manager may start the next one right after, calling OnStarted).
void JobPanel::OnEnded(const QString& status) {
  title_->setText(status);
  eta_->clear();
  bar_->setFormat(QStringLiteral("%p%"));
  cancel_->setEnabled(false);
}

void JobPanel::OnQueueChanged(int queued) {
  queue_->setText(queued > 0 ? tr("%n job(s) queued", nullptr, queued) : QString());
}

}  // namespace handprop::ui
