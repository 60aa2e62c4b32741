// SPDX-License-Identifier: Apache-2.0
// Stages 2 and 3 (core/train/propagator_trainer.h) on a tiny in-memory video: random 64 x 64
// crops whose labels are OpenHand hands in small random poses. Pins that stage 2 moves the aligner
// only and lowers its loss, that stage 3 moves both networks and lowers the total, that 3 + 2
// resumed steps equal 5 straight ones bit for bit, that stage 2 seeds stage 3 and a stage-1
// checkpoint seeds the predictor, and the one-line checkpoint errors. One torch thread.
#include "core/train/propagator_trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cstdio>
#include <numeric>
#include <vector>

#include "core/model/hand_model_io.h"
#include "core/model/lbs_torch.h"
#include "core/nn/hand_predictor.h"
#include "core/nn/rooted_hand.h"
#include "core/propagate/alignment_losses.h"
#include "core/train/checkpoint.h"
#include "core/train/pair_sampler.h"
#include "core/train/predictor_trainer.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::ErrorMessageOf;
using testing::TempDir;

constexpr int kCrop = 64;
constexpr int64_t kVideoId = 7;

// One video of `num_frames` random crops with OpenHand labels on `key_frames`, from its own
// generator. LoadFrames is stateless; NextLabelled cycles through the key frames (stage 1).
class TinyVideoSource : public BatchSource {
 public:
  TinyVideoSource(int num_frames, std::vector<int> key_frames, uint64_t seed)
      : num_frames_(num_frames), key_frames_(std::move(key_frames)) {
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    const TorchHandLayer layer(LoadHandModelByName("openhand"), torch::kCPU);
    const torch::Tensor pca =
        torch::cat({0.3 * torch::randn({num_frames, 3}, gen), 0.5 * torch::randn({num_frames, 15}, gen)}, 1);
    pose_ = layer.AbsolutePose(pca, PoseConvention{false, 15});
    betas_ = 0.5 * torch::randn({num_frames, 10}, gen);
    const torch::Tensor xy = 0.03 * torch::randn({num_frames, 2}, gen);
    const torch::Tensor z = 0.5 + 0.12 * torch::rand({num_frames, 1}, gen);
    keypoints_ = HandAtRoot(layer, RootedHand{torch::cat({xy, z}, 1), pose_, betas_}).keypoints.detach();
    images_ = torch::rand({num_frames, 3, kCrop, kCrop}, gen) - 0.5;
    labelled_ = torch::zeros({num_frames}, torch::kBool);
    for (int k : key_frames_) labelled_[k] = true;
  }

  TrainingBatch NextLabelled(int batch_size) override {
    std::vector<FrameRef> frames;
    for (int i = 0; i < batch_size; ++i) frames.push_back({kVideoId, key_frames_[next_++ % key_frames_.size()]});
    return LoadFrames(frames);
  }
  SourceVideos Videos() const override { return {{kVideoId}, {{num_frames_, key_frames_}}}; }
  TrainingBatch LoadFrames(const std::vector<FrameRef>& frames) override {
    std::vector<int64_t> rows;
    for (const FrameRef& f : frames) {
      EXPECT_EQ(f.video_id, kVideoId);
      rows.push_back(f.frame);
    }
    ++loads_;
    const torch::Tensor index = torch::tensor(rows, torch::kLong);
    const torch::Tensor labelled = labelled_.index_select(0, index);
    const torch::Tensor mask = labelled.to(torch::kFloat);
    TrainingBatch batch;
    batch.images = images_.index_select(0, index);
    batch.intrinsics = torch::tensor({120.0f, 120.0f, 31.5f, 31.5f}).repeat({index.size(0), 1});
    batch.keypoints = keypoints_.index_select(0, index) * mask.view({-1, 1, 1});
    batch.pose = pose_.index_select(0, index) * mask.view({-1, 1});
    batch.betas = betas_.index_select(0, index) * mask.view({-1, 1});
    batch.labelled = labelled;
    for (const FrameRef& f : frames) {
      batch.video_ids.push_back(f.video_id);
      batch.frames.push_back(f.frame);
    }
    return batch;
  }
  int64_t loads() const { return loads_; }

