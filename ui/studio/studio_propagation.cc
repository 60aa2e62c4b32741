// SPDX-License-Identifier: Apache-2.0
// StudioWindow: interpolation and propagation jobs, and their previews (studio_window.h).
#include <QFileInfo>
#include <QStatusBar>
#include <exception>
#include <filesystem>

#include "ui/jobs/process_preview_job.h"
#include "ui/jobs/thread_preview_job.h"
#include "ui/studio/studio_window.h"

namespace handprop::ui {

void StudioWindow::Submit(std::unique_ptr<PreviewJob> job, const QString& title) {
  connect(job.get(), &PreviewJob::Finished, this, [this, title](std::shared_ptr<const LabelSet> set) { OnPreviewFinished(set, title); });
  connect(job.get(), &PreviewJob::Failed, this, [this, title](const QString& message) { ReportError(title + ": " + message); });
  job_manager_->Add(std::move(job));
}

void StudioWindow::StartInterpolation(int first, int last) {
  if (!session_ || video_id_ == 0) return;
  const QString title = QStringLiteral("Interpolation of %1, frames %2-%3")
                            .arg(QFileInfo(QString::fromStdString(session_->FindVideo(video_id_)->path)).fileName())
                            .arg(first).arg(last);
  Submit(MakeInterpolationJob(session_->path(), model_spec_, video_id_, first, last), title);
}

void StudioWindow::StartPropagation(int first, int last, bool all_videos) {
  if (!session_ || video_id_ == 0) return;
  if (propagation_model_.isEmpty()) {
    ReportError(QStringLiteral("Choose a propagation model first (Propagate ▸ Choose a propagation model)"));
    return;
  }
  PropagationJobOptions options;
  options.project = session_->path();
  options.model = propagation_model_.toStdString();
  options.video_id = all_videos ? 0 : video_id_;
  options.first = first;
  options.last = last;
  const QString where = all_videos ? QStringLiteral("every video")
                                   : QFileInfo(QString::fromStdString(session_->FindVideo(video_id_)->path)).fileName();
  const QString title = last < 0 ? QStringLiteral("Propagation of %1").arg(where)
                                 : QStringLiteral("Propagation of %1, frames %2-%3").arg(where).arg(first).arg(last);
  // Whole videos go to a worker process (its own memory, killable); a gap stays in a thread.
  if (last < 0)
    Submit(MakeVideoPropagationProcessJob(options.project, options.model, options.video_id), title);
  else
    Submit(MakeSpanPropagationJob(options), title);
}

void StudioWindow::OnPreviewFinished(std::shared_ptr<const LabelSet> set, const QString& title) {
  if (!session_ || set == nullptr) return;
  // A job of a project closed meanwhile: its labels are not this project's. (Paths compared
  // absolute, as the project may have been opened by a relative one.)
  const auto normal = [](const std::string& path) { return std::filesystem::absolute(path).lexically_normal(); };
  if (normal(set->project) != normal(session_->path())) return;
  if (set->labels.empty()) {
    statusBar()->showMessage(QStringLiteral("%1: nothing to add (no key frames, or every frame is one)").arg(title), 8000);
    return;
  }
  std::map<int64_t, int> frame_counts;
  for (const VideoRecord& video : session_->videos()) frame_counts[video.id] = video.frame_count;
  const int index = previews_->Add(title, std::move(set), frame_counts);
  RebuildTimelineRows();
  ShowCurrentFrame();
  statusBar()->showMessage(QStringLiteral("%1: %2 labels to review (Propagate ▸ Accept or Reject)")
                               .arg(title).arg(previews_->at(index).set->labels.size()), 10000);
  Q_EMIT PreviewArrived(index);
}

int64_t StudioWindow::AcceptPreview(int index) {
  if (!session_ || index < 0 || index >= previews_->size()) return 0;
  const Preview& preview = previews_->at(index);
  EditRequest request;
  request.text = QStringLiteral("Accept %1 (%2 labels)").arg(preview.title).arg(preview.set->labels.size()).toStdString();
  request.author = session_->user();
  request.puts = preview.set->labels;
  request.keep_human_labels = true;  // checked inside the transaction: a key frame saved meanwhile survives
  int64_t id = 0;
  try {
    id = session_->Apply(request);
  } catch (const std::exception& e) {
    ReportError(QString::fromStdString(e.what()));
    return 0;
  }
  if (id != 0) undo_stack_->push(new JournalCommand(*session_, id, QString::fromStdString(request.text), true,
                                                    [this](const QString& message) { ReportError(message); }));
  previews_->Remove(index);
  RebuildTimelineRows();
  ShowCurrentFrame();
  return id;
}

void StudioWindow::RejectPreview(int index) {
  if (index < 0 || index >= previews_->size()) return;
  previews_->Remove(index);
  RebuildTimelineRows();
  ShowCurrentFrame();
}

}  // namespace handprop::ui
