// SPDX-License-Identifier: Apache-2.0
#include "core/propagate/alignment_losses.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "tests/support/test_util.h"

namespace handprop {
namespace {

class AlignmentLossesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    torch::manual_seed(17);
  }

  static PoseAlignerOptions Small() {
    PoseAlignerOptions o;
    o.feature_dim = 16;
    o.hidden_dim = 32;
    o.num_residual_blocks = 1;
    return o;
  }
  RootedHand RandomHand(int64_t b) const {
    return {0.1 * torch::randn({b, 3}, torch::kFloat64), 0.3 * torch::randn({b, kPoseDim}, torch::kFloat64),
            torch::randn({b, kNumBetas}, torch::kFloat64)};
  }

  HandModel model_ = testing::RandomHandModel(90, 4);
  TorchHandLayer layer_{model_, torch::kCPU, torch::kFloat64};
};

TEST_F(AlignmentLossesTest, MeanSquaredPointErrorOnHandMadePoints) {
  const torch::Tensor a = torch::zeros({2, 2, 3}, torch::kFloat64);
  torch::Tensor b = torch::zeros({2, 2, 3}, torch::kFloat64);
  b[0][0][0] = 3.0;
  b[0][0][1] = 4.0;  // squared distance 25; the three other points coincide
  EXPECT_DOUBLE_EQ(MeanSquaredPointError(a, b).item<double>(), 25.0 / 12.0);
  EXPECT_THROW(MeanSquaredPointError(a, torch::zeros({2, 3, 3}, torch::kFloat64)), InputError);
}

TEST_F(AlignmentLossesTest, EqualFeaturesGiveTheRootShiftSquared) {
  // Antisymmetric aligner + equal features = zero offsets, so both losses compare two hands
  // that differ only by a root shift delta: every keypoint is off by delta, |delta|^2 / 3 per
  // coordinate.
  PoseAligner aligner(Small());
  aligner->to(torch::kFloat64);
  const RootedHand truth = RandomHand(3);
  const torch::Tensor delta = torch::tensor({0.01, -0.02, 0.03}, torch::kFloat64);
  const RootedHand source{truth.root + delta, truth.pose, truth.betas};
  const torch::Tensor f = torch::randn({3, 16}, torch::kFloat64);
  AlignmentLossOptions options;
  options.forward_weight = 2.0;
  options.backward_weight = 0.5;
  options.regulariser_weight = 7.0;
  const AlignmentLoss loss = ComputeAlignmentLoss(layer_, aligner, f, f, truth, source, options);
  const double d2 = (0.01 * 0.01 + 0.02 * 0.02 + 0.03 * 0.03) / 3.0;
  EXPECT_NEAR(loss.forward.item<double>(), d2, 1e-12);
  EXPECT_NEAR(loss.backward.item<double>(), d2, 1e-12);
  EXPECT_EQ(loss.regulariser.item<double>(), 0.0);
  EXPECT_NEAR(loss.total.item<double>(), 2.5 * d2, 1e-12);
}

TEST_F(AlignmentLossesTest, MatchesTheFormulasTermByTerm) {
  PoseAligner aligner(Small());
  aligner->to(torch::kFloat64);
  const RootedHand truth = RandomHand(4), source = RandomHand(4);
  const torch::Tensor fs = torch::randn({4, 16}, torch::kFloat64), fu = torch::randn({4, 16}, torch::kFloat64);
  AlignmentLossOptions options;
  options.regulariser_weight = 0.3;
  options.root_regulariser_scale_m = 0.2;
  const AlignmentLoss loss = ComputeAlignmentLoss(layer_, aligner, fs, fu, truth, source, options);

  const AlignmentOutput u_to_s = aligner->Forward(fu, fs), s_to_u = aligner->Forward(fs, fu);
  auto joints = [&](const RootedHand& h) { return HandAtRoot(layer_, h).keypoints; };
  auto mse = [](const torch::Tensor& a, const torch::Tensor& b) { return (a - b).pow(2).mean().item<double>(); };
  const double forward = mse(joints(ApplyAlignment(source, u_to_s)), joints(truth));
  const double backward = mse(joints(source), joints(ApplyAlignment(truth, s_to_u)));
  auto sq = [](const torch::Tensor& t) { return t.pow(2).sum(-1).mean().item<double>(); };
  const double reg = 0.5 * (sq(u_to_s.pose_offset) + sq(s_to_u.pose_offset) + sq(u_to_s.root_displacement / 0.2) +
                            sq(s_to_u.root_displacement / 0.2));
  EXPECT_NEAR(loss.forward.item<double>(), forward, 1e-12);
  EXPECT_NEAR(loss.backward.item<double>(), backward, 1e-12);
  EXPECT_NEAR(loss.regulariser.item<double>(), reg, 1e-12);
  EXPECT_NEAR(loss.total.item<double>(), forward + backward + 0.3 * reg, 1e-12);
  EXPECT_GT(loss.forward.item<double>(), 1e-6);
  EXPECT_GT(loss.regulariser.item<double>(), 1e-6);
  // Forward and backward are different terms: swapping the roles changes them.
  const AlignmentLoss swapped = ComputeAlignmentLoss(layer_, aligner, fu, fs, source, truth, options);
  EXPECT_NEAR(swapped.forward.item<double>(), loss.backward.item<double>(), 1e-12);
  EXPECT_GT(std::abs(loss.forward.item<double>() - loss.backward.item<double>()), 1e-9);
}

