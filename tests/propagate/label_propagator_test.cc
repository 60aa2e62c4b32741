// SPDX-License-Identifier: Apache-2.0
// LabelPropagator on a tiny synthetic project (4 videos x 12 frames, key frames 0, 4, 8, 11):
// with an aligner that outputs zero, nearest-key propagation IS copy-nearest and bidirectional
// propagation IS keyframe interpolation (an exact reference built independently); chaining and
// sub-spans; the stage-1 predictor alone; uncertainty and errors.
#include "core/propagate/label_propagator.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>

#include "core/data/synth_job.h"
#include "core/io/store/project_store.h"
#include "core/model/hand_model_io.h"
#include "core/propagate/keyframe_baselines.h"
#include "core/train/predictor_trainer.h"
#include "core/train/propagator_trainer.h"
#include "tests/support/test_util.h"
#include "tests/support/tiny_project.h"

namespace handprop {
namespace {

using testing::ErrorMessageOf;
using testing::TempDir;

constexpr int kCrop = 48;

class LabelPropagatorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    at::set_num_threads(1);
    dir_ = new TempDir();
    synth_ = testing::RenderTinyProject(dir_->File("synth"), 5);
    // Untrained networks (seeded): one checkpoint with the aligner's weights zeroed, one random.
    PropagatorTrainerOptions o;
    o.stage = 3;
    o.steps = 0;
    o.network.crop_size = kCrop;
    o.seed = 11;
    PropagatorTrainer trainer(o);
    trainer.SaveCheckpoint(dir_->File("random.ckpt"));
    {
      torch::NoGradGuard no_grad;
      for (torch::Tensor& p : trainer.aligner()->parameters()) p.zero_();
    }
    trainer.SaveCheckpoint(dir_->File("zero.ckpt"));
    PredictorTrainerOptions p;
    p.steps = 0;
    p.network.crop_size = kCrop;
    PredictorTrainer(p).SaveCheckpoint(dir_->File("stage1.ckpt"));
  }
  static void TearDownTestSuite() { delete dir_; }

  // The project's key-frame labels of a video, by frame.
  static std::map<int, HandParams> Keys(int64_t video_id) {
    const ProjectStore store = ProjectStore::Open(synth_.project_path, StoreOpenOptions::ReadOnly());
    std::map<int, HandParams> keys;
    for (const LabelRecord& l : store.Labels(video_id)) keys[l.frame_index] = l.params;
    return keys;
  }

  static TempDir* dir_;
  static SynthResult synth_;
};
TempDir* LabelPropagatorTest::dir_ = nullptr;
SynthResult LabelPropagatorTest::synth_;

double MaxKeypointError(const HandLbs& lbs, const HandParams& expected, const KeypointMatrix& actual) {
  return (lbs.Forward(expected).keypoints - actual).cwiseAbs().maxCoeff();
}