 private:
  int num_frames_;
  std::vector<int> key_frames_;
  size_t next_ = 0;
  int64_t loads_ = 0;
  torch::Tensor images_, keypoints_, pose_, betas_, labelled_;
};

PropagatorTrainerOptions TinyOptions(int stage, int64_t steps) {
  PropagatorTrainerOptions options;
  options.stage = stage;
  options.network.crop_size = kCrop;
  options.aligner.hidden_dim = 128;
  options.steps = steps;
  options.batch_size = 4;
  options.learning_rate = 1e-3;
  options.device = "cpu";
  return options;
}

// Every parameter and buffer of two modules, by name, bit for bit.
::testing::AssertionResult SameState(torch::nn::Module& a, torch::nn::Module& b) {
  const auto pa = a.named_parameters(), pb = b.named_parameters();
  const auto ba = a.named_buffers(), bb = b.named_buffers();
  if (pa.size() != pb.size() || ba.size() != bb.size()) return ::testing::AssertionFailure() << "different sizes";
  for (const auto& item : pa)
    if (!torch::equal(item.value(), pb[item.key()])) return ::testing::AssertionFailure() << item.key() << " differs";
  for (const auto& item : ba)
    if (!torch::equal(item.value(), bb[item.key()])) return ::testing::AssertionFailure() << item.key() << " differs";
  return ::testing::AssertionSuccess();
}

// A deep copy of a module's parameters and buffers, to compare with later.
std::vector<torch::Tensor> Snapshot(torch::nn::Module& module) {
  std::vector<torch::Tensor> copy;
  for (const torch::Tensor& t : module.parameters()) copy.push_back(t.detach().clone());
  for (const torch::Tensor& t : module.buffers()) copy.push_back(t.detach().clone());
  return copy;
}

bool Unchanged(torch::nn::Module& module, const std::vector<torch::Tensor>& snapshot) {
  const std::vector<torch::Tensor> now = Snapshot(module);
  if (now.size() != snapshot.size()) return false;
  for (size_t i = 0; i < now.size(); ++i)
    if (!torch::equal(now[i], snapshot[i])) return false;
  return true;
}

double Mean(const std::vector<double>& v, size_t begin, size_t end) {
  return std::accumulate(v.begin() + begin, v.begin() + end, 0.0) / static_cast<double>(end - begin);
}

TEST(PropagatorTrainerTest, OptionsAreCheckedAndRoundTripThroughJson) {
  const PropagatorTrainerOptions defaults;
  EXPECT_EQ(defaults.Check(), "");
  EXPECT_EQ(defaults.stage, 2);
  EXPECT_DOUBLE_EQ(defaults.alignment_weight, 1.0);
  PropagatorTrainerOptions bad;
  bad.stage = 1;
  EXPECT_EQ(bad.Check(), "stage must be 2 or 3");
  bad = {};
  bad.aligner.feature_dim = 512;
  EXPECT_EQ(bad.Check(), "aligner.feature_dim must be the predictor's 640 features");
  bad = {};
  bad.alignment_weight = -1.0;
  EXPECT_EQ(ErrorMessageOf([&] { PropagatorTrainer trainer(bad); }),
            "propagator options: alignment_weight must be finite and >= 0");

  PropagatorTrainerOptions options = TinyOptions(3, 77);
  options.aligner.num_residual_blocks = 1;
  options.alignment_loss.backward_weight = 0.25;
  options.alignment_weight = 0.5;
  options.top_k = 2;
  options.seed = 42;
  const PropagatorTrainerOptions back =
      PropagatorTrainerOptionsFromJson(PropagatorTrainerOptionsToJson(options), "test");
  EXPECT_EQ(PropagatorTrainerOptionsToJson(back), PropagatorTrainerOptionsToJson(options));
  EXPECT_EQ(back.stage, 3);
  EXPECT_EQ(back.aligner.hidden_dim, 128);
  EXPECT_DOUBLE_EQ(back.alignment_loss.backward_weight, 0.25);
  EXPECT_EQ(ErrorMessageOf([] { PropagatorTrainerOptionsFromJson(R"({"stage":"two"})", "a.ckpt"); }).rfind(
                "a.ckpt: propagator options: ", 0),
            0u);
}

