// SPDX-License-Identifier: Apache-2.0
// ThreadPreviewJob: outcomes arrive on the GUI thread, exactly one of them; cancelling, failing,
// throttled progress, the ETA, a job destroyed mid-work, and the interpolation job on a real
// (tiny synthetic) project.
#include "ui/jobs/thread_preview_job.h"

#include <gtest/gtest.h>

#include <QSignalSpy>
#include <atomic>
#include <chrono>
#include <cmath>
#include <set>

#include "core/io/store/project_store.h"
#include "core/util/error.h"
#include "tests/ui/jobs/jobs_test_support.h"

namespace handprop::ui {
namespace {

using testing::FakeLabels;
using testing::FirstText;
using testing::Gate;
using testing::OnGuiThread;
using testing::TinyProject;

constexpr int kWaitMs = 60000;

TEST(ThreadPreviewJobTest, InterpolationOfOneSpanFinishesOnTheGuiThread) {
  ProjectStore store = ProjectStore::Open(TinyProject().project_path);
  const int64_t video = store.Videos().front().id;
  std::unique_ptr<ThreadPreviewJob> job = MakeInterpolationJob(TinyProject().project_path, "openhand", video, 1, 3);
  bool on_gui = false;
  std::shared_ptr<const LabelSet> labels;
  QObject::connect(job.get(), &PreviewJob::Finished, [&](std::shared_ptr<const LabelSet> set) {
    on_gui = OnGuiThread();
    labels = std::move(set);
  });
  QSignalSpy finished(job.get(), &PreviewJob::Finished);
  QSignalSpy failed(job.get(), &PreviewJob::Failed);
  job->Start();
  EXPECT_EQ(job->state(), PreviewJob::State::kRunning);
  ASSERT_TRUE(finished.wait(kWaitMs)) << FirstText(failed);
  EXPECT_TRUE(on_gui);
  EXPECT_EQ(job->state(), PreviewJob::State::kFinished);
  ASSERT_TRUE(labels);
  EXPECT_EQ(labels->method, "interpolation");
  ASSERT_EQ(labels->labels.size(), 3u);  // frames 1, 2, 3 between key frames 0 and 4, one hand
  for (int i = 0; i < 3; ++i) {
    const LabelRecord& label = labels->labels[static_cast<size_t>(i)];
    EXPECT_EQ(label.video_id, video);
    EXPECT_EQ(label.frame_index, i + 1);
    EXPECT_EQ(label.provenance, Provenance::kInterpolated);
    EXPECT_EQ(label.source_frames, (std::vector<int>{0, 4}));
  }
  // The preview left the project as it was: only the key frames are labelled.
  EXPECT_EQ(store.LabelCount(), TinyProject().labelled_images);
}

TEST(ThreadPreviewJobTest, InterpolationOfEveryVideoLabelsEveryNonKeyFrame) {
  std::unique_ptr<ThreadPreviewJob> job = MakeInterpolationJob(TinyProject().project_path, "openhand", 0, 0, -1);
  QSignalSpy finished(job.get(), &PreviewJob::Finished);
  job->Start();
  ASSERT_TRUE(finished.wait(kWaitMs));
  const auto labels = finished.value(0).value(0).value<std::shared_ptr<const LabelSet>>();
  ASSERT_TRUE(labels);
  EXPECT_EQ(static_cast<int>(labels->labels.size()), TinyProject().images - TinyProject().labelled_images);
}

TEST(ThreadPreviewJobTest, AMissingProjectFailsNamingTheFile) {
  handprop::testing::TempDir dir;
  const std::string missing = dir.File("missing.hpj");
  std::unique_ptr<ThreadPreviewJob> job = MakeInterpolationJob(missing, "openhand", 0, 0, -1);
  QSignalSpy failed(job.get(), &PreviewJob::Failed);
  job->Start();
  ASSERT_TRUE(failed.wait(kWaitMs));
  EXPECT_NE(failed.value(0).value(0).toString().toStdString().find(missing), std::string::npos);
  EXPECT_EQ(job->state(), PreviewJob::State::kFailed);
}

TEST(ThreadPreviewJobTest, SpanPropagationWithoutACheckpointFailsNamingTheModel) {
  handprop::testing::TempDir dir;
  PropagationJobOptions options;
  options.project = TinyProject().project_path;
  options.model = dir.File("no-such-run");
  options.first = 1;
  options.last = 3;
  options.preview = dir.File("ignored.json");
  std::unique_ptr<ThreadPreviewJob> job = MakeSpanPropagationJob(options);
  EXPECT_EQ(job->Title(), QStringLiteral("Propagate every video"));
  QSignalSpy failed(job.get(), &PreviewJob::Failed);
  job->Start();
  ASSERT_TRUE(failed.wait(kWaitMs));
  EXPECT_EQ(FirstText(failed).rfind(options.model, 0), 0u) << FirstText(failed);
}

TEST(ThreadPreviewJobTest, AWorkThatThrowsFailsWithItsMessageOnly) {
  ThreadPreviewJob job(QStringLiteral("throws"), [](const PreviewProgress&, const std::atomic<bool>*) -> LabelSet {
    throw InputError("clip.hpj: video 7 has no key frames");
  });
  QSignalSpy finished(&job, &PreviewJob::Finished);
  QSignalSpy failed(&job, &PreviewJob::Failed);
  QSignalSpy cancelled(&job, &PreviewJob::Cancelled);
  bool on_gui = false;
  QObject::connect(&job, &PreviewJob::Failed, [&] { on_gui = OnGuiThread(); });
  job.Start();
  ASSERT_TRUE(failed.wait(kWaitMs));
  EXPECT_TRUE(on_gui);
  EXPECT_EQ(failed.value(0).value(0).toString(), QStringLiteral("clip.hpj: video 7 has no key frames"));
  EXPECT_EQ(finished.count(), 0);
  EXPECT_EQ(cancelled.count(), 0);
}

TEST(ThreadPreviewJobTest, CancellingABlockedWorkEmitsCancelledOnly) {
  Gate entered, release;
  std::atomic<bool> saw_cancel{false};
  ThreadPreviewJob job(QStringLiteral("blocks"), [&](const PreviewProgress&, const std::atomic<bool>* cancel) {
    entered.Open();
    release.Wait();
    saw_cancel = cancel->load();
    return FakeLabels(4);  // a work that ignores the flag: its result must be dropped
  });
  QSignalSpy finished(&job, &PreviewJob::Finished);
  QSignalSpy failed(&job, &PreviewJob::Failed);
  QSignalSpy cancelled(&job, &PreviewJob::Cancelled);
  job.Start();
  entered.Wait();
  job.Cancel();
  EXPECT_EQ(cancelled.count(), 0);  // the work has not stopped yet
  release.Open();
  ASSERT_TRUE(cancelled.wait(kWaitMs));
  EXPECT_TRUE(saw_cancel);
  EXPECT_EQ(finished.count(), 0);
  EXPECT_EQ(failed.count(), 0);
  EXPECT_EQ(job.state(), PreviewJob::State::kCancelled);
  job.Cancel();  // a second cancel changes nothing
  EXPECT_EQ(cancelled.count(), 1);
}

TEST(ThreadPreviewJobTest, CancellingAQueuedJobEmitsCancelledAtOnceAndNeverRuns) {
  std::atomic<bool> ran{false};
  ThreadPreviewJob job(QStringLiteral("queued"), [&](const PreviewProgress&, const std::atomic<bool>*) {
    ran = true;
    return FakeLabels(1);
  });
  QSignalSpy cancelled(&job, &PreviewJob::Cancelled);
  job.Cancel();
  EXPECT_EQ(cancelled.count(), 1);
  job.Start();  // ignored: the job has ended
  QThreadPool::globalInstance()->waitForDone();
  EXPECT_FALSE(ran);
  EXPECT_EQ(job.state(), PreviewJob::State::kCancelled);
}

TEST(ThreadPreviewJobTest, EtaIsUnknownUntilTwoReportsThenFinite) {
  Gate reported, release;
  ThreadPreviewJob job(QStringLiteral("eta"), [&](const PreviewProgress& progress, const std::atomic<bool>*) {
    progress(0.25, "a quarter");
    progress(0.5, "half");
    reported.Open();
    release.Wait();
    return FakeLabels(2);
  });
  EXPECT_TRUE(std::isinf(job.EtaSeconds()));
  QSignalSpy finished(&job, &PreviewJob::Finished);
  job.Start();
  reported.Wait();
  EXPECT_TRUE(std::isfinite(job.EtaSeconds()));
  EXPECT_GE(job.EtaSeconds(), 0.0);
  EXPECT_DOUBLE_EQ(job.Fraction(), 0.5);
  release.Open();
  ASSERT_TRUE(finished.wait(kWaitMs));
}

TEST(ThreadPreviewJobTest, ProgressIsThrottledQueuedToTheGuiThreadAndEndsWithTheLastReport) {
  std::atomic<int64_t> work_ms{0};
  ThreadPreviewJob job(QStringLiteral("many"), [&](const PreviewProgress& progress, const std::atomic<bool>*) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 1; i <= 2000; ++i) progress(i / 2000.0, "step " + std::to_string(i));
    work_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    return FakeLabels(0);
  });
  QSignalSpy progress(&job, &PreviewJob::Progress);
  QSignalSpy finished(&job, &PreviewJob::Finished);
  bool all_on_gui = true;
  QObject::connect(&job, &PreviewJob::Progress, [&] { all_on_gui = all_on_gui && OnGuiThread(); });
  job.Start();
  ASSERT_TRUE(finished.wait(kWaitMs));
  EXPECT_TRUE(all_on_gui);
  ASSERT_GE(progress.count(), 2);  // the first report and the last
  EXPECT_LE(progress.count(), 2 + work_ms.load() / 100);
  EXPECT_DOUBLE_EQ(progress.last().value(0).toDouble(), 1.0);
  EXPECT_EQ(progress.last().value(1).toString(), QStringLiteral("step 2000"));
}

TEST(ThreadPreviewJobTest, DestroyingAJobWhileItsWorkRunsDropsTheOutcome) {
  Gate entered, release;
  std::atomic<bool> saw_cancel{false};
  auto job = std::make_unique<ThreadPreviewJob>(
      QStringLiteral("orphan"), [&](const PreviewProgress& progress, const std::atomic<bool>* cancel) {
        entered.Open();
        release.Wait();
        progress(0.5, "after the job died");  // must not touch the destroyed job
        saw_cancel = cancel->load();
        return FakeLabels(1);
      });
  job->Start();
  entered.Wait();
  job.reset();
  release.Open();
  QThreadPool::globalInstance()->waitForDone();
  QCoreApplication::processEvents();
  EXPECT_TRUE(saw_cancel);
}

}  // namespace
}  // namespace handprop::ui
