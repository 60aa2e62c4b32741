// SPDX-License-Identifier: Apache-2.0
#include "core/nn/hand_losses.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <string>

#include "core/nn/crop_normalization.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

class HandLossesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    torch::manual_seed(0);
  }
  // B = 2 hands with every keypoint at (0, 0, 0.5) and the given pca / betas.
  static HandPredictorOutput Prediction(const torch::Tensor& pca, const torch::Tensor& betas) {
    HandPredictorOutput p;
    p.keypoints = torch::zeros({2, 21, 3}, torch::kFloat64);
    p.keypoints.select(2, 2).fill_(0.5);
    p.pca = pca;
    p.betas = betas;
    return p;
  }
};

TEST_F(HandLossesTest, TermsOnHandComputedInputs) {
  const torch::Tensor pca = torch::tensor({1.0, -2.0, 0.0, 3.0}, torch::kFloat64).view({2, 2});
  torch::Tensor betas = torch::zeros({2, 10}, torch::kFloat64);
  betas[0][0] = 2.0;
  betas[1][9] = -4.0;
  const HandPredictorOutput p = Prediction(pca, betas);
  torch::Tensor target = p.keypoints.clone();
  target[0][3][0] = 0.03;    // one keypoint 3 cm off along x
  target[1][20][1] = -0.04;  // one keypoint 4 cm off along y
  HandLossWeights w;
  w.joints = 2.0;
  w.shape = 0.1;
  w.pose = 0.01;
  const HandLossTerms t = HandPredictorLoss(p, target, w);
  // joints: (0.03^2 + 0.04^2) / (2 * 21 * 3) = 0.0025 / 126
  EXPECT_NEAR(t.joints.item<double>(), 0.0025 / 126.0, 1e-15);
  // shape: (4 + 16) / 20 = 1; pose: (1 + 4 + 0 + 9) / 4 = 3.5
  EXPECT_DOUBLE_EQ(t.shape.item<double>(), 1.0);
  EXPECT_DOUBLE_EQ(t.pose.item<double>(), 3.5);
  EXPECT_NEAR(t.total.item<double>(), 2.0 * 0.0025 / 126.0 + 0.1 * 1.0 + 0.01 * 3.5, 1e-15);
  EXPECT_EQ(t.total.dim(), 0);
}

TEST_F(HandLossesTest, DefaultWeightsAreHassons) {
  const HandLossWeights w;
  EXPECT_EQ(w.joints, 0.5);
  EXPECT_EQ(w.shape, 5e-7);
  EXPECT_EQ(w.pose, 5e-6);
  EXPECT_EQ(w.Check(), "");
  const HandPredictorOutput p =
      Prediction(torch::ones({2, 15}, torch::kFloat64), torch::ones({2, 10}, torch::kFloat64));
  const HandLossTerms t = HandPredictorLoss(p, p.keypoints + 0.01);
  EXPECT_NEAR(t.joints.item<double>(), 1e-4, 1e-16);
  EXPECT_NEAR(t.total.item<double>(), 0.5e-4 + 5e-7 + 5e-6, 1e-16);
}

TEST_F(HandLossesTest, GradientOfTheJointTerm) {
  torch::Tensor keypoints = torch::zeros({1, 21, 3}, torch::kFloat64).requires_grad_(true);
  const torch::Tensor target = torch::full({1, 21, 3}, 0.1, torch::kFloat64);
  JointSquaredError(keypoints, target).backward();
  // d/dx mean((x - t)^2) = 2 (x - t) / 63
  EXPECT_TRUE(torch::allclose(keypoints.grad(), torch::full({1, 21, 3}, -0.2 / 63.0, torch::kFloat64)));
}

TEST_F(HandLossesTest, RejectsBadShapesAndWeights) {
  const HandPredictorOutput p = Prediction(torch::zeros({2, 15}), torch::zeros({2, 10}));
  EXPECT_NE(testing::ErrorMessageOf([&] {
              HandPredictorLoss(p, torch::zeros({2, 16, 3}));
            }).find("target keypoints must be"),
            std::string::npos);
  HandLossWeights w;
  w.shape = -1.0;
  EXPECT_EQ(w.Check(), "shape = -1 violates shape >= 0");
  EXPECT_NE(testing::ErrorMessageOf([&] { HandPredictorLoss(p, p.keypoints, w); }).find("hand loss: shape"),
            std::string::npos);
}

TEST_F(HandLossesTest, CropNormalisation) {
  torch::Tensor crops = torch::zeros({1, 2, 2, 3}, torch::kUInt8);
  crops[0][0][1][0] = 255;  // red at row 0, column 1
  crops[0][1][0][2] = 51;   // some blue at row 1, column 0
  const torch::Tensor x = NormalizeCrops(crops);
  EXPECT_EQ(x.sizes(), (std::vector<int64_t>{1, 3, 2, 2}));
  EXPECT_EQ(x.scalar_type(), torch::kFloat32);
  EXPECT_FLOAT_EQ(x[0][0][0][1].item<float>(), 0.5f);
  EXPECT_FLOAT_EQ(x[0][2][1][0].item<float>(), 0.2f - 0.5f);
  EXPECT_FLOAT_EQ(x[0][1][1][1].item<float>(), -0.5f);
  EXPECT_NE(testing::ErrorMessageOf([&] {
              NormalizeCrops(torch::zeros({1, 2, 2, 3}));
            }).find("uint8"),
            std::string::npos);
}

}  // namespace
}  // namespace handprop