TEST(PropagatorTrainerTest, Stage2MovesOnlyTheAlignerAndItsLossDrops) {
  TinyVideoSource source(8, {0, 1, 2, 3, 4, 5, 6, 7}, 1);  // every frame labelled
  PropagatorTrainer trainer(TinyOptions(2, 40));
  const std::vector<torch::Tensor> predictor_before = Snapshot(*trainer.predictor());
  const std::vector<torch::Tensor> aligner_before = Snapshot(*trainer.aligner());
  std::vector<double> losses;
  const PropagatorTrainingResult result = trainer.Run(source, [&](const PropagatorProgress& p) {
    EXPECT_EQ(p.loss.predictor, 0.0);
    EXPECT_DOUBLE_EQ(p.loss.total, p.loss.alignment);
    losses.push_back(p.loss.total);
  });
  ASSERT_EQ(losses.size(), 40u);
  EXPECT_EQ(result.step, 40);
  EXPECT_EQ(source.loads(), 1);  // the 8 key frames, encoded once (key_frame_features.h)
  EXPECT_TRUE(Unchanged(*trainer.predictor(), predictor_before));
  EXPECT_FALSE(Unchanged(*trainer.aligner(), aligner_before));
  const double first = Mean(losses, 0, 5), last = Mean(losses, 35, 40);
  std::printf("stage 2 loss %.3g -> %.3g (%.1fx) in %.1f s\n", first, last, first / last, result.seconds);
  EXPECT_LT(last, first / 3.0);
}

TEST(PropagatorTrainerTest, Stage2OnCachedFeaturesTakesTheLossOfEncodingEveryPair) {
  // The first step's loss, from the cache, equals the alignment loss of the same pairs encoded
  // directly by the frozen predictor from LoadFrames.
  TinyVideoSource source(12, {0, 4, 8, 11}, 9);
  PropagatorTrainerOptions options = TinyOptions(2, 1);
  options.top_k = 4;
  PropagatorTrainer trainer(options);
  double cached_loss = 0.0;
  trainer.Run(source, [&](const PropagatorProgress& p) { cached_loss = p.loss.total; });

  PropagatorTrainer fresh(options);  // the same seed: the same networks and pairs
  PairSampler sampler(source.Videos().key_frames, {options.unlabelled_probability, options.max_gap, options.top_k,
                                                    true, PropagatorPairSeed(options.seed)});
  const std::vector<FramePair> pairs = sampler.NextBatch(options.batch_size);
  std::vector<FrameRef> a, b;
  for (const FramePair& p : pairs) {
    a.push_back({kVideoId, p.a});
    b.push_back({kVideoId, p.b});
  }
  const TrainingBatch batch_a = source.LoadFrames(a), batch_b = source.LoadFrames(b);
  torch::NoGradGuard no_grad;
  fresh.predictor()->eval();
  const auto truth = [](const TrainingBatch& t) { return RootedHand{t.keypoints.select(1, 0), t.pose, t.betas}; };
  PoseAligner aligner = fresh.aligner();
  const AlignmentLoss direct = ComputeAlignmentLoss(
      fresh.predictor()->hand_layer(), aligner, fresh.predictor()->Encode(batch_a.images).concatenated,
      fresh.predictor()->Encode(batch_b.images).concatenated, truth(batch_a), truth(batch_b), options.alignment_loss);
  EXPECT_NEAR(cached_loss, direct.total.item<double>(), 1e-5 * cached_loss);
}

