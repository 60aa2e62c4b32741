// SPDX-License-Identifier: Apache-2.0
#include "core/nn/rooted_hand.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "core/model/lbs.h"
#include "core/model/pose_convention.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::MatricesNear;

Eigen::MatrixXd ToEigen(const torch::Tensor& t) {
  const torch::Tensor c = t.to(torch::kCPU, torch::kFloat64).contiguous();
  return Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(c.data_ptr<double>(),
                                                                                                  c.size(0), c.size(1));
}

class RootedHandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    torch::manual_seed(3);
  }
  HandModel model_ = testing::RandomHandModel(120, 5);
  TorchHandLayer layer_{model_, torch::kCPU, torch::kFloat64};
};

TEST_F(RootedHandTest, PcaToAbsolutePoseMatchesEigenConvention) {
  for (int p : {1, 6, 15, 45}) {
    const torch::Tensor input = torch::randn({4, 3 + p}, torch::kFloat64);
    const torch::Tensor full = PcaToAbsolutePose(layer_, input);
    ASSERT_EQ(full.size(1), kPoseDim);
    PoseConvention convention;
    convention.num_pca = p;
    for (int64_t i = 0; i < 4; ++i) {
      const Eigen::VectorXd expected = AbsolutePose(model_, ToEigen(input.slice(0, i, i + 1)).transpose(), convention);
      EXPECT_TRUE(MatricesNear(ToEigen(full.slice(0, i, i + 1)).transpose(), expected, 1e-6)) << "P = " << p;
    }
  }
  EXPECT_THROW(PcaToAbsolutePose(layer_, torch::zeros({2, 3}, torch::kFloat64)), InputError);
  EXPECT_THROW(PcaToAbsolutePose(layer_, torch::zeros({2, 3 + 46}, torch::kFloat64)), InputError);
}

TEST_F(RootedHandTest, PcaToAbsolutePoseIsDifferentiable) {
  const torch::Tensor input = torch::randn({2, 18}, torch::kFloat64).requires_grad_(true);
  PcaToAbsolutePose(layer_, input).pow(2).sum().backward();
  ASSERT_TRUE(input.grad().defined());
  EXPECT_GT(input.grad().abs().slice(1, 3).min().item<double>(), 0.0);
}

TEST_F(RootedHandTest, WristLandsOnTheRootAndEqualsMano) {
  RootedHand hand{0.2 * torch::randn({3, 3}, torch::kFloat64), 0.4 * torch::randn({3, kPoseDim}, torch::kFloat64),
                  torch::randn({3, kNumBetas}, torch::kFloat64)};
  const TorchHandOutput out = HandAtRoot(layer_, hand);
  EXPECT_TRUE(MatricesNear(ToEigen(out.keypoints.select(1, 0)), ToEigen(hand.root), 1e-12));
  // The same hand through plain MANO with trans = root - J0(beta), and the Eigen LBS.
  const torch::Tensor trans = TransFromRoot(layer_, hand.betas, hand.root);
  const TorchHandOutput mano = layer_.Forward(hand.pose, hand.betas, trans);
  const HandLbs lbs(model_);
  for (int64_t i = 0; i < 3; ++i) {
    EXPECT_TRUE(MatricesNear(ToEigen(out.vertices[i]), ToEigen(mano.vertices[i]), 1e-12));
    HandParams p;
    p.pose = ToEigen(hand.pose.slice(0, i, i + 1)).transpose();
    p.betas = ToEigen(hand.betas.slice(0, i, i + 1)).transpose();
    p.trans = ToEigen(trans.slice(0, i, i + 1)).transpose();
    EXPECT_TRUE(MatricesNear(ToEigen(out.keypoints[i]).transpose(), lbs.Forward(p).keypoints, 1e-8));
  }
  EXPECT_TRUE(MatricesNear(ToEigen(RootFromTrans(layer_, hand.betas, trans)), ToEigen(hand.root), 1e-12));
}

TEST_F(RootedHandTest, RejectsWrongShapes) {
  RootedHand hand{torch::zeros({2, 2}, torch::kFloat64), torch::zeros({2, kPoseDim}, torch::kFloat64),
                  torch::zeros({2, kNumBetas}, torch::kFloat64)};
  EXPECT_EQ(testing::ErrorMessageOf([&] { HandAtRoot(layer_, hand); }), "root must be B x 3, got [2, 2]");
}

}  // namespace
}  // namespace handprop
