// SPDX-License-Identifier: Apache-2.0
// Stage (i) trainer (core/train/predictor_trainer.h) on a tiny in-memory BatchSource: random
// 64 x 64 crops whose targets are OpenHand hands in small random poses. Pins that the joint loss
// drops, that checkpoints restore parameters, buffers, Adam state and step bit-exactly, that
// 10 + 10 resumed steps equal 20 straight ones, cancellation, and the one-line checkpoint errors.
// One torch thread (ctest sets OMP_NUM_THREADS=1).
#include "core/train/predictor_trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cstdio>
#include <filesystem>
#include <vector>

#include "core/model/hand_model_io.h"
#include "core/model/lbs_torch.h"
#include "core/nn/hand_predictor.h"
#include "core/nn/rooted_hand.h"
#include "core/train/checkpoint.h"
#include "core/util/atomic_file.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::ErrorMessageOf;
using testing::TempDir;

constexpr int kCrop = 64;

// `pool` fixed samples drawn from its own generator (never torch's global one), served in a
// cycle: batch k holds samples k*B .. k*B + B - 1 modulo pool. Deterministic for the seed.
class TinySource : public BatchSource {
 public:
  TinySource(int pool, uint64_t seed) : pool_(pool) {
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    const HandModel model = LoadHandModelByName("openhand");
    const TorchHandLayer layer(model, torch::kCPU);
    const torch::Tensor pca = torch::cat({0.3 * torch::randn({pool, 3}, gen), 0.5 * torch::randn({pool, 15}, gen)}, 1);
    pose_ = layer.AbsolutePose(pca, PoseConvention{false, 15});
    betas_ = 0.5 * torch::randn({pool, 10}, gen);
    const torch::Tensor xy = 0.03 * torch::randn({pool, 2}, gen);
    const torch::Tensor z = 0.5 + 0.12 * torch::rand({pool, 1}, gen);
    keypoints_ = HandAtRoot(layer, RootedHand{torch::cat({xy, z}, 1), pose_, betas_}).keypoints.detach();
    images_ = torch::rand({pool, 3, kCrop, kCrop}, gen) - 0.5;
  }

  TrainingBatch NextLabelled(int batch_size) override {
    const torch::Tensor index = (torch::arange(batch_size, torch::kLong) + next_) % pool_;
    next_ += batch_size;
    ++batches_served_;
    TrainingBatch batch;
    batch.images = images_.index_select(0, index);
    batch.intrinsics = torch::tensor({120.0f, 120.0f, 31.5f, 31.5f}).repeat({batch_size, 1});
    batch.keypoints = keypoints_.index_select(0, index);
    batch.pose = pose_.index_select(0, index);
    batch.betas = betas_.index_select(0, index);
    batch.labelled = torch::ones({batch_size}, torch::kBool);
    for (int i = 0; i < batch_size; ++i) {
      batch.video_ids.push_back(1);
      batch.frames.push_back(static_cast<int>(index[i].item<int64_t>()));
    }
    return batch;
  }
  int64_t batches_served() const { return batches_served_; }

 private:
  int64_t pool_;
  int64_t next_ = 0;
  int64_t batches_served_ = 0;
  torch::Tensor images_, keypoints_, pose_, betas_;
};

PredictorTrainerOptions TinyOptions(int64_t steps) {
  PredictorTrainerOptions options;
  options.network.crop_size = kCrop;
  options.steps = steps;
  options.batch_size = 4;
  options.learning_rate = 1e-3;
  options.device = "cpu";
  return options;
}

// Every parameter and buffer, by name, bit for bit.
::testing::AssertionResult SameState(HandPredictorImpl& a, HandPredictorImpl& b) {
  const auto pa = a.named_parameters(), pb = b.named_parameters();
  const auto ba = a.named_buffers(), bb = b.named_buffers();
  if (pa.size() != pb.size() || ba.size() != bb.size()) return ::testing::AssertionFailure() << "different sizes";
  for (const auto& item : pa)
    if (!torch::equal(item.value(), pb[item.key()])) return ::testing::AssertionFailure() << item.key() << " differs";
  for (const auto& item : ba)
    if (!torch::equal(item.value(), bb[item.key()])) return ::testing::AssertionFailure() << item.key() << " differs";
  return ::testing::AssertionSuccess();
}

TEST(PredictorTrainerTest, DefaultsAreHassonsAndChecked) {
  const PredictorTrainerOptions defaults;
  EXPECT_EQ(defaults.Check(), "");
  EXPECT_EQ(defaults.batch_size, 8);
  EXPECT_DOUBLE_EQ(defaults.learning_rate, 5e-5);
  EXPECT_EQ(defaults.device, "auto");
  PredictorTrainerOptions bad;
  bad.batch_size = 0;
  EXPECT_EQ(bad.Check(), "batch_size = 0 violates batch_size >= 1");
  bad = {};
  bad.network.crop_size = 16;
  EXPECT_EQ(bad.Check(), "network.crop_size = 16 violates crop_size >= 32");
  bad = {};
  bad.learning_rate = -1.0;
  EXPECT_EQ(ErrorMessageOf([&] { PredictorTrainer trainer(bad); }),
            "trainer options: learning_rate must be finite and > 0");
  bad = {};
  bad.device = "tpu";
  EXPECT_EQ(ErrorMessageOf([&] { PredictorTrainer trainer(bad); }), "--device tpu: expected auto, cpu, cuda or cuda:N");
}

