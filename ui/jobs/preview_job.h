// SPDX-License-Identifier: Apache-2.0
// A background job that computes a preview of machine labels (propagation or interpolation) for
// the annotation workspace, after QGIS's QgsTask (style.md §2.4, rule 13). The job never touches
// the project's labels: it hands a LabelSet to the GUI, which applies it as one undoable step.
//
//   auto job = MakeInterpolationJob(project, "openhand", video, 0, -1);
//   connect(job.get(), &PreviewJob::Finished, this, &Window::ShowPreview);
//   job->Start();
//
// Threads: create, Start() and Cancel() on the GUI thread (the thread the job lives in).
// Progress(), Finished(), Failed() and Cancelled() are always emitted on that thread; exactly one
// of the last three is emitted per job, once. Progress() is throttled to about 10 Hz (the last
// report of a job is never dropped) and is not emitted after Cancel(). ReportProgress() may be
// called from any thread.
// Failure behaviour: every error of the work (InputError, RuntimeError, any std::exception, a
// crashed or failing worker process) becomes Failed(one line); nothing is thrown to the caller.
// A job whose Cancel() was called ends with Cancelled(), whatever its work then returned.
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <chrono>
#include <memory>
#include <mutex>

#include "core/propagate/label_set_file.h"

namespace handprop::ui {

class PreviewJob : public QObject {
  Q_OBJECT

 public:
  enum class State { kQueued, kRunning, kFinished, kFailed, kCancelled };

  explicit PreviewJob(QString title, QObject* parent = nullptr);
  ~PreviewJob() override;

  // Starts the work; only from kQueued (later calls are ignored).
  void Start();
  // Asks the work to stop. A queued job emits Cancelled() at once; a running one when its work has
  // stopped (a thread job at its next cancel check, a process after SIGTERM, or SIGKILL 3 s later).
  void Cancel();

  QString Title() const { return title_; }
  State state() const { return state_; }
  bool IsCancelRequested() const { return cancel_requested_; }
  // The last reported fraction in [0, 1].
  double Fraction() const;
  // Seconds left at the rate observed between the first and the latest progress report;
  // +infinity until two reports with increasing fractions have arrived.
  double EtaSeconds() const;

  // Thread-safe; fraction is clamped to [0, 1]. Used by subclasses and their worker functions.
  void ReportProgress(double fraction, const QString& text);

 Q_SIGNALS:
  void Progress(double fraction, QString text);
  void Finished(std::shared_ptr<const handprop::LabelSet> labels);
  void Failed(QString message);
  void Cancelled();

 protected:
  // Subclasses start their work here (GUI thread) and stop it in RequestCancel().
  virtual void Launch() = 0;
  virtual void RequestCancel() = 0;
  // The work's outcome, reported on the GUI thread by subclasses; only the first counts.
  // After Cancel() all three emit Cancelled().
  void Succeed(std::shared_ptr<const LabelSet> labels);
  void Fail(const QString& message);
  void ConfirmCancelled();

 private:
  bool Terminate(State state);
  void EmitProgress(double fraction, const QString& text);

  const QString title_;
  State state_ = State::kQueued;
  bool cancel_requested_ = false;

  // Written from any thread (ReportProgress).
  mutable std::mutex mutex_;
  using Clock = std::chrono::steady_clock;
  int reports_ = 0;
  double first_fraction_ = 0.0, fraction_ = 0.0;
  Clock::time_point first_time_, last_time_, last_emit_;
};

// "1:15", "1:02:05"; "--:--" for an unknown (infinite, NaN or negative) time.
QString FormatEta(double seconds);

// The first line of `message` without trailing blanks, or `fallback` when that is empty.
QString OneLine(const QString& message, const QString& fallback);

}  // namespace handprop::ui

Q_DECLARE_METATYPE(std::shared_ptr<const handprop::LabelSet>)