TEST_F(LabelPropagatorTest, ZeroAlignerReproducesCopyNearestAndInterpolation) {
  LabelPropagator propagator(synth_.project_path, dir_->File("zero.ckpt"));
  EXPECT_TRUE(propagator.has_aligner());
  EXPECT_EQ(propagator.max_hop(), 9);  // the training Delta (10) - 1
  EXPECT_EQ(propagator.model_id().rfind("propagator:", 0), 0u);
  const HandModel model = LoadHandModelByName("openhand");
  const HandLbs lbs(model);
  for (const ProjectVideo& video : propagator.videos()) {
    const std::map<int, HandParams> keys = Keys(video.video_id);
    ASSERT_EQ(video.key_frames, (std::vector<int>{0, 4, 8, 11}));
    const std::vector<HandParams> copy = PropagateByBaseline(model, keys, 12, KeyFrameBaseline::kCopyNearest);
    const std::vector<HandParams> lerp = PropagateByBaseline(model, keys, 12, KeyFrameBaseline::kInterpolate);
    const VideoPropagation result = propagator.Propagate(video.video_id, 0, 11);
    ASSERT_EQ(result.frames.size(), 12u);
    for (const PropagatedFrame& f : result.frames) {
      EXPECT_EQ(f.key_frame, keys.count(f.frame) == 1);
      // float32 networks and labels: 1e-5 m (10 micrometres) is rounding.
      EXPECT_LT(MaxKeypointError(lbs, copy[f.frame], f.nearest.keypoints), 1e-5) << f.frame;
      EXPECT_LT(MaxKeypointError(lbs, lerp[f.frame], f.bidirectional.keypoints), 1e-5) << f.frame;
      EXPECT_LT(MaxKeypointError(lbs, f.bidirectional.params, f.bidirectional.keypoints), 1e-9);
      for (const HandEstimate* e : {&f.predictor, &f.nearest, &f.bidirectional}) {
        EXPECT_TRUE((e->confidence.array() >= 0).all() && (e->confidence.array() <= 1).all()) << f.frame;
        EXPECT_TRUE(e->params.pose.allFinite() && e->params.trans.allFinite());
      }
      if (f.key_frame) {
        EXPECT_EQ(f.bidirectional.confidence, ConfidenceVector::Ones());
        EXPECT_EQ(f.nearest.source_frames, (std::vector<int>{f.frame}));
        EXPECT_TRUE(f.from_previous.source_frames.empty() && f.from_next.source_frames.empty());
      } else {
        const int a = f.frame / 4 * 4, b = f.frame < 8 ? a + 4 : 11;
        // A zero aligner moves nothing: the two directions are the two key labels.
        EXPECT_EQ(f.from_previous.source_frames, (std::vector<int>{a}));
        EXPECT_EQ(f.from_next.source_frames, (std::vector<int>{b}));
        EXPECT_LT(MaxKeypointError(lbs, keys.at(a), f.from_previous.keypoints), 1e-5) << f.frame;
        EXPECT_LT(MaxKeypointError(lbs, keys.at(b), f.from_next.keypoints), 1e-5) << f.frame;
        EXPECT_EQ(f.bidirectional.source_frames, (std::vector<int>{a, b}));
        EXPECT_EQ(f.nearest.source_frames, (std::vector<int>{f.frame - a <= b - f.frame ? a : b}));
        // Uncertainty = half the distance of the two copies: the frames differ, so confidence < 1.
        const KeypointMatrix ka = lbs.Forward(keys.at(a)).keypoints, kb = lbs.Forward(keys.at(b)).keypoints;
        const double u0 = 0.5 * (ka.col(0) - kb.col(0)).norm();
        EXPECT_NEAR(f.bidirectional.confidence[0], std::exp(-u0 / 0.01), 1e-4) << f.frame;
        EXPECT_LT(f.bidirectional.confidence.minCoeff(), 1.0);
      }
    }
  }
}

TEST_F(LabelPropagatorTest, ChainingOnlyChangesFramesBeyondTheHop) {
  LabelPropagatorOptions direct, chained;
  chained.max_hop = 1;
  LabelPropagator a(synth_.project_path, dir_->File("random.ckpt"), direct);
  LabelPropagator b(synth_.project_path, dir_->File("random.ckpt"), chained);
  const int64_t video = a.videos().front().video_id;
  const VideoPropagation r1 = a.Propagate(video, 0, 11), r2 = b.Propagate(video, 0, 11);
  for (int f : {1, 3, 5, 7, 9, 10}) {  // one frame from a key frame: the same alignment
    EXPECT_LT((r1.frames[f].nearest.keypoints - r2.frames[f].nearest.keypoints).cwiseAbs().maxCoeff(), 1e-6) << f;
  }
  for (int f : {2, 6}) {  // two frames from both key frames: chained through the frame between
    EXPECT_GT((r1.frames[f].nearest.keypoints - r2.frames[f].nearest.keypoints).cwiseAbs().maxCoeff(), 1e-6) << f;
  }
}