TEST(PredictorTrainerTest, OptionsJsonRoundTrip) {
  PredictorTrainerOptions options = TinyOptions(77);
  options.network.num_pca = 12;
  options.network.depth_offset = 0.35;
  options.loss.pose = 1e-3;
  options.checkpoint_path = "x/run.ckpt";
  options.checkpoint_every = 5;
  options.seed = 42;
  options.threads = 3;
  const PredictorTrainerOptions back =
      PredictorTrainerOptionsFromJson(PredictorTrainerOptionsToJson(options), "test");
  EXPECT_EQ(PredictorTrainerOptionsToJson(back), PredictorTrainerOptionsToJson(options));
  EXPECT_EQ(back.network.num_pca, 12);
  EXPECT_EQ(back.seed, 42u);
  EXPECT_EQ(ErrorMessageOf([] { PredictorTrainerOptionsFromJson(R"({"steps":"many"})", "a.ckpt"); }).rfind(
                "a.ckpt: trainer options: ", 0),
            0u);
}

TEST(PredictorTrainerTest, JointLossDropsFivefoldWithin60Steps) {
  TinySource source(4, 1);
  PredictorTrainer trainer(TinyOptions(60));
  std::vector<double> joints;
  int64_t last_step = 0;
  const PredictorTrainingResult result = trainer.Run(source, [&](const PredictorProgress& p) {
    joints.push_back(p.loss.joints);
    EXPECT_EQ(p.step, last_step + 1);
    EXPECT_EQ(p.steps, 60);
    EXPECT_GT(p.images_per_second, 0.0);
    EXPECT_GE(p.eta_seconds, 0.0);
    last_step = p.step;
  });
  ASSERT_EQ(joints.size(), 60u);
  EXPECT_EQ(result.step, 60);
  EXPECT_EQ(result.steps_run, 60);
  EXPECT_FALSE(result.cancelled);
  EXPECT_EQ(result.device, "cpu (1 threads)");
  EXPECT_EQ(result.checkpoint, "");
  EXPECT_DOUBLE_EQ(result.loss.joints, joints.back());
  std::printf("joint loss %.3g -> %.3g (%.1fx) in %.1f s, %.1f images/s\n", joints.front(), joints.back(),
              joints.front() / joints.back(), result.seconds, result.images_per_second);
  EXPECT_LT(joints.back(), joints.front() / 5.0);
}

TEST(PredictorTrainerTest, CheckpointRestoresParametersAdamStateAndStep) {
  TempDir dir;
  const std::string path = dir.File("a.ckpt");
  TinySource source_a(6, 2);
  PredictorTrainer a(TinyOptions(3));
  a.Run(source_a);
  a.SaveCheckpoint(path);
  EXPECT_EQ(ReadCheckpointInfo(path).step, 3);

  PredictorTrainerOptions other_seed = TinyOptions(3);
  other_seed.seed = 9;  // a different initialisation, so equality below comes from the checkpoint
  PredictorTrainer b(other_seed);
  EXPECT_FALSE(SameState(*a.network(), *b.network()));
  b.Resume(path);
  EXPECT_EQ(b.step(), 3);
  EXPECT_TRUE(SameState(*a.network(), *b.network()));

  // One step more from the checkpoint equals 4 straight steps only if Adam's moments and step
  // count came back (a fresh Adam's first step moves every weight by about the learning rate).
  TinySource straight_source(6, 2);
  PredictorTrainer straight(TinyOptions(4));
  straight.Run(straight_source);
  PredictorTrainerOptions four = TinyOptions(4);
  four.seed = 9;
  PredictorTrainer resumed(four);
  resumed.Resume(path);
  TinySource resumed_source(6, 2);
  EXPECT_EQ(resumed.Run(resumed_source).steps_run, 1);
  EXPECT_EQ(resumed_source.batches_served(), 4);  // 3 skipped, 1 trained
  EXPECT_TRUE(SameState(*straight.network(), *resumed.network()));
  EXPECT_FALSE(SameState(*straight.network(), *a.network()));
}

