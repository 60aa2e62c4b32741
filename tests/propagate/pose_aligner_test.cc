// SPDX-License-Identifier: Apache-2.0
#include "core/propagate/pose_aligner.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>

#include "tests/support/test_util.h"

namespace handprop {
namespace {

PoseAlignerOptions SmallOptions(bool antisymmetric) {
  PoseAlignerOptions o;
  o.feature_dim = 24;
  o.hidden_dim = 32;
  o.num_residual_blocks = 2;
  o.max_offset_rad = 0.75;
  o.root_scale_m = 0.05;
  o.antisymmetric = antisymmetric;
  return o;
}

class PoseAlignerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    torch::manual_seed(11);
  }
};

TEST_F(PoseAlignerTest, DefaultsAreValidAndBadOptionsNameTheConstraint) {
  EXPECT_EQ(PoseAlignerOptions{}.Check(), "");
  EXPECT_EQ(PoseAlignerOptions{}.feature_dim, 640);
  PoseAlignerOptions bad;
  bad.max_offset_rad = 0.0;
  EXPECT_EQ(bad.Check(), "max_offset_rad = 0 violates max_offset_rad > 0");
  EXPECT_THROW(PoseAligner{bad}, InputError);
}

TEST_F(PoseAlignerTest, OutputShapesAndDefaultSizes) {
  PoseAligner aligner(PoseAlignerOptions{});
  const AlignmentOutput out = aligner->Forward(torch::randn({5, 640}), torch::randn({5, 640}));
  EXPECT_EQ(out.root_displacement.sizes(), (std::vector<int64_t>{5, 3}));
  EXPECT_EQ(out.pose_offset.sizes(), (std::vector<int64_t>{5, kPoseDim}));
  // Two heads of: input 640x512 (+512), 2 blocks x 2 x (512x512 + 512), output without bias.
  int64_t count = 0;
  for (const torch::Tensor& p : aligner->parameters()) count += p.numel();
  const int64_t trunk = 640 * 512 + 512 + 4 * (512 * 512 + 512);
  EXPECT_EQ(count, 2 * trunk + 512 * 3 + 512 * 48);
  EXPECT_THROW(aligner->Forward(torch::randn({5, 64}), torch::randn({5, 64})), InputError);
  EXPECT_THROW(aligner->Forward(torch::randn({5, 640}), torch::randn({4, 640})), InputError);
}

TEST_F(PoseAlignerTest, RotationOffsetIsBoundedByMaxOffset) {
  for (bool antisymmetric : {true, false}) {
    PoseAligner aligner(SmallOptions(antisymmetric));
    const torch::Tensor a = torch::zeros({64, 24});
    const torch::Tensor b = 1e3 * torch::randn({64, 24});  // saturates the tanh
    const torch::Tensor offset = aligner->Forward(a, b).pose_offset;
    EXPECT_LE(offset.abs().max().item<double>(), 0.75 + 1e-6);
    EXPECT_GT(offset.abs().max().item<double>(), 0.74);  // the bound is reached, not just respected
  }
}

TEST_F(PoseAlignerTest, AntisymmetricHeadsInvertAndVanishOnEqualFeatures) {
  PoseAligner aligner(SmallOptions(true));
  const torch::Tensor fa = torch::randn({6, 24}), fb = torch::randn({6, 24});
  const AlignmentOutput ab = aligner->Forward(fa, fb), ba = aligner->Forward(fb, fa);
  EXPECT_TRUE(torch::allclose(ab.root_displacement, -ba.root_displacement, 1e-6, 1e-7));
  EXPECT_TRUE(torch::allclose(ab.pose_offset, -ba.pose_offset, 1e-6, 1e-7));
  EXPECT_GT(ab.pose_offset.abs().max().item<double>(), 1e-3);
  const AlignmentOutput same = aligner->Forward(fa, fa);
  EXPECT_EQ(same.root_displacement.abs().max().item<double>(), 0.0);
  EXPECT_EQ(same.pose_offset.abs().max().item<double>(), 0.0);
}

