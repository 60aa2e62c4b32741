// SPDX-License-Identifier: Apache-2.0
#include "core/nn/hand_predictor.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/nn/hand_losses.h"
#include "core/nn/root_recovery.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using Sizes = std::vector<int64_t>;

class HandPredictorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    torch::manual_seed(0);
  }
  static HandPredictorOptions Options(int crop) {
    HandPredictorOptions o;
    o.crop_size = crop;
    return o;
  }
  // B crops' intrinsics: a ~60 degree camera cropped to `crop` pixels.
  static torch::Tensor Intrinsics(int64_t b, int crop) {
    const double f = 1.9 * crop, c = 0.5 * (crop - 1);
    return torch::tensor({f, f * 1.01, c + 3.0, c - 2.0}, torch::kFloat32).repeat({b, 1});
  }
  HandModel model_ = testing::RandomHandModel(150, 21);
};

TEST_F(HandPredictorTest, OutputShapesAt128And96) {
  for (int crop : {128, 96}) {
    HandPredictor net(model_, Options(crop));
    const HandPredictorOutput out = net->forward(torch::rand({2, 3, crop, crop}) - 0.5, Intrinsics(2, crop));
    EXPECT_EQ(out.features.low.sizes(), (Sizes{2, 128}));
    EXPECT_EQ(out.features.high.sizes(), (Sizes{2, 512}));
    EXPECT_EQ(out.features.concatenated.sizes(), (Sizes{2, 640}));
    EXPECT_EQ(out.global_rotation.sizes(), (Sizes{2, 3}));
    EXPECT_EQ(out.pca.sizes(), (Sizes{2, 15}));
    EXPECT_EQ(out.betas.sizes(), (Sizes{2, 10}));
    EXPECT_EQ(out.full_pose.sizes(), (Sizes{2, 48}));
    EXPECT_EQ(out.root.sizes(), (Sizes{2, 3}));
    EXPECT_EQ(out.keypoints.sizes(), (Sizes{2, 21, 3}));
    EXPECT_EQ(out.joints.sizes(), (Sizes{2, 16, 3}));
    EXPECT_EQ(out.vertices.sizes(), (Sizes{2, 150, 3}));
    EXPECT_TRUE(torch::equal(out.features.concatenated.slice(1, 128), out.features.high));
    EXPECT_EQ(out.keypoints.scalar_type(), torch::kFloat32);
  }
}

TEST_F(HandPredictorTest, WristLandsOnThePredictedRoot) {
  HandPredictor net(model_, Options(64));
  const HandPredictorOutput out = net->forward(torch::rand({3, 3, 64, 64}) - 0.5, Intrinsics(3, 64));
  EXPECT_LE((out.keypoints.select(1, 0) - out.root).abs().max().item<double>(), 1e-6);
  EXPECT_LE((out.joints.select(1, 0) - out.root).abs().max().item<double>(), 1e-6);
  // The full pose is the global rotation then the PCA articulation with the mean added.
  const torch::Tensor expected =
      net->hand_layer().AbsolutePose(torch::cat({out.global_rotation, out.pca}, 1), net->pose_convention());
  EXPECT_TRUE(torch::allclose(out.full_pose, expected));
  EXPECT_TRUE(torch::equal(out.full_pose.slice(1, 0, 3), out.global_rotation));
}

TEST_F(HandPredictorTest, RootRecoveryFormula) {
  HandPredictorOptions o = Options(64);
  o.depth_factor = 1e-3;
  o.depth_offset = 0.4;
  o.uv_factor = 0.25;
  // fx = 100, fy = 120, cx = 30, cy = 35; raw (s, du, dv) = (1, 0.5, -1):
  //   Z = 100 * 1 * 1e-3 + 0.4 = 0.5;  u = 31.5 + 16 * 0.5 = 39.5;  v = 31.5 - 16 = 15.5
  //   X = (39.5 - 30) * 0.5 / 100 = 0.0475;  Y = (15.5 - 35) * 0.5 / 120 = -0.08125
  const torch::Tensor raw = torch::tensor({1.0, 0.5, -1.0, 0.0, 0.0, 0.0}, torch::kFloat64).view({2, 3});
  const torch::Tensor k =
      torch::tensor({100.0, 120.0, 30.0, 35.0, 200.0, 200.0, 31.5, 31.5}, torch::kFloat64).view({2, 4});
  const torch::Tensor root = RecoverRoot(raw, k, o);
  const torch::Tensor expected = torch::tensor({0.0475, -0.08125, 0.5, 0.0, 0.0, 0.4}, torch::kFloat64).view({2, 3});
  EXPECT_TRUE(torch::allclose(root, expected, 0.0, 1e-12)) << root;
  EXPECT_NE(testing::ErrorMessageOf([&] { RecoverRoot(raw, k.slice(1, 0, 3), o); }).find("intrinsics must be 2 x 4"),
            std::string::npos);
}