TEST(PropagatorTrainerTest, Stage3MovesBothNetworksAndItsTotalDrops) {
  // Key frames 0 and 3, top_k 1 and always an unlabelled partner: the pairs are (0|3, 1|2).
  TinyVideoSource source(4, {0, 3}, 2);
  PropagatorTrainerOptions options = TinyOptions(3, 40);
  options.unlabelled_probability = 1.0;
  options.top_k = 1;
  PropagatorTrainer trainer(options);
  const std::vector<torch::Tensor> predictor_before = Snapshot(*trainer.predictor());
  const std::vector<torch::Tensor> aligner_before = Snapshot(*trainer.aligner());
  std::vector<double> losses;
  const PropagatorTrainingResult result = trainer.Run(source, [&](const PropagatorProgress& p) {
    EXPECT_NEAR(p.loss.total, p.loss.predictor + p.loss.alignment, 1e-6 * p.loss.total);
    EXPECT_GT(p.loss.backward, 0.0);
    losses.push_back(p.loss.total);
  });
  ASSERT_EQ(losses.size(), 40u);
  EXPECT_FALSE(Unchanged(*trainer.predictor(), predictor_before));
  EXPECT_FALSE(Unchanged(*trainer.aligner(), aligner_before));
  const double first = Mean(losses, 0, 5), last = Mean(losses, 35, 40);
  std::printf("stage 3 total %.3g -> %.3g (%.1fx) in %.1f s\n", first, last, first / last, result.seconds);
  EXPECT_LT(last, first / 3.0);
}

TEST(PropagatorTrainerTest, ResumedRunEqualsUninterruptedRunAndStage2SeedsStage3) {
  TempDir dir;
  TinyVideoSource source(6, {0, 5}, 3);
  PropagatorTrainer straight(TinyOptions(3, 5));
  straight.Run(source);

  PropagatorTrainerOptions first_part = TinyOptions(3, 3);
  first_part.checkpoint_path = dir.File("part.ckpt");
  EXPECT_EQ(PropagatorTrainer(first_part).Run(source).checkpoint, first_part.checkpoint_path);
  const CheckpointInfo info = ReadCheckpointInfo(first_part.checkpoint_path);
  EXPECT_EQ(info.kind, "propagator");
  EXPECT_EQ(info.step, 3);
  EXPECT_EQ(PropagatorTrainerOptionsFromJson(info.options_json, "x").stage, 3);

  PropagatorTrainer second(TinyOptions(3, 5));
  second.Resume(first_part.checkpoint_path);
  EXPECT_EQ(second.step(), 3);
  const PropagatorTrainingResult result = second.Run(source);
  EXPECT_EQ(result.steps_run, 2);
  EXPECT_EQ(result.step, 5);
  EXPECT_TRUE(SameState(*straight.predictor(), *second.predictor()));
  EXPECT_TRUE(SameState(*straight.aligner(), *second.aligner()));

  // A stage-2 checkpoint starts stage 3, and a stage-3 one a stage-2 re-fit: networks, step 0.
  TinyVideoSource labelled(6, {0, 1, 2, 3, 4, 5}, 4);
  PropagatorTrainer stage2(TinyOptions(2, 2));
  stage2.Run(labelled);
  const std::string stage2_path = dir.File("stage2.ckpt");
  stage2.SaveCheckpoint(stage2_path);
  PropagatorTrainerOptions stage3_options = TinyOptions(3, 1);
  stage3_options.seed = 5;
  PropagatorTrainer stage3(stage3_options);
  stage3.Resume(stage2_path);
  EXPECT_EQ(stage3.step(), 0);
  EXPECT_TRUE(SameState(*stage2.predictor(), *stage3.predictor()));
  EXPECT_TRUE(SameState(*stage2.aligner(), *stage3.aligner()));
  PropagatorTrainer refit(TinyOptions(2, 1));
  refit.Resume(first_part.checkpoint_path);
  EXPECT_EQ(refit.step(), 0);
  PropagatorTrainer from_first(TinyOptions(3, 3));
  from_first.Resume(first_part.checkpoint_path);
  EXPECT_TRUE(SameState(*from_first.predictor(), *refit.predictor()));
  EXPECT_TRUE(SameState(*from_first.aligner(), *refit.aligner()));
}

