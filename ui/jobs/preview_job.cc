// SPDX-License-Identifier: Apache-2.0
#include "ui/jobs/preview_job.h"

#include <QStringList>
#include <algorithm>
#include <cmath>
#include <limits>

namespace handprop::ui {
namespace {
constexpr std::chrono::milliseconds kProgressInterval(100);  // ~10 Hz
}  // namespace

PreviewJob::PreviewJob(QString title, QObject* parent) : QObject(parent), title_(std::move(title)) {
  qRegisterMetaType<std::shared_ptr<const LabelSet>>();
}

PreviewJob::~PreviewJob() = default;

void PreviewJob::Start() {
  if (state_ != State::kQueued) return;
  state_ = State::kRunning;
  Launch();
}

void PreviewJob::Cancel() {
  if (state_ == State::kQueued) {
    cancel_requested_ = true;
    ConfirmCancelled();
    return;
  }
  if (state_ != State::kRunning || cancel_requested_) return;
  cancel_requested_ = true;
  RequestCancel();
}

double PreviewJob::Fraction() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return fraction_;
}

double PreviewJob::EtaSeconds() const {
  std::lock_guard<std::mutex> lock(mutex_);
  const double gained = fraction_ - first_fraction_;
  if (reports_ < 2 || !(gained > 0.0)) return std::numeric_limits<double>::infinity();
  const double elapsed = std::chrono::duration<double>(last_time_ - first_time_).count();
  return (1.0 - fraction_) * elapsed / gained;
}

void PreviewJob::ReportProgress(double fraction, const QString& text) {
  fraction = std::isfinite(fraction) ? std::clamp(fraction, 0.0, 1.0) : 0.0;
  const Clock::time_point now = Clock::now();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (reports_ == 0) {
      first_time_ = now;
      first_fraction_ = fraction;
    }
    ++reports_;
    last_time_ = now;
    fraction_ = fraction;
    const bool due = reports_ == 1 || fraction >= 1.0 || now - last_emit_ >= kProgressInterval;
    if (!due) return;
    last_emit_ = now;
  }
  // Queued even from the GUI thread, so that listeners never run inside the work's callback.
  QMetaObject::invokeMethod(
      this, [this, fraction, text] { EmitProgress(fraction, text); }, Qt::QueuedConnection);
}

void PreviewJob::EmitProgress(double fraction, const QString& text) {
  if (state_ != State::kRunning || cancel_requested_) return;
  Q_EMIT Progress(fraction, text);
}

bool PreviewJob::Terminate(State state) {
  if (state_ == State::kFinished || state_ == State::kFailed || state_ == State::kCancelled) return false;
  state_ = state;
  return true;
}

void PreviewJob::Succeed(std::shared_ptr<const LabelSet> labels) {
  if (cancel_requested_) return ConfirmCancelled();
  if (Terminate(State::kFinished)) Q_EMIT Finished(std::move(labels));
}

void PreviewJob::Fail(const QString& message) {
  if (cancel_requested_) return ConfirmCancelled();
  if (Terminate(State::kFailed)) Q_EMIT Failed(OneLine(message, QStringLiteral("%1: failed").arg(title_)));
}

void PreviewJob::ConfirmCancelled() {
  if (Terminate(State::kCancelled)) Q_EMIT Cancelled();
}

QString FormatEta(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0.0 || seconds > 1e7) return QStringLiteral("--:--");
  const long total = std::lround(seconds);
  const long h = total / 3600, m = (total / 60) % 60, s = total % 60;
  if (h > 0) return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QString OneLine(const QString& message, const QString& fallback) {
  const QString line = message.section(QLatin1Char('\n'), 0, 0).trimmed();
  return line.isEmpty() ? fallback : line;
}

}  // namespace handprop::ui
