// SPDX-License-Identifier: Apache-2.0
#include "ui/jobs/process_preview_job.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <algorithm>
#include <exception>

namespace handprop::ui {
namespace {
constexpr int kKillAfterMs = 3000;

QString SpanText(int first, int last) {
  if (first <= 0 && last < 0) return {};
  return QStringLiteral("%1:%2").arg(first).arg(last < 0 ? QString() : QString::number(last));
}

QStringList SharedArguments(const std::string& project, int64_t video_id, int first, int last) {
  QStringList args{QStringLiteral("--project"), QString::fromStdString(project)};
  if (video_id != 0) args << QStringLiteral("--video") << QString::number(video_id);
  if (const QString span = SpanText(first, last); !span.isEmpty()) args << QStringLiteral("--frames") << span;
  return args;
}
}  // namespace

ProcessPreviewJob::ProcessPreviewJob(QString title, QStringList arguments, QString program, bool progress_json,
                                     QObject* parent)
    : PreviewJob(std::move(title), parent),
      arguments_(std::move(arguments)),
      program_(program.isEmpty() ? DefaultCliPath() : std::move(program)),
      progress_json_(progress_json),
      temp_(QDir::tempPath() + QStringLiteral("/handprop-job-XXXXXX")),
      process_(this),
      kill_timer_(this) {
  kill_timer_.setSingleShot(true);
  kill_timer_.setInterval(kKillAfterMs);
  connect(&kill_timer_, &QTimer::timeout, &process_, &QProcess::kill);
  connect(&process_, &QProcess::readyReadStandardOutput, this, &ProcessPreviewJob::ReadStdout);
  connect(&process_, &QProcess::readyReadStandardError, this, &ProcessPreviewJob::ReadStderr);
  connect(&process_, &QProcess::finished, this, &ProcessPreviewJob::OnFinished);
  connect(&process_, &QProcess::errorOccurred, this, &ProcessPreviewJob::OnError);
}

ProcessPreviewJob::~ProcessPreviewJob() {
  process_.disconnect(this);
  if (process_.state() != QProcess::NotRunning) {
    process_.kill();
    process_.waitForFinished(kKillAfterMs);
  }
}

QString ProcessPreviewJob::DefaultCliPath() {
  return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("handprop"));
}

QString ProcessPreviewJob::PreviewPath() const { return temp_.filePath(QStringLiteral("preview.json")); }

QStringList ProcessPreviewJob::FullArguments() const {
  QStringList args = arguments_;
  args << QStringLiteral("--preview") << PreviewPath();
  if (progress_json_) args << QStringLiteral("--progress-json");
  return args;
}

void ProcessPreviewJob::Launch() {
  if (!temp_.isValid()) {
    Fail(QStringLiteral("%1: cannot create a temporary folder (%2)").arg(QDir::tempPath(), temp_.errorString()));
    return;
  }
  process_.start(program_, FullArguments(), QIODevice::ReadOnly);
}

void ProcessPreviewJob::RequestCancel() {
  if (process_.state() == QProcess::NotRunning) return;
  process_.terminate();
  kill_timer_.start();
}

void ProcessPreviewJob::ReadStdout() {
  stdout_buffer_ += process_.readAllStandardOutput();
  for (qsizetype end = stdout_buffer_.indexOf('\n'); end >= 0; end = stdout_buffer_.indexOf('\n')) {
    ParseLine(stdout_buffer_.left(end));
    stdout_buffer_.remove(0, end + 1);
  }
}

void ProcessPreviewJob::ReadStderr() {
  stderr_buffer_ += process_.readAllStandardError();
  const QStringList lines = QString::fromUtf8(stderr_buffer_).split(QRegularExpression(QStringLiteral("[\r\n]")));
  for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
    if (!it->trimmed().isEmpty()) {
      last_error_line_ = it->trimmed();
      break;
    }
  }
  // Keep only the unfinished tail (a line without its newline yet).
  const qsizetype cut = std::max(stderr_buffer_.lastIndexOf('\n'), stderr_buffer_.lastIndexOf('\r'));
  if (cut >= 0) stderr_buffer_.remove(0, cut + 1);
}