TEST(PropagatorTrainerTest, Stage1CheckpointSeedsThePredictorAndMismatchesAreRefused) {
  TempDir dir;
  TinyVideoSource source(6, {0, 2, 4}, 5);
  PredictorTrainerOptions stage1_options;
  stage1_options.network.crop_size = kCrop;
  stage1_options.steps = 2;
  stage1_options.batch_size = 2;
  stage1_options.device = "cpu";
  stage1_options.seed = 11;
  PredictorTrainer stage1(stage1_options);
  stage1.Run(source);
  const std::string stage1_path = dir.File("stage1.ckpt");
  stage1.SaveCheckpoint(stage1_path);

  PropagatorTrainer trainer(TinyOptions(2, 1));
  EXPECT_FALSE(SameState(*stage1.network(), *trainer.predictor()));
  trainer.LoadPredictor(stage1_path);
  EXPECT_TRUE(SameState(*stage1.network(), *trainer.predictor()));
  EXPECT_EQ(trainer.step(), 0);
  EXPECT_EQ(ErrorMessageOf([&] { trainer.Resume(stage1_path); }),
            stage1_path + ": holds a hand_predictor checkpoint, not a propagator one");

  // Another hand model: OpenHand with its template moved by 1 mm.
  HandModel moved = LoadHandModelByName("openhand");
  moved.v_template.array() += 1e-3;
  const std::string model_path = dir.File("moved.npz");
  SaveHandModel(model_path, moved);
  PropagatorTrainerOptions other_model = TinyOptions(2, 1);
  other_model.hand_model = model_path;
  PropagatorTrainer wrong_model(other_model);
  EXPECT_EQ(ErrorMessageOf([&] { wrong_model.LoadPredictor(stage1_path); }),
            stage1_path + ": trained with hand model openhand (hash " + IdentifyHandModel("openhand").hash + "), not " +
                model_path + " (hash " + IdentifyHandModel(model_path).hash + ")");

  PropagatorTrainerOptions bigger = TinyOptions(2, 1);
  bigger.network.crop_size = 96;
  PropagatorTrainer wrong_shape(bigger);
  EXPECT_EQ(ErrorMessageOf([&] { wrong_shape.LoadPredictor(stage1_path); }),
            stage1_path + ": network crop_size is 64, the options say 96");

  const std::string propagator_path = dir.File("stage2.ckpt");
  trainer.SaveCheckpoint(propagator_path);
  EXPECT_EQ(ErrorMessageOf([&] { trainer.LoadPredictor(propagator_path); }),
            propagator_path + ": holds a propagator checkpoint, not a hand_predictor one");
  PropagatorTrainerOptions wider = TinyOptions(2, 1);
  wider.aligner.hidden_dim = 64;
  PropagatorTrainer wrong_aligner(wider);
  EXPECT_EQ(ErrorMessageOf([&] { wrong_aligner.Resume(propagator_path); }),
            propagator_path + ": aligner hidden_dim is 128, the options say 64");
}

// A stage-1-only source keeps BatchSource's pair defaults; the trainer reports it in one line.
class LabelledOnlySource : public BatchSource {
 public:
  TrainingBatch NextLabelled(int batch_size) override { return source_.NextLabelled(batch_size); }

 private:
  TinyVideoSource source_{2, {0, 1}, 6};
};

TEST(PropagatorTrainerTest, ASourceWithoutPairsIsRefused) {
  LabelledOnlySource source;
  PropagatorTrainer trainer(TinyOptions(2, 1));
  EXPECT_EQ(ErrorMessageOf<RuntimeError>([&] { trainer.Run(source); }),
            "batch source: Videos is not supported by this source");
  EXPECT_EQ(ErrorMessageOf<RuntimeError>([&] { source.LoadFrames({{kVideoId, 0}}); }),
            "batch source: LoadFrames is not supported by this source");
  EXPECT_EQ(trainer.step(), 0);
}

}  // namespace
}  // namespace handprop