TEST_F(HandPredictorTest, GradientsReachEveryParameter) {
  HandPredictor net(model_, Options(64));
  net->train();
  const HandPredictorOutput out = net->forward(torch::rand({2, 3, 64, 64}) - 0.5, Intrinsics(2, 64));
  const torch::Tensor target = 0.5 * torch::randn({2, 21, 3}) * 0.05 + torch::tensor({0.0, 0.0, 0.5});
  HandPredictorLoss(out, target).total.backward();
  int checked = 0;
  for (const auto& p : net->named_parameters()) {
    ASSERT_TRUE(p.value().requires_grad()) << p.key();
    ASSERT_TRUE(p.value().grad().defined()) << p.key() << " has no gradient";
    EXPECT_GT(p.value().grad().abs().max().item<double>(), 0.0) << p.key() << " has an all-zero gradient";
    EXPECT_TRUE(torch::isfinite(p.value().grad()).all().item<bool>()) << p.key();
    ++checked;
  }
  // 60 trunk tensors (20 convolutions, 20 BN weight + bias) + root branch (2 linears) + MANO branch (2 base linears,
  // pose_reg, shape_reg).
  EXPECT_EQ(checked, 60 + 4 + 8);
}

TEST_F(HandPredictorTest, ModuleNamesAndNoHandModelInTheStateDict) {
  HandPredictor net(model_, Options(64));
  const auto params = net->named_parameters();
  EXPECT_TRUE(params.contains("encoder.layer4.1.bn2.weight"));
  EXPECT_TRUE(params.contains("root_branch.base.1.weight"));
  EXPECT_TRUE(params.contains("root_branch.out.bias"));
  EXPECT_TRUE(params.contains("mano_branch.base.4.weight"));
  EXPECT_EQ(params["mano_branch.pose_reg.weight"].sizes(), (Sizes{18, 512}));
  EXPECT_EQ(params["mano_branch.shape_reg.weight"].sizes(), (Sizes{10, 512}));
  EXPECT_EQ(params["root_branch.base.1.weight"].sizes(), (Sizes{256, 128}));
  for (const auto& b : net->named_buffers()) EXPECT_EQ(b.key().rfind("encoder.", 0), 0u) << b.key();
}

TEST_F(HandPredictorTest, MovingToDoubleRebuildsTheHandLayer) {
  HandPredictor net(model_, Options(64));
  net->eval();
  torch::NoGradGuard no_grad;
  const torch::Tensor images = torch::rand({1, 3, 64, 64}) - 0.5;
  const HandPredictorOutput f32 = net->forward(images, Intrinsics(1, 64));
  net->to(torch::kFloat64);
  EXPECT_EQ(net->hand_layer().dtype(), torch::kFloat64);
  const HandPredictorOutput f64 = net->forward(images.to(torch::kFloat64), Intrinsics(1, 64).to(torch::kFloat64));
  EXPECT_EQ(f64.vertices.scalar_type(), torch::kFloat64);
  EXPECT_TRUE(torch::allclose(f64.vertices.to(torch::kFloat32), f32.vertices, 1e-3, 1e-4));
  net->to(torch::Device(torch::kCPU), torch::kFloat32);
  EXPECT_EQ(net->hand_layer().dtype(), torch::kFloat32);
}

TEST_F(HandPredictorTest, RejectsBadInputsAndOptions) {
  HandPredictor net(model_, Options(64));
  EXPECT_NE(testing::ErrorMessageOf([&] {
              net->forward(torch::zeros({2, 3, 96, 96}), Intrinsics(2, 64));
            }).find("images must be B x 3 x 64 x 64"),
            std::string::npos);
  EXPECT_NE(testing::ErrorMessageOf([&] { net->Encode(torch::zeros({2, 3, 96, 96}), /*spatial=*/true); })
                .find("images must be B x 3 x 64 x 64"),
            std::string::npos);
  EXPECT_FALSE(net->Encode(torch::zeros({2, 3, 64, 64})).spatial.defined());
  EXPECT_EQ(net->Encode(torch::zeros({2, 3, 64, 64}), /*spatial=*/true).spatial.sizes(),
            (std::vector<int64_t>{2, 128 * 16 + 256 * 16 + 512 * 4}));  // layer2 8x8 -> 4x4, layer3 4x4, layer4 2x2
  EXPECT_NE(testing::ErrorMessageOf([&] {
              net->forward(torch::zeros({2, 3, 64, 64}), Intrinsics(3, 64));
            }).find("intrinsics must be 2 x 4"),
            std::string::npos);
  HandPredictorOptions bad = Options(16);
  EXPECT_EQ(bad.Check(), "crop_size = 16 violates crop_size >= 32");
  EXPECT_NE(testing::ErrorMessageOf([&] { HandPredictor rejected(model_, bad); }).find("crop_size"), std::string::npos);
  bad = Options(64);
  bad.dropout = 1.0;
  EXPECT_EQ(bad.Check(), "dropout = 1 violates dropout < 1");
  HandModel few = model_;
  few.pca_components.conservativeResize(6, Eigen::NoChange);
  EXPECT_NE(
      testing::ErrorMessageOf([&] { HandPredictor rejected(few, Options(64)); }).find("exceeds the 6 PCA components"),
      std::string::npos);
  EXPECT_EQ(HandPredictorOptions{}.Check(), "");
}

}  // namespace
}  // namespace handprop
