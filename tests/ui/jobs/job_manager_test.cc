// SPDX-License-Identifier: Apache-2.0
// JobManager and JobPanel: queued jobs run one at a time in order, CancelAll drops the queue and
// stops the running job, and the panel follows (title, progress, ETA, cancel, last error).
#include "ui/jobs/job_manager.h"

#include <gtest/gtest.h>

#include <QSignalSpy>
#include <mutex>
#include <string>
#include <vector>

#include "tests/ui/jobs/jobs_test_support.h"
#include "ui/jobs/job_panel.h"
#include "ui/jobs/process_preview_job.h"

namespace handprop::ui {
namespace {

using testing::FakeLabels;
using testing::Gate;

constexpr int kWaitMs = 60000;

// Records "s<i>" / "e<i>" as works start and end, from the worker threads.
struct Log {
  std::mutex mutex;
  std::vector<std::string> events;
  void Add(const std::string& event) {
    std::lock_guard<std::mutex> lock(mutex);
    events.push_back(event);
  }
};

std::unique_ptr<PreviewJob> LoggingJob(Log& log, int i) {
  return std::make_unique<ThreadPreviewJob>(QStringLiteral("job %1").arg(i),
                                            [&log, i](const PreviewProgress& progress, const std::atomic<bool>*) {
                                              log.Add("s" + std::to_string(i));
                                              progress(0.5, "half");
                                              log.Add("e" + std::to_string(i));
                                              return FakeLabels(i);
                                            });
}

std::unique_ptr<PreviewJob> BlockingJob(Gate& entered, Gate& release) {
  return std::make_unique<ThreadPreviewJob>(QStringLiteral("blocking"),
                                            [&](const PreviewProgress& progress, const std::atomic<bool>*) {
                                              progress(0.1, "started");
                                              entered.Open();
                                              release.Wait();
                                              return FakeLabels(1);
                                            });
}

TEST(JobManagerTest, RunsQueuedJobsOneAtATimeInOrder) {
  JobManager manager;
  Log log;
  QSignalSpy finished(&manager, &JobManager::JobFinished);
  QSignalSpy idle(&manager, &JobManager::Idle);
  EXPECT_EQ(manager.Add(LoggingJob(log, 1)), 1);
  EXPECT_EQ(manager.Add(LoggingJob(log, 2)), 2);
  EXPECT_EQ(manager.Add(LoggingJob(log, 3)), 3);
  EXPECT_TRUE(manager.IsBusy());
  EXPECT_EQ(manager.QueuedCount(), 2);
  ASSERT_TRUE(idle.wait(kWaitMs));
  EXPECT_EQ(log.events, (std::vector<std::string>{"s1", "e1", "s2", "e2", "s3", "e3"}));
  ASSERT_EQ(finished.count(), 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(finished.at(i).value(0).toInt(), i + 1);
    const auto labels = finished.at(i).value(1).value<std::shared_ptr<const LabelSet>>();
    ASSERT_TRUE(labels);
    EXPECT_EQ(static_cast<int>(labels->labels.size()), i + 1);
  }
  EXPECT_FALSE(manager.IsBusy());
  EXPECT_EQ(manager.Current(), nullptr);
}

TEST(JobManagerTest, CancelAllDropsTheQueueAndStopsTheRunningJob) {
  JobManager manager;
  Gate entered, release;
  Log log;
  QSignalSpy cancelled(&manager, &JobManager::JobCancelled);
  QSignalSpy finished(&manager, &JobManager::JobFinished);
  QSignalSpy idle(&manager, &JobManager::Idle);
  manager.Add(BlockingJob(entered, release));
  manager.Add(LoggingJob(log, 2));
  manager.Add(LoggingJob(log, 3));
  entered.Wait();
  manager.CancelAll();
  ASSERT_EQ(cancelled.count(), 2);  // the queued ones at once
  EXPECT_EQ(cancelled.at(0).value(0).toInt(), 2);
  EXPECT_EQ(cancelled.at(1).value(0).toInt(), 3);
  EXPECT_EQ(manager.QueuedCount(), 0);
  release.Open();
  ASSERT_TRUE(cancelled.wait(kWaitMs));
  EXPECT_EQ(cancelled.last().value(0).toInt(), 1);
  EXPECT_TRUE(idle.count() > 0 || idle.wait(kWaitMs));
  EXPECT_EQ(finished.count(), 0);
  EXPECT_TRUE(log.events.empty());
}

TEST(JobManagerTest, AFailedJobDoesNotStopTheQueue) {
  JobManager manager;
  Log log;
  QSignalSpy failed(&manager, &JobManager::JobFailed);
  QSignalSpy finished(&manager, &JobManager::JobFinished);
  QSignalSpy idle(&manager, &JobManager::Idle);
  manager.Add(std::make_unique<ThreadPreviewJob>(QStringLiteral("bad"),
                                                 [](const PreviewProgress&, const std::atomic<bool>*) -> LabelSet {
                                                   throw RuntimeError("video.mp4: decoder error at frame 12");
                                                 }));
  manager.Add(LoggingJob(log, 2));
  ASSERT_TRUE(idle.wait(kWaitMs));
  ASSERT_EQ(failed.count(), 1);
  EXPECT_EQ(failed.at(0).value(1).toString(), QStringLiteral("video.mp4: decoder error at frame 12"));
  ASSERT_EQ(finished.count(), 1);
  EXPECT_EQ(finished.at(0).value(0).toInt(), 2);
}

TEST(JobPanelTest, FollowsTheRunningJobAndKeepsTheLastError) {
  JobManager manager;
  JobPanel panel(&manager);
  EXPECT_FALSE(panel.cancel_button()->isEnabled());
  Gate entered, release;
  QSignalSpy progress(&manager, &JobManager::JobProgress);
  manager.Add(BlockingJob(entered, release));
  manager.Add(std::make_unique<ProcessPreviewJob>(QStringLiteral("Propagate video 9"), QStringList{},
                                                  QStringLiteral("/nonexistent/bin/handprop")));
  EXPECT_EQ(panel.TitleText(), QStringLiteral("blocking"));
  EXPECT_TRUE(panel.cancel_button()->isEnabled());
  EXPECT_EQ(panel.EtaText(), QStringLiteral("ETA --:--"));
  EXPECT_FALSE(panel.QueueText().isEmpty());
  entered.Wait();
  ASSERT_TRUE(progress.count() > 0 || progress.wait(kWaitMs));
  EXPECT_EQ(panel.ProgressPermille(), 100);
  QSignalSpy failed(&manager, &JobManager::JobFailed);
  release.Open();
  ASSERT_TRUE(failed.wait(kWaitMs));
  EXPECT_TRUE(panel.ErrorText().startsWith(QStringLiteral("Propagate video 9 failed: /nonexistent/bin/handprop")))
      << panel.ErrorText().toStdString();
  EXPECT_FALSE(panel.cancel_button()->isEnabled());
  EXPECT_TRUE(panel.QueueText().isEmpty());
}

TEST(JobPanelTest, TheCancelButtonCancelsTheRunningJob) {
  JobManager manager;
  JobPanel panel(&manager);
  Gate entered, release;
  QSignalSpy cancelled(&manager, &JobManager::JobCancelled);
  manager.Add(BlockingJob(entered, release));
  entered.Wait();
  panel.cancel_button()->click();
  release.Open();
  ASSERT_TRUE(cancelled.wait(kWaitMs));
  EXPECT_EQ(panel.TitleText(), QStringLiteral("Cancelled"));
  EXPECT_FALSE(panel.cancel_button()->isEnabled());
}

TEST(FormatEtaTest, MinutesHoursAndUnknown) {
  EXPECT_EQ(FormatEta(42.0), QStringLiteral("0:42"));
  EXPECT_EQ(FormatEta(75.4), QStringLiteral("1:15"));
  EXPECT_EQ(FormatEta(3725.0), QStringLiteral("1:02:05"));
  EXPECT_EQ(FormatEta(std::numeric_limits<double>::infinity()), QStringLiteral("--:--"));
  EXPECT_EQ(FormatEta(-1.0), QStringLiteral("--:--"));
}

}  // namespace
}  // namespace handprop::ui
