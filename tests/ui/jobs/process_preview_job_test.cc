// SPDX-License-Identifier: Apache-2.0
// ProcessPreviewJob: the real `handprop interpolate --preview` (when the CLI target is built), a
// missing project, a program that cannot start, and progress lines / cancel with a stand-in
// worker written in sh.
#include "ui/jobs/process_preview_job.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QSignalSpy>
#include <cmath>

#include "tests/ui/jobs/jobs_test_support.h"

namespace handprop::ui {
namespace {

using testing::FirstText;
using testing::OnGuiThread;
using testing::TinyProject;

constexpr int kWaitMs = 60000;

QString CliPath() {
#ifdef HANDPROP_CLI
  return QStringLiteral(HANDPROP_CLI);
#else
  return {};
#endif
}

#define SKIP_WITHOUT_CLI() \
  if (CliPath().isEmpty()) GTEST_SKIP() << "the handprop CLI target is not part of this build"

// A stand-in worker: `sh -c SCRIPT` gets "--preview PATH [--progress-json]" as $0 $1 $2.
std::unique_ptr<ProcessPreviewJob> ShellJob(const QString& script) {
  return std::make_unique<ProcessPreviewJob>(QStringLiteral("shell"), QStringList{QStringLiteral("-c"), script},
                                             QStringLiteral("/bin/sh"));
}

TEST(ProcessPreviewJobTest, RealInterpolateFinishesWithEveryNonKeyFrame) {
  SKIP_WITHOUT_CLI();
  auto job = MakeInterpolationProcessJob(TinyProject().project_path, "openhand", 0, 0, -1, CliPath());
  EXPECT_FALSE(job->FullArguments().contains(QStringLiteral("--progress-json")));
  bool on_gui = false;
  QObject::connect(job.get(), &PreviewJob::Finished, [&] { on_gui = OnGuiThread(); });
  QSignalSpy finished(job.get(), &PreviewJob::Finished);
  QSignalSpy failed(job.get(), &PreviewJob::Failed);
  job->Start();
  ASSERT_TRUE(finished.wait(kWaitMs)) << FirstText(failed);
  EXPECT_TRUE(on_gui);
  const auto labels = finished.value(0).value(0).value<std::shared_ptr<const LabelSet>>();
  ASSERT_TRUE(labels);
  EXPECT_EQ(labels->method, "interpolation");
  EXPECT_EQ(static_cast<int>(labels->labels.size()), TinyProject().images - TinyProject().labelled_images);
  for (const LabelRecord& label : labels->labels) EXPECT_EQ(label.provenance, Provenance::kInterpolated);
}

TEST(ProcessPreviewJobTest, RealInterpolateOfAMissingProjectFailsNamingTheFile) {
  SKIP_WITHOUT_CLI();
  handprop::testing::TempDir dir;
  const std::string missing = dir.File("nowhere.hpj");
  auto job = MakeInterpolationProcessJob(missing, "openhand", 0, 0, -1, CliPath());
  QSignalSpy failed(job.get(), &PreviewJob::Failed);
  QSignalSpy finished(job.get(), &PreviewJob::Finished);
  job->Start();
  ASSERT_TRUE(failed.wait(kWaitMs));
  const std::string message = FirstText(failed);
  EXPECT_EQ(message.rfind(missing, 0), 0u) << message;  // the file first, the CLI prefix removed
  EXPECT_EQ(message.find('\n'), std::string::npos);
  EXPECT_EQ(finished.count(), 0);
}

TEST(ProcessPreviewJobTest, AProgramThatCannotStartFailsNamingIt) {
  ProcessPreviewJob job(QStringLiteral("absent"), {QStringLiteral("propagate")},
                        QStringLiteral("/nonexistent/bin/handprop"));
  QSignalSpy failed(&job, &PreviewJob::Failed);
  job.Start();
  ASSERT_TRUE(failed.wait(kWaitMs));
  EXPECT_NE(FirstText(failed).find("/nonexistent/bin/handprop"), std::string::npos);
}

TEST(ProcessPreviewJobTest, ProgressLinesAreParsedAndTheLabelSetIsRead) {
  auto job = ShellJob(QStringLiteral(
      "echo 'loading'; "
      "echo '{\"event\":\"progress\",\"video\":1,\"videos\":2,\"done\":5,\"frames\":10,\"elapsed_s\":0.1}'; "
      "echo '{\"event\":\"progress\",\"video\":2,\"videos\":2,\"done\":10,\"frames\":10,\"elapsed_s\":0.2}'; "
      "printf '%s' '{\"format\":\"handprop-label-set\",\"version\":1,\"project\":\"/p.hpj\","
      "\"method\":\"interpolation\",\"model_id\":\"\",\"labels\":[]}' > \"$1\"; "
      "echo '{\"event\":\"done\"}'"));
  EXPECT_TRUE(job->FullArguments().contains(QStringLiteral("--progress-json")));
  QSignalSpy progress(job.get(), &PreviewJob::Progress);
  QSignalSpy finished(job.get(), &PreviewJob::Finished);
  QSignalSpy failed(job.get(), &PreviewJob::Failed);
  job->Start();
  ASSERT_TRUE(finished.wait(kWaitMs)) << FirstText(failed);
  EXPECT_DOUBLE_EQ(job->Fraction(), 1.0);  // video 2 of 2, every frame done
  EXPECT_TRUE(std::isfinite(job->EtaSeconds()));
  const auto labels = finished.value(0).value(0).value<std::shared_ptr<const LabelSet>>();
  ASSERT_TRUE(labels);
  EXPECT_EQ(labels->project, "/p.hpj");
  EXPECT_TRUE(labels->labels.empty());
}

TEST(ProcessPreviewJobTest, AFailingWorkerReportsItsLastStderrLine) {
  auto job = ShellJob(
      QStringLiteral("echo 'loading' >&2; echo 'handprop propagate: model.ckpt: not a checkpoint' >&2; exit 1"));
  QSignalSpy failed(job.get(), &PreviewJob::Failed);
  job->Start();
  ASSERT_TRUE(failed.wait(kWaitMs));
  EXPECT_EQ(FirstText(failed), "model.ckpt: not a checkpoint");
}

TEST(ProcessPreviewJobTest, AWorkerInterruptedByAnotherSignalFailsInsteadOfAPartialPreview) {
  auto job =
      ShellJob(QStringLiteral("printf '%s' '{\"format\":\"handprop-label-set\",\"version\":1,\"project\":\"/p.hpj\","
                              "\"method\":\"bidirectional\",\"model_id\":\"m\",\"labels\":[]}' > \"$1\"; "
                              "echo '{\"event\":\"done\",\"cancelled\":true}'"));
  QSignalSpy failed(job.get(), &PreviewJob::Failed);
  QSignalSpy finished(job.get(), &PreviewJob::Finished);
  job->Start();
  ASSERT_TRUE(failed.wait(kWaitMs));
  EXPECT_NE(FirstText(failed).find("interrupted"), std::string::npos) << FirstText(failed);
  EXPECT_EQ(finished.count(), 0);
}

TEST(ProcessPreviewJobTest, ASilentCrashIsDescribed) {
  auto job = ShellJob(QStringLiteral("kill -SEGV $$"));
  QSignalSpy failed(job.get(), &PreviewJob::Failed);
  job->Start();
  ASSERT_TRUE(failed.wait(kWaitMs));
  EXPECT_NE(FirstText(failed).find("crashed"), std::string::npos) << FirstText(failed);
}

TEST(ProcessPreviewJobTest, CancelTerminatesTheWorkerAndRemovesThePreview) {
  auto job =
      ShellJob(QStringLiteral("echo partial > \"$1\"; "
                              "echo '{\"event\":\"progress\",\"video\":1,\"videos\":1,\"done\":1,\"frames\":10}'; "
                              "exec sleep 60"));
  QSignalSpy progress(job.get(), &PreviewJob::Progress);
  QSignalSpy cancelled(job.get(), &PreviewJob::Cancelled);
  QSignalSpy finished(job.get(), &PreviewJob::Finished);
  QSignalSpy failed(job.get(), &PreviewJob::Failed);
  job->Start();
  ASSERT_TRUE(progress.wait(kWaitMs));
  ASSERT_TRUE(QFile::exists(job->PreviewPath()));
  job->Cancel();
  ASSERT_TRUE(cancelled.wait(kWaitMs));
  EXPECT_FALSE(QFile::exists(job->PreviewPath()));
  EXPECT_EQ(finished.count(), 0);
  EXPECT_EQ(failed.count(), 0);
}

TEST(ProcessPreviewJobTest, ArgumentsNameTheSpanOnlyWhenGiven) {
  EXPECT_EQ(PropagationArguments("p.hpj", "run/", 0, 0, -1),
            (QStringList{"propagate", "--project", "p.hpj", "--model", "run/"}));
  EXPECT_EQ(PropagationArguments("p.hpj", "m.ckpt", 3, 40, -1),
            (QStringList{"propagate", "--project", "p.hpj", "--video", "3", "--frames", "40:", "--model", "m.ckpt"}));
  EXPECT_EQ(InterpolationArguments("p.hpj", "openhand", 2, 0, 99),
            (QStringList{"interpolate", "--project", "p.hpj", "--video", "2", "--frames", "0:99", "--hand-model",
                         "openhand"}));
  EXPECT_TRUE(ProcessPreviewJob::DefaultCliPath().endsWith(QStringLiteral("/handprop")));
}

}  // namespace
}  // namespace handprop::ui