TEST(PredictorTrainerTest, ResumedRunEqualsUninterruptedRun) {
  // With dropout on, so that the per-step reseeding of torch's generators is what makes it exact.
  const auto options = [](int64_t steps) {
    PredictorTrainerOptions o = TinyOptions(steps);
    o.network.dropout = 0.3;
    return o;
  };
  TempDir dir;
  TinySource straight_source(6, 3);
  PredictorTrainer straight(options(20));
  straight.Run(straight_source);

  PredictorTrainerOptions first_half = options(10);
  first_half.checkpoint_path = dir.File("half.ckpt");
  TinySource first_source(6, 3);
  const PredictorTrainingResult first = PredictorTrainer(first_half).Run(first_source);
  EXPECT_EQ(first.checkpoint, first_half.checkpoint_path);

  PredictorTrainer second(options(20));
  second.Resume(first_half.checkpoint_path);
  TinySource second_source(6, 3);  // fresh: Run skips the 10 batches already used
  const PredictorTrainingResult result = second.Run(second_source);
  EXPECT_EQ(result.step, 20);
  EXPECT_EQ(result.steps_run, 10);
  EXPECT_TRUE(SameState(*straight.network(), *second.network()));

  // A resume with another batch size or other root constants is refused; the trainer is unchanged.
  PredictorTrainerOptions other_batch = options(20);
  other_batch.batch_size = 2;
  EXPECT_NE(ErrorMessageOf([&] { PredictorTrainer(other_batch).Resume(first_half.checkpoint_path); }).find("batch_size"),
            std::string::npos);
  PredictorTrainerOptions other_depth = options(20);
  other_depth.network.depth_offset = 0.5;
  PredictorTrainer refused(other_depth);
  EXPECT_NE(ErrorMessageOf([&] { refused.Resume(first_half.checkpoint_path); }).find("depth_offset"), std::string::npos);
  EXPECT_EQ(refused.step(), 0);
}

TEST(PredictorTrainerTest, CancelStopsWithinOneStepAndLeavesACheckpoint) {
  TempDir dir;
  PredictorTrainerOptions options = TinyOptions(50);
  options.checkpoint_path = dir.File("cancel.ckpt");
  options.checkpoint_every = 2;
  std::atomic<bool> cancel{false};
  TinySource source(6, 4);
  PredictorTrainer trainer(options);
  const PredictorTrainingResult result =
      trainer.Run(source, [&](const PredictorProgress& p) { cancel = p.step == 3; }, &cancel);
  EXPECT_TRUE(result.cancelled);
  EXPECT_EQ(result.step, 3);
  EXPECT_EQ(source.batches_served(), 3);
  EXPECT_EQ(ReadCheckpointInfo(options.checkpoint_path).step, 3);
  PredictorTrainer resumed(options);
  resumed.Resume(options.checkpoint_path);
  EXPECT_TRUE(SameState(*trainer.network(), *resumed.network()));

  // Asked not to: the periodic checkpoint at step 2 stays the last one.
  options.checkpoint_path = dir.File("no_cancel_checkpoint.ckpt");
  options.checkpoint_on_cancel = false;
  cancel = false;
  PredictorTrainer quiet(options);
  TinySource quiet_source(6, 4);
  EXPECT_EQ(quiet.Run(quiet_source, [&](const PredictorProgress& p) { cancel = p.step == 3; }, &cancel).step, 3);
  EXPECT_EQ(ReadCheckpointInfo(options.checkpoint_path).step, 2);
}

TEST(PredictorTrainerTest, IncompatibleCheckpointsGiveOneLineErrors) {
  TempDir dir;
  const std::string path = dir.File("run.ckpt");
  PredictorTrainer trainer(TinyOptions(0));
  trainer.SaveCheckpoint(path);

  // Another hand model: OpenHand with its template moved by 1 mm.
  HandModel moved = LoadHandModelByName("openhand");
  moved.v_template.array() += 1e-3;
  const std::string model_path = dir.File("moved.npz");
  SaveHandModel(model_path, moved);
  PredictorTrainerOptions other_model = TinyOptions(0);
  other_model.hand_model = model_path;
  PredictorTrainer wrong_model(other_model);
  EXPECT_EQ(ErrorMessageOf([&] { wrong_model.Resume(path); }),
            path + ": trained with hand model openhand (hash " + IdentifyHandModel("openhand").hash + "), not " +
                model_path + " (hash " + IdentifyHandModel(model_path).hash + ")");

  PredictorTrainerOptions bigger = TinyOptions(0);
  bigger.network.crop_size = 96;
  PredictorTrainer wrong_shape(bigger);
  EXPECT_EQ(ErrorMessageOf([&] { wrong_shape.Resume(path); }), path + ": network crop_size is 64, the options say 96");

  const std::string bytes = ReadFileToString(path);
  const std::string cut = dir.File("cut.ckpt");
  WriteFileAtomically(cut, bytes.substr(0, bytes.size() / 2));
  EXPECT_EQ(ErrorMessageOf([&] { trainer.Resume(cut); }), cut + ": truncated or not a HandProp checkpoint");
  EXPECT_EQ(trainer.step(), 0);
}

}  // namespace
}  // namespace handprop