void ProcessPreviewJob::ParseLine(const QByteArray& line) {
  const QJsonDocument doc = QJsonDocument::fromJson(line.trimmed());
  if (!doc.isObject()) return;
  const QJsonObject event = doc.object();
  const QString kind = event.value(QStringLiteral("event")).toString();
  if (kind == QStringLiteral("done")) interrupted_ = event.value(QStringLiteral("cancelled")).toBool(false);
  if (kind != QStringLiteral("progress")) return;
  const int video = event.value(QStringLiteral("video")).toInt(1);
  const int videos = std::max(event.value(QStringLiteral("videos")).toInt(1), 1);
  const int done = event.value(QStringLiteral("done")).toInt(0);
  const int frames = event.value(QStringLiteral("frames")).toInt(0);
  const double within = frames > 0 ? static_cast<double>(done) / frames : 0.0;
  ReportProgress((std::clamp(video, 1, videos) - 1 + within) / videos,
                 QStringLiteral("video %1/%2: %3/%4 frames").arg(video).arg(videos).arg(done).arg(frames));
}

void ProcessPreviewJob::OnFinished(int exit_code, QProcess::ExitStatus status) {
  kill_timer_.stop();
  ReadStdout();
  ReadStderr();
  if (IsCancelRequested()) {
    QFile::remove(PreviewPath());
    ConfirmCancelled();
    return;
  }
  if (status == QProcess::NormalExit && exit_code == 0 && interrupted_) {
    Fail(QStringLiteral("%1: the worker was interrupted (its preview is incomplete)").arg(program_));
    return;
  }
  if (status == QProcess::NormalExit && exit_code == 0) {
    try {
      Succeed(std::make_shared<const LabelSet>(ReadLabelSet(PreviewPath().toStdString())));
    } catch (const std::exception& e) {
      Fail(QString::fromUtf8(e.what()));
    }
    return;
  }
  // "handprop propagate: x.hpj: no such file" -> "x.hpj: no such file".
  QString message = last_error_line_;
  message.remove(QRegularExpression(QStringLiteral("^handprop [a-z-]+: ")));
  if (message.isEmpty()) {
    message = status == QProcess::CrashExit ? QStringLiteral("%1: the worker process crashed").arg(program_)
                                            : QStringLiteral("%1: exited with code %2").arg(program_).arg(exit_code);
  }
  Fail(message);
}

void ProcessPreviewJob::OnError(QProcess::ProcessError error) {
  if (error != QProcess::FailedToStart) return;  // the others end in finished()
  kill_timer_.stop();
  if (IsCancelRequested()) return ConfirmCancelled();
  Fail(QStringLiteral("%1: cannot start the worker process (%2)").arg(program_, process_.errorString()));
}

QStringList PropagationArguments(const std::string& project, const std::string& model, int64_t video_id, int first,
                                 int last) {
  QStringList args{QStringLiteral("propagate")};
  args << SharedArguments(project, video_id, first, last) << QStringLiteral("--model") << QString::fromStdString(model);
  return args;
}

QStringList InterpolationArguments(const std::string& project, const std::string& hand_model, int64_t video_id,
                                   int first, int last) {
  QStringList args{QStringLiteral("interpolate")};
  args << SharedArguments(project, video_id, first, last) << QStringLiteral("--hand-model")
       << QString::fromStdString(hand_model);
  return args;
}

std::unique_ptr<ProcessPreviewJob> MakeVideoPropagationProcessJob(const std::string& project, const std::string& model,
                                                                  int64_t video_id, int first, int last,
                                                                  const QString& program) {
  const QString title =
      video_id == 0 ? QStringLiteral("Propagate every video") : QStringLiteral("Propagate video %1").arg(video_id);
  return std::make_unique<ProcessPreviewJob>(title, PropagationArguments(project, model, video_id, first, last),
                                             program);
}

std::unique_ptr<ProcessPreviewJob> MakeInterpolationProcessJob(const std::string& project,
                                                               const std::string& hand_model, int64_t video_id,
                                                               int first, int last, const QString& program) {
  const QString title =
      video_id == 0 ? QStringLiteral("Interpolate every video") : QStringLiteral("Interpolate video %1").arg(video_id);
  return std::make_unique<ProcessPreviewJob>(title, InterpolationArguments(project, hand_model, video_id, first, last),
                                             program, /*progress_json=*/false);
}

}  // namespace handprop::ui