TEST_F(LabelPropagatorTest, ASubSpanMatchesTheWholeVideo) {
  LabelPropagatorOptions ungated;
  ungated.agreement_scale_m = 0.0;
  LabelPropagator propagator(synth_.project_path, dir_->File("random.ckpt"), ungated);
  const int64_t video = propagator.videos().back().video_id;
  const VideoPropagation whole = propagator.Propagate(video, 0, 11);
  const VideoPropagation part = propagator.Propagate(video, 5, 6);
  ASSERT_EQ(part.frames.size(), 2u);
  for (const PropagatedFrame& f : part.frames) {
    EXPECT_LT((f.bidirectional.keypoints - whole.frames[f.frame].bidirectional.keypoints).cwiseAbs().maxCoeff(), 1e-6);
    EXPECT_LT((f.predictor.keypoints - whole.frames[f.frame].predictor.keypoints).cwiseAbs().maxCoeff(), 1e-6);
  }
  // The random aligner moves the labels, so the bidirectional estimate is no longer the interpolation.
  const HandModel model = LoadHandModelByName("openhand");
  const std::vector<HandParams> lerp = PropagateByBaseline(model, Keys(video), 12, KeyFrameBaseline::kInterpolate);
  EXPECT_GT(MaxKeypointError(HandLbs(model), lerp[5], whole.frames[5].bidirectional.keypoints), 1e-4);
}

TEST_F(LabelPropagatorTest, AgreementGateFallsBackToInterpolationWhereTheDirectionsDisagree) {
  // A random aligner's two directions disagree by far more than a micrometre: the gate closes and
  // the bidirectional estimate is the key-frame interpolation; a huge scale leaves it open.
  LabelPropagatorOptions closed, open, off;
  closed.agreement_scale_m = 1e-6;
  open.agreement_scale_m = 1e6;
  off.agreement_scale_m = 0.0;
  LabelPropagator gated(synth_.project_path, dir_->File("random.ckpt"), closed);
  LabelPropagator ungated(synth_.project_path, dir_->File("random.ckpt"), open);
  LabelPropagator plain(synth_.project_path, dir_->File("random.ckpt"), off);
  const int64_t video = plain.videos()[2].video_id;
  const HandModel model = LoadHandModelByName("openhand");
  const HandLbs lbs(model);
  const std::vector<HandParams> lerp = PropagateByBaseline(model, Keys(video), 12, KeyFrameBaseline::kInterpolate);
  const VideoPropagation g = gated.Propagate(video, 0, 11), u = ungated.Propagate(video, 0, 11), p = plain.Propagate(video, 0, 11);
  for (int f : {1, 2, 3, 5, 9}) {
    EXPECT_LT(MaxKeypointError(lbs, lerp[f], g.frames[f].bidirectional.keypoints), 1e-5) << f;
    EXPECT_LT((u.frames[f].bidirectional.keypoints - p.frames[f].bidirectional.keypoints).cwiseAbs().maxCoeff(), 1e-6) << f;
    EXPECT_EQ(g.frames[f].bidirectional.confidence, p.frames[f].bidirectional.confidence) << f;
  }
}

TEST_F(LabelPropagatorTest, TheUngatedBlendInterpolatesTheTwoDirections) {
  LabelPropagatorOptions off;
  off.agreement_scale_m = 0.0;
  LabelPropagator propagator(synth_.project_path, dir_->File("random.ckpt"), off);
  const HandModel model = LoadHandModelByName("openhand");
  const HandLbs lbs(model);
  const VideoPropagation r = propagator.Propagate(propagator.videos()[3].video_id, 0, 11);
  for (const PropagatedFrame& f : r.frames) {
    if (f.key_frame) continue;
    const int a = f.from_previous.source_frames.at(0), b = f.from_next.source_frames.at(0);
    const HandParams blend = InterpolateHandParams(model, f.from_previous.params, f.from_next.params, double(f.frame - a) / (b - a));
    EXPECT_LT(MaxKeypointError(lbs, blend, f.bidirectional.keypoints), 1e-9) << f.frame;
    // The random aligner really moves the labels: the directions are not the key labels.
    EXPECT_GT(MaxKeypointError(lbs, Keys(r.video_id).at(a), f.from_previous.keypoints), 1e-4) << f.frame;
  }
}