TEST_F(AlignmentLossesTest, GradientsReachAlignerFeaturesAndSourceAnnotation) {
  PoseAligner aligner(Small());
  aligner->to(torch::kFloat64);
  RootedHand source = RandomHand(2);
  source.pose.requires_grad_(true);
  source.root.requires_grad_(true);
  const torch::Tensor fs = torch::randn({2, 16}, torch::kFloat64).requires_grad_(true);
  const torch::Tensor fu = torch::randn({2, 16}, torch::kFloat64).requires_grad_(true);
  ComputeAlignmentLoss(layer_, aligner, fs, fu, RandomHand(2), source, AlignmentLossOptions{}).total.backward();
  for (const torch::Tensor& t : {source.pose, source.root, fs, fu}) {
    ASSERT_TRUE(t.grad().defined());
    EXPECT_GT(t.grad().abs().sum().item<double>(), 0.0);
  }
  for (const auto& item : aligner->named_parameters()) {
    ASSERT_TRUE(item.value().grad().defined()) << item.key();
    EXPECT_GT(item.value().grad().abs().sum().item<double>(), 0.0) << item.key();
  }
}

TEST_F(AlignmentLossesTest, TrainingTheAlignerLowersTheLoss) {
  // Stage 2 in miniature: fixed labelled pairs whose features encode the motion; the aligner
  // alone learns to move one ground truth onto the other.
  PoseAligner aligner(Small());
  aligner->to(torch::kFloat64);
  const RootedHand truth = RandomHand(8);
  const torch::Tensor motion_root = 0.02 * torch::randn({8, 3}, torch::kFloat64);
  const torch::Tensor motion_pose = 0.1 * torch::randn({8, kPoseDim}, torch::kFloat64);
  const RootedHand partner{truth.root - motion_root, truth.pose - motion_pose, truth.betas};
  const torch::Tensor fs = torch::randn({8, 16}, torch::kFloat64);
  const torch::Tensor fu = fs - torch::cat({10 * motion_root, motion_pose.slice(1, 0, 13)}, 1);
  torch::optim::Adam adam(aligner->parameters(), torch::optim::AdamOptions(3e-3));
  double first = 0.0, last = 0.0;
  for (int step = 0; step < 60; ++step) {
    adam.zero_grad();
    const AlignmentLoss loss = ComputeAlignmentLoss(layer_, aligner, fs, fu, truth, partner, AlignmentLossOptions{});
    loss.total.backward();
    adam.step();
    (step == 0 ? first : last) = loss.total.item<double>();
  }
  EXPECT_LT(last, 0.2 * first) << first << " -> " << last;
}

TEST_F(AlignmentLossesTest, InvalidOptionsAreRejected) {
  PoseAligner aligner(Small());
  aligner->to(torch::kFloat64);
  AlignmentLossOptions bad;
  bad.backward_weight = -1.0;
  EXPECT_EQ(bad.Check(), "backward_weight = -1 violates backward_weight >= 0");
  const torch::Tensor f = torch::zeros({1, 16}, torch::kFloat64);
  EXPECT_THROW(ComputeAlignmentLoss(layer_, aligner, f, f, RandomHand(1), RandomHand(1), bad), InputError);
  EXPECT_EQ(AlignmentLossOptions{}.Check(), "");
}

}  // namespace
}  // namespace handprop
