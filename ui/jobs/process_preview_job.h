// SPDX-License-Identifier: Apache-2.0
// A preview job that runs the `handprop` program as a worker process (whole videos, everything):
// a crash or an out-of-memory kill of the work cannot take the annotation session with it.
//
// Runs `<program> <arguments> --preview <temp>/preview.json [--progress-json]`, where the temp
// folder is a QTemporaryDir owned by the job (removed with it). Progress comes from the JSON lines
// on stdout ({"event":"progress","video":v,"videos":n,"done":d,"frames":f,...}, v counted from 1);
// other stdout lines are ignored. Exit code 0: the preview file is read (ReadLabelSet) and becomes
// Finished(), unless a {"event":"done","cancelled":true} line said the worker was interrupted by
// someone else (its preview is partial: Failed()). Otherwise Failed() with the last line of
// stderr, less its "handprop <command>: " prefix (the CLI's errors name the file or flag first),
// or a description of the exit. Cancel() sends SIGTERM (the CLI stops between steps), then
// SIGKILL after 3 s, and removes the preview file. Destroying a running job kills the process and
// waits for it.
// Threads: everything runs on the GUI thread's event loop (QProcess signals).
#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdint>
#include <memory>
#include <string>

#include "ui/jobs/preview_job.h"

namespace handprop::ui {

class ProcessPreviewJob : public PreviewJob {
  Q_OBJECT

 public:
  // `arguments`: the subcommand and its flags without --preview / --progress-json.
  // `program`: empty = DefaultCliPath().
  ProcessPreviewJob(QString title, QStringList arguments, QString program = {}, bool progress_json = true,
                    QObject* parent = nullptr);
  ~ProcessPreviewJob() override;

  // `handprop` next to the running executable (QCoreApplication::applicationDirPath()).
  static QString DefaultCliPath();

  // The full command line of the process (valid once constructed).
  QString program() const { return program_; }
  QStringList FullArguments() const;
  QString PreviewPath() const;

 protected:
  void Launch() override;
  void RequestCancel() override;

 private:
  void ReadStdout();
  void ReadStderr();
  void ParseLine(const QByteArray& line);
  void OnFinished(int exit_code, QProcess::ExitStatus status);
  void OnError(QProcess::ProcessError error);

  QStringList arguments_;
  QString program_;
  bool progress_json_;
  QTemporaryDir temp_;
  QProcess process_;
  QTimer kill_timer_;
  QByteArray stdout_buffer_, stderr_buffer_;
  QString last_error_line_;
  bool interrupted_ = false;  // a {"event":"done","cancelled":true} line without our Cancel()
};

// `propagate --project P --model M [--video ID] [--frames a:b]` for a PropagationJob-like request
// (video_id 0 = every video; last = -1 = to the end).
QStringList PropagationArguments(const std::string& project, const std::string& model, int64_t video_id, int first,
                                 int last);
// `interpolate --project P --hand-model H [--video ID] [--frames a:b]`.
QStringList InterpolationArguments(const std::string& project, const std::string& hand_model, int64_t video_id,
                                   int first, int last);

std::unique_ptr<ProcessPreviewJob> MakeVideoPropagationProcessJob(const std::string& project, const std::string& model,
                                                                  int64_t video_id, int first = 0, int last = -1,
                                                                  const QString& program = {});
// `handprop interpolate` prints no progress lines, so this job runs without --progress-json.
std::unique_ptr<ProcessPreviewJob> MakeInterpolationProcessJob(const std::string& project,
                                                               const std::string& hand_model, int64_t video_id,
                                                               int first = 0, int last = -1,
                                                               const QString& program = {});

}  // namespace handprop::ui
