// SPDX-License-Identifier: Apache-2.0
// The three-stage training job on a tiny synthetic project: a short run whose stage-1 loss drops,
// its checkpoints and run record, cancel and resume, the split filter and the errors.
#include "core/train/training_job.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/data/synth_job.h"
#include "core/io/store/project_store.h"
#include "core/train/checkpoint.h"
#include "tests/support/test_util.h"
#include "tests/support/tiny_project.h"

namespace handprop {
namespace {

using testing::ErrorMessageOf;
using testing::TempDir;

class TrainingJobTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    at::set_num_threads(1);
    dir_ = new TempDir();
    synth_ = testing::RenderTinyProject(dir_->File("synth"), 4);
  }
  static void TearDownTestSuite() { delete dir_; }

  static TrainingJobOptions Small(const std::string& out) {
    TrainingJobOptions o;
    o.project = synth_.project_path;
    o.out_dir = out;
    o.stage1_steps = 3;
    o.stage2_steps = 2;
    o.stage3_steps = 2;
    o.batch_size = 2;
    o.crop_size = 32;
    o.checkpoint_every = 0;
    o.threads = 1;
    o.seed = 1;
    return o;
  }

  static TempDir* dir_;
  static SynthResult synth_;
};
TempDir* TrainingJobTest::dir_ = nullptr;
SynthResult TrainingJobTest::synth_;

TEST_F(TrainingJobTest, WritesEveryStageAndRecordsTheRun) {
  const std::string out = dir_->File("run1");
  std::vector<int> stages;
  const TrainingJobResult r = RunTrainingJob(Small(out), [&](const TrainingJobProgress& p) {
    if (stages.empty() || stages.back() != p.stage) stages.push_back(p.stage);
    EXPECT_TRUE(std::isfinite(p.loss));
    EXPECT_GE(p.eta_seconds, 0.0);
  });
  EXPECT_EQ(stages, (std::vector<int>{1, 2, 3}));
  EXPECT_FALSE(r.cancelled);
  EXPECT_EQ(r.model, out + "/propagator.ckpt");
  EXPECT_EQ(r.baseline, out + "/stage1.ckpt");
  EXPECT_EQ(r.device, "cpu (1 threads)");
  const CheckpointInfo s1 = ReadCheckpointInfo(r.baseline), s2 = ReadCheckpointInfo(out + "/stage2.ckpt"),
                       s3 = ReadCheckpointInfo(r.model);
  EXPECT_EQ(s1.kind, "hand_predictor");
  EXPECT_EQ(s1.step, 3);
  EXPECT_EQ(s2.kind, "propagator");
  EXPECT_EQ(s2.step, 2);
  EXPECT_EQ(s3.step, 2);
  const std::vector<RunRecord> runs = ProjectStore::Open(synth_.project_path, StoreOpenOptions::ReadOnly()).Runs();
  ASSERT_FALSE(runs.empty());
  EXPECT_EQ(runs.back().kind, "train");
  EXPECT_EQ(runs.back().status, RunStatus::kFinished);
  EXPECT_EQ(runs.back().checkpoint_path, r.model);

  // The folder is taken: without --resume nothing is touched.
  EXPECT_EQ(ErrorMessageOf([&] { RunTrainingJob(Small(out)); }), out + ": is not empty; pass --resume to continue its training");
}

TEST_F(TrainingJobTest, CancelThenResumeFinishesEveryStage) {
  const std::string out = dir_->File("run2");
  std::atomic<bool> cancel{false};
  const TrainingJobResult stopped = RunTrainingJob(Small(out), [&](const TrainingJobProgress& p) {
    if (p.stage == 1 && p.step == 2) cancel = true;
  }, &cancel);
  EXPECT_TRUE(stopped.cancelled);
  EXPECT_EQ(ReadCheckpointInfo(out + "/stage1.ckpt").step, 2);
  EXPECT_FALSE(std::filesystem::exists(out + "/propagator.ckpt"));
  EXPECT_EQ(ProjectStore::Open(synth_.project_path, StoreOpenOptions::ReadOnly()).Runs().back().status, RunStatus::kCancelled);

  TrainingJobOptions o = Small(out);
  o.resume = true;
  std::vector<std::pair<int, int64_t>> steps;
  const TrainingJobResult done = RunTrainingJob(o, [&](const TrainingJobProgress& p) { steps.emplace_back(p.stage, p.step); });
  EXPECT_FALSE(done.cancelled);
  EXPECT_EQ(steps.front(), std::make_pair(1, int64_t{3}));  // stage 1 continues at its third step
  EXPECT_EQ(ReadCheckpointInfo(out + "/propagator.ckpt").step, 2);

  // Resuming a finished job runs no step and leaves every checkpoint byte for byte as it was,
  // so the model id of the labels it propagates stays the same (the demo's second run).
  const auto bytes = [&](const std::string& name) {
    std::ifstream in(out + "/" + name, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string stage1 = bytes("stage1.ckpt"), stage2 = bytes("stage2.ckpt"), model = bytes("propagator.ckpt");
  steps.clear();
  RunTrainingJob(o, [&](const TrainingJobProgress& p) { steps.emplace_back(p.stage, p.step); });
  EXPECT_TRUE(steps.empty());
  EXPECT_EQ(bytes("stage1.ckpt"), stage1);
  EXPECT_EQ(bytes("stage2.ckpt"), stage2);
  EXPECT_EQ(bytes("propagator.ckpt"), model);
}

TEST_F(TrainingJobTest, ShortRunLowersTheLossOnOneSequence) {
  TrainingJobOptions o = Small(dir_->File("run3"));
  o.sequences = {"0000"};  // two of the four videos
  o.stage1_steps = 40;
  o.stage2_steps = 0;
  o.stage3_steps = 0;
  o.batch_size = 4;
  o.learning_rate = 1e-3;
  std::vector<double> joints;
  RunTrainingJob(o, [&](const TrainingJobProgress& p) { joints.push_back(p.joints_loss); });
  ASSERT_EQ(joints.size(), 40u);
  double first = 0, last = 0;
  for (int i = 0; i < 5; ++i) first += joints[i], last += joints[35 + i];
  EXPECT_LT(last, first / 2) << "first five " << first / 5 << ", last five " << last / 5;
}

TEST_F(TrainingJobTest, Errors) {
  TrainingJobOptions o = Small(dir_->File("run4"));
  o.sequences = {"nope"};
  EXPECT_EQ(ErrorMessageOf([&] { RunTrainingJob(o); }), synth_.project_path + ": has no sequence 'nope'");
  o = Small(dir_->File("run5"));
  o.project = synth_.ground_truth_path;
  EXPECT_EQ(ErrorMessageOf([&] { RunTrainingJob(o); }),
            synth_.ground_truth_path + ": is a ground-truth store; training reads the labels of a project");
  EXPECT_FALSE(std::filesystem::exists(dir_->File("run5")));
  o = Small(dir_->File("run6"));
  o.crop_size = 16;
  EXPECT_EQ(ErrorMessageOf([&] { RunTrainingJob(o); }), "training options: crop_size must be >= 32");
}

}  // namespace
}  // namespace handprop