TEST_F(LabelPropagatorTest, ReturnsTheEncoderFeaturesOfTheSpanWhenAsked) {
  LabelPropagatorOptions none, pooled, spatial;
  pooled.features = PropagationFeatures::kPooled;
  spatial.features = PropagationFeatures::kSpatial;
  LabelPropagator plain(synth_.project_path, dir_->File("random.ckpt"), none);
  LabelPropagator with_pooled(synth_.project_path, dir_->File("random.ckpt"), pooled);
  LabelPropagator with_spatial(synth_.project_path, dir_->File("random.ckpt"), spatial);
  const int64_t video = plain.videos()[1].video_id;
  const VideoPropagation n = plain.Propagate(video, 0, 11);
  EXPECT_EQ(n.features.dim, 0);
  EXPECT_TRUE(n.features.values.empty());

  const VideoPropagation whole = with_pooled.Propagate(video, 0, 11), part = with_pooled.Propagate(video, 5, 6);
  ASSERT_EQ(whole.features.dim, 640);  // the aligner's input: 128 (layer2) + 512 (layer4) averages
  ASSERT_EQ(whole.features.values.size(), 12u * 640);
  ASSERT_EQ(part.features.values.size(), 2u * 640);
  for (int i = 0; i < 2; ++i)
    for (int c = 0; c < 640; ++c) EXPECT_NEAR(part.features.Row(i)[c], whole.features.Row(5 + i)[c], 1e-5);
  double change = 0.0;  // frames differ, so do their features
  for (int c = 0; c < 640; ++c) change += std::abs(whole.features.Row(0)[c] - whole.features.Row(6)[c]);
  EXPECT_GT(change, 1e-3);
  // Asking for features changes no label.
  EXPECT_EQ(whole.frames[5].bidirectional.keypoints, n.frames[5].bidirectional.keypoints);

  // 48-px crops: layer2 6x6 pooled to 4x4 (128 x 16), layer3 3x3 (256 x 9), layer4 2x2 (512 x 4).
  const VideoPropagation maps = with_spatial.Propagate(video, 2, 3);
  EXPECT_EQ(maps.features.dim, 128 * 16 + 256 * 9 + 512 * 4);
  ASSERT_EQ(maps.features.values.size(), 2u * maps.features.dim);
  for (float v : maps.features.values) ASSERT_TRUE(std::isfinite(v));
}

TEST_F(LabelPropagatorTest, StageOneCheckpointGivesThePredictorAlone) {
  LabelPropagator propagator(synth_.project_path, dir_->File("stage1.ckpt"));
  EXPECT_FALSE(propagator.has_aligner());
  EXPECT_EQ(propagator.model_id().rfind("hand_predictor:", 0), 0u);
  const VideoPropagation r = propagator.Propagate(propagator.videos()[1].video_id, 0, 11);
  for (const PropagatedFrame& f : r.frames) {
    if (f.key_frame) continue;
    EXPECT_TRUE(f.predictor.params.pose.allFinite());
    EXPECT_TRUE(f.predictor.source_frames.empty());
    EXPECT_TRUE((f.predictor.confidence.array() > 0).all() && (f.predictor.confidence.array() <= 1).all());
    EXPECT_TRUE(f.nearest.source_frames.empty());
  }
}

TEST_F(LabelPropagatorTest, Errors) {
  LabelPropagator propagator(synth_.project_path, dir_->File("zero.ckpt"));
  const ProjectVideo& v = propagator.videos()[0];
  EXPECT_EQ(ErrorMessageOf([&] { propagator.Propagate(v.video_id, 3, 12); }),
            v.path + " (video " + std::to_string(v.video_id) + "): frames 3:12 are not a span of 0:11");
  EXPECT_EQ(ErrorMessageOf([&] { propagator.Propagate(999, 0, 1); }), synth_.project_path + ": no video with id 999");
  EXPECT_EQ(ErrorMessageOf([&] { LabelPropagator(synth_.project_path, dir_->File("missing.ckpt")); }).rfind(dir_->File("missing.ckpt"), 0),
            0u);
  EXPECT_EQ(ErrorMessageOf([&] { LabelPropagator(synth_.ground_truth_path, dir_->File("zero.ckpt")); }),
            synth_.ground_truth_path + ": is a ground-truth store; training reads the labels of a project");
}

}  // namespace
}  // namespace handprop
