// SPDX-License-Identifier: Apache-2.0
#include "ui/jobs/thread_preview_job.h"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <mutex>
#include <utility>

#include "core/io/store/project_store.h"
#include "core/model/hand_model_io.h"
#include "core/propagate/interpolated_labels.h"
#include "core/util/error.h"

namespace handprop::ui {

// What the worker and the job share. `job` is cleared by the job's destructor; the worker only
// posts to the job while holding `mutex` and seeing it set.
struct ThreadPreviewJob::Shared {
  std::atomic<bool> cancel{false};
  std::mutex mutex;
  ThreadPreviewJob* job = nullptr;
};

ThreadPreviewJob::ThreadPreviewJob(QString title, PreviewWork work, QThreadPool* pool, QObject* parent)
    : PreviewJob(std::move(title), parent),
      work_(std::move(work)),
      pool_(pool != nullptr ? pool : QThreadPool::globalInstance()),
      shared_(std::make_shared<Shared>()) {
  shared_->job = this;
}

ThreadPreviewJob::~ThreadPreviewJob() {
  shared_->cancel = true;
  std::lock_guard<std::mutex> lock(shared_->mutex);
  shared_->job = nullptr;
}

void ThreadPreviewJob::RequestCancel() { shared_->cancel = true; }

void ThreadPreviewJob::Launch() {
  pool_->start([shared = shared_, work = work_] {
    const PreviewProgress progress = [&shared](double fraction, const std::string& text) {
      std::lock_guard<std::mutex> lock(shared->mutex);
      if (shared->job != nullptr) shared->job->ReportProgress(fraction, QString::fromStdString(text));
    };
    std::shared_ptr<const LabelSet> labels;
    QString error;
    try {
      labels = std::make_shared<const LabelSet>(work(progress, &shared->cancel));
    } catch (const std::exception& e) {
      error = OneLine(QString::fromUtf8(e.what()), QStringLiteral("error: the job failed"));
    } catch (...) {
      error = QStringLiteral("error: the job failed with an unknown exception");
    }
    std::lock_guard<std::mutex> lock(shared->mutex);
    ThreadPreviewJob* job = shared->job;
    if (job == nullptr) return;
    QMetaObject::invokeMethod(
        job, [job, labels, error] { labels ? job->Succeed(labels) : job->Fail(error); }, Qt::QueuedConnection);
  });
}

std::unique_ptr<ThreadPreviewJob> MakeInterpolationJob(const std::string& project_path, const std::string& hand_model,
                                                       int64_t video_id, int first, int last) {
  const QString title =
      video_id == 0 ? QStringLiteral("Interpolate every video") : QStringLiteral("Interpolate video %1").arg(video_id);
  PreviewWork work = [=](const PreviewProgress& progress, const std::atomic<bool>* cancel) {
    StoreOpenOptions open;
    open.read_only = true;
    ProjectStore store = ProjectStore::Open(project_path, open);
    const HandModel model = LoadHandModelByName(hand_model);
    const std::vector<VideoRecord> videos =
        video_id != 0 ? std::vector<VideoRecord>{store.Video(video_id)} : store.Videos();
    LabelSet set;
    set.project = std::filesystem::absolute(project_path).lexically_normal().string();
    set.method = "interpolation";
    for (size_t i = 0; i < videos.size() && !cancel->load(); ++i) {
      const VideoRecord& video = videos[i];
      const std::vector<LabelRecord> labels = store.Labels(video.id);
      const bool every = video_id == 0;
      if (!(every && (labels.empty() || first >= video.frame_count))) {
        const int end = last < 0 || (every && last >= video.frame_count) ? video.frame_count - 1 : last;
        if (end >= video.frame_count || first > end)
          throw InputError(project_path + ": video " + std::to_string(video.id) + " has frames 0.." +
                           std::to_string(video.frame_count - 1) + ", not " + std::to_string(first) + ".." +
                           std::to_string(end));
        std::vector<LabelRecord> made = InterpolatedLabels(model, labels, first, end, "job:interpolate");
        set.labels.insert(set.labels.end(), std::make_move_iterator(made.begin()), std::make_move_iterator(made.end()));
      }
      progress(static_cast<double>(i + 1) / static_cast<double>(videos.size()),
               "video " + std::to_string(i + 1) + "/" + std::to_string(videos.size()));
    }
    return set;
  };
  return std::make_unique<ThreadPreviewJob>(title, std::move(work));
}

std::unique_ptr<ThreadPreviewJob> MakeSpanPropagationJob(PropagationJobOptions options) {
  options.preview.clear();
  const QString title = options.video_id == 0 ? QStringLiteral("Propagate every video")
                                              : QStringLiteral("Propagate video %1").arg(options.video_id);
  PreviewWork work = [options](const PreviewProgress& progress, const std::atomic<bool>* cancel) {
    const PropagationJobProgress on_frames = [&progress](int video, int videos, int done, int frames) {
      const double within = frames > 0 ? static_cast<double>(done) / frames : 1.0;
      progress((video + within) / std::max(videos, 1), "video " + std::to_string(video + 1) + "/" +
                                                           std::to_string(videos) + ": " + std::to_string(done) + "/" +
                                                           std::to_string(frames) + " frames");
    };
    return ComputePropagationPreview(options, on_frames, cancel);
  };
  return std::make_unique<ThreadPreviewJob>(title, std::move(work));
}

}  // namespace handprop::ui