TEST_F(PoseAlignerTest, PlainHeadsAreNotAntisymmetric) {
  // The option matters: with biases and no symmetrisation equal features give a non-zero offset.
  PoseAligner aligner(SmallOptions(false));
  const torch::Tensor fa = torch::randn({3, 24});
  EXPECT_GT(aligner->Forward(fa, fa).root_displacement.abs().max().item<double>(), 1e-4);
}

TEST_F(PoseAlignerTest, GradientsReachEveryParameter) {
  for (bool antisymmetric : {true, false}) {
    PoseAligner aligner(SmallOptions(antisymmetric));
    const AlignmentOutput out = aligner->Forward(torch::randn({8, 24}), torch::randn({8, 24}));
    (out.root_displacement.pow(2).sum() + out.pose_offset.pow(2).sum()).backward();
    for (const auto& item : aligner->named_parameters()) {
      ASSERT_TRUE(item.value().grad().defined()) << item.key();
      EXPECT_GT(item.value().grad().abs().sum().item<double>(), 0.0) << item.key();
    }
  }
}

TEST_F(PoseAlignerTest, ApplyAlignmentAddsOffsetsAndCopiesShape) {
  const RootedHand source{torch::randn({2, 3}), torch::randn({2, kPoseDim}), torch::randn({2, kNumBetas})};
  const AlignmentOutput move{torch::randn({2, 3}), torch::randn({2, kPoseDim})};
  const RootedHand target = ApplyAlignment(source, move);
  EXPECT_TRUE(torch::equal(target.root, source.root + move.root_displacement));
  EXPECT_TRUE(torch::equal(target.pose, source.pose + move.pose_offset));
  EXPECT_TRUE(torch::equal(target.betas, source.betas));
  const AlignmentOutput short_batch{torch::randn({1, 3}), torch::randn({1, kPoseDim})};
  EXPECT_THROW(ApplyAlignment(source, short_batch), InputError);
}

TEST_F(PoseAlignerTest, KnownOffsetReproducesTargetJoints) {
  const HandModel model = testing::RandomHandModel(100, 8);
  const TorchHandLayer layer(model, torch::kCPU, torch::kFloat64);
  const RootedHand a{0.1 * torch::randn({4, 3}, torch::kFloat64), 0.3 * torch::randn({4, kPoseDim}, torch::kFloat64),
                     torch::randn({4, kNumBetas}, torch::kFloat64)};
  const RootedHand b{0.1 * torch::randn({4, 3}, torch::kFloat64), 0.3 * torch::randn({4, kPoseDim}, torch::kFloat64),
                     a.betas};
  const RootedHand aligned = ApplyAlignment(a, AlignmentOutput{b.root - a.root, b.pose - a.pose});
  const TorchHandOutput got = HandAtRoot(layer, aligned), want = HandAtRoot(layer, b);
  EXPECT_LT((got.keypoints - want.keypoints).abs().max().item<double>(), 1e-12);
  EXPECT_LT((got.vertices - want.vertices).abs().max().item<double>(), 1e-12);
  // and a different offset does not
  const RootedHand off = ApplyAlignment(a, AlignmentOutput{b.root - a.root, 0.5 * (b.pose - a.pose)});
  EXPECT_GT((HandAtRoot(layer, off).keypoints - want.keypoints).abs().max().item<double>(), 1e-4);
}

TEST_F(PoseAlignerTest, SameSeedSameWeights) {
  torch::manual_seed(5);
  PoseAligner first(SmallOptions(true));
  torch::manual_seed(5);
  PoseAligner second(SmallOptions(true));
  const auto p1 = first->parameters(), p2 = second->parameters();
  ASSERT_EQ(p1.size(), p2.size());
  for (size_t i = 0; i < p1.size(); ++i) EXPECT_TRUE(torch::equal(p1[i], p2[i]));
}

}  // namespace
}  // namespace handprop
