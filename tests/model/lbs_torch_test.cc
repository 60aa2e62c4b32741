// SPDX-License-Identifier: Apache-2.0
#include "core/model/lbs_torch.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <random>

#include "core/model/lbs.h"
#include "core/util/error.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::MatricesNear;

Eigen::MatrixXd ToEigen(const torch::Tensor& t) {  // 2-D tensor -> matrix
  const torch::Tensor c = t.to(torch::kCPU, torch::kFloat64).contiguous();
  return Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(c.data_ptr<double>(), c.size(0),
                                                                                                  c.size(1));
}

class LbsTorchTest : public ::testing::Test {
 protected:
  void SetUp() override { torch::manual_seed(0); }
  HandModel model_ = testing::RandomHandModel(150, 21);
  HandLbs lbs_{model_};

  // B random hands as (pose, betas, trans) tensors in double.
  std::vector<torch::Tensor> RandomBatch(int64_t b) {
    return {0.5 * torch::randn({b, kPoseDim}, torch::kFloat64), torch::randn({b, kNumBetas}, torch::kFloat64),
            0.1 * torch::randn({b, 3}, torch::kFloat64)};
  }
  HandMesh EigenForward(const std::vector<torch::Tensor>& batch, int64_t i) {
    HandParams p;
    p.pose = ToEigen(batch[0].slice(0, i, i + 1)).transpose();
    p.betas = ToEigen(batch[1].slice(0, i, i + 1)).transpose();
    p.trans = ToEigen(batch[2].slice(0, i, i + 1)).transpose();
    return lbs_.Forward(p);
  }
};

TEST_F(LbsTorchTest, AgreesWithEigenInDoubleAndFloat) {
  const auto batch = RandomBatch(5);
  const TorchHandLayer layer64(model_, torch::kCPU, torch::kFloat64);
  const TorchHandLayer layer32(model_, torch::kCPU, torch::kFloat32);
  const TorchHandOutput out64 = layer64.Forward(batch[0], batch[1], batch[2]);
  const TorchHandOutput out32 =
      layer32.Forward(batch[0].to(torch::kFloat32), batch[1].to(torch::kFloat32), batch[2].to(torch::kFloat32));
  // The Eigen path applies the pose blend shapes in float (lbs.h), a few 1e-9 m; joints do not
  // depend on them. The product requirement is 1e-6 m.
  for (int64_t i = 0; i < 5; ++i) {
    const HandMesh mesh = EigenForward(batch, i);
    EXPECT_TRUE(MatricesNear(ToEigen(out64.vertices[i]).transpose(), mesh.vertices, 1e-8));
    EXPECT_TRUE(MatricesNear(ToEigen(out64.joints[i]).transpose(), mesh.joints, 1e-12));
    EXPECT_TRUE(MatricesNear(ToEigen(out64.keypoints[i]).transpose(), mesh.keypoints, 1e-8));
    EXPECT_TRUE(MatricesNear(ToEigen(out32.vertices[i]).transpose(), mesh.vertices, 1e-6));
    EXPECT_TRUE(MatricesNear(ToEigen(out32.keypoints[i]).transpose(), mesh.keypoints, 1e-6));
  }
}

TEST_F(LbsTorchTest, AgreesWithEigenWhenPoseBlendShapesAreSparse) {
  // Like OpenHand: each vertex reacts to a few joints only, so Eigen takes its sparse path for
  // most joints and the dense one for joint 0 (kept non-zero everywhere).
  HandModel sparse = model_;
  for (int i = 0; i < sparse.NumVertices(); ++i)
    for (int k = 1; k < kNumArticulatedJoints; ++k)
      if ((i + k) % 4 != 0) sparse.posedirs.block<3, 9>(3 * i, 9 * k).setZero();
  const HandLbs lbs(sparse);
  const TorchHandLayer layer(sparse, torch::kCPU, torch::kFloat64);
  const auto batch = RandomBatch(3);
  const TorchHandOutput out = layer.Forward(batch[0], batch[1], batch[2]);
  for (int64_t i = 0; i < 3; ++i) {
    HandParams p;
    p.pose = ToEigen(batch[0].slice(0, i, i + 1)).transpose();
    p.betas = ToEigen(batch[1].slice(0, i, i + 1)).transpose();
    p.trans = ToEigen(batch[2].slice(0, i, i + 1)).transpose();
    EXPECT_TRUE(MatricesNear(ToEigen(out.vertices[i]).transpose(), lbs.Forward(p).vertices, 1e-8));
  }
  // A pose with most joints at rest skips their blend shapes and still agrees.
  HandParams rest;
  rest.pose.segment<3>(3 * 5) << 0.3, -0.2, 0.7;
  const torch::Tensor pose = torch::zeros({1, kPoseDim}, torch::kFloat64);
  pose[0][15] = 0.3;
  pose[0][16] = -0.2;
  pose[0][17] = 0.7;
  const TorchHandOutput one = layer.Forward(pose, torch::zeros({1, 10}, torch::kFloat64), torch::zeros({1, 3}, torch::kFloat64));
  EXPECT_TRUE(MatricesNear(ToEigen(one.vertices[0]).transpose(), lbs.Forward(rest).vertices, 1e-8));
}

TEST_F(LbsTorchTest, ZeroPoseAndShapeGiveTheTemplate) {
  const TorchHandLayer layer(model_, torch::kCPU, torch::kFloat64);
  const auto z = [](int64_t n) { return torch::zeros({2, n}, torch::kFloat64); };
  const TorchHandOutput out = layer.Forward(z(48), z(10), z(3));
  EXPECT_TRUE(MatricesNear(ToEigen(out.vertices[1]).transpose(), model_.v_template, 1e-15));
}

TEST_F(LbsTorchTest, RodriguesIsExactAndFiniteAtZero) {
  torch::Tensor aa = torch::zeros({1, 3}, torch::TensorOptions().dtype(torch::kFloat64).requires_grad(true));
  const torch::Tensor r = TorchHandLayer::Rodrigues(aa);
  EXPECT_TRUE(torch::allclose(r[0], torch::eye(3, torch::kFloat64)));
  r.sum().backward();
  EXPECT_TRUE(torch::isfinite(aa.grad()).all().item<bool>());
  // d/dw (R) at zero is the skew generator: sum of entries of [w]x changes by 0, so check one entry.
  torch::Tensor w = torch::zeros({1, 3}, torch::TensorOptions().dtype(torch::kFloat64).requires_grad(true));
  TorchHandLayer::Rodrigues(w)[0][1][0].backward();  // R(1,0) = w_z + O(w^2)
  EXPECT_NEAR(w.grad()[0][2].item<double>(), 1.0, 1e-12);
}

TEST_F(LbsTorchTest, GradientsMatchFiniteDifferences) {
  const TorchHandLayer layer(model_, torch::kCPU, torch::kFloat64);
  auto batch = RandomBatch(2);
  for (auto& t : batch) t.requires_grad_(true);
  const torch::Tensor weights = torch::randn({2, model_.NumVertices(), 3}, torch::kFloat64);
  const auto loss = [&](const std::vector<torch::Tensor>& in) {
    const TorchHandOutput out = layer.Forward(in[0], in[1], in[2]);
    return (out.vertices * weights).sum() + out.keypoints.pow(2).sum();
  };
  loss(batch).backward();
  const double h = 1e-6;
  for (size_t arg = 0; arg < 3; ++arg) {
    for (int64_t j : {int64_t{0}, int64_t{2}, batch[arg].size(1) - 1}) {
      std::vector<torch::Tensor> plus, minus;
      for (const auto& t : batch) {
        plus.push_back(t.detach().clone());
        minus.push_back(t.detach().clone());
      }
      plus[arg][1][j] += h;
      minus[arg][1][j] -= h;
      const double numeric = (loss(plus).item<double>() - loss(minus).item<double>()) / (2 * h);
      const double analytic = batch[arg].grad()[1][j].item<double>();
      EXPECT_NEAR(analytic, numeric, 1e-6 * std::max(1.0, std::abs(numeric))) << "argument " << arg << " index " << j;
    }
  }
}

TEST_F(LbsTorchTest, AbsolutePoseMatchesEigenForEveryConvention) {
  const TorchHandLayer layer(model_, torch::kCPU, torch::kFloat64);
  for (const PoseConvention c : {PoseConvention{false, 0}, PoseConvention{true, 0}, PoseConvention{false, 12}}) {
    const torch::Tensor input = torch::randn({3, c.InputSize()}, torch::kFloat64);
    const Eigen::MatrixXd got = ToEigen(layer.AbsolutePose(input, c));
    for (int64_t i = 0; i < 3; ++i) {
      const Eigen::VectorXd row = ToEigen(input.slice(0, i, i + 1)).transpose();
      EXPECT_TRUE(MatricesNear(got.row(i).transpose(), AbsolutePose(model_, row, c), 1e-14));
    }
  }
}

TEST_F(LbsTorchTest, WrongShapesAreInputErrors) {
  const TorchHandLayer layer(model_, torch::kCPU, torch::kFloat64);
  const auto t = [](int64_t b, int64_t n) { return torch::zeros({b, n}, torch::kFloat64); };
  EXPECT_THROW(layer.Forward(t(2, 45), t(2, 10), t(2, 3)), InputError);
  EXPECT_THROW(layer.Forward(t(2, 48), t(3, 10), t(2, 3)), InputError);
}

TEST_F(LbsTorchTest, GpuMatchesCpuWhenCudaIsAvailable) {
  if (!torch::cuda::is_available()) GTEST_SKIP() << "LibTorch has no CUDA device here";
  const auto batch = RandomBatch(4);
  const TorchHandLayer cpu(model_, torch::kCPU, torch::kFloat64);
  const TorchHandLayer gpu(model_, torch::kCUDA, torch::kFloat64);
  const TorchHandOutput a = cpu.Forward(batch[0], batch[1], batch[2]);
  const TorchHandOutput b = gpu.Forward(batch[0].cuda(), batch[1].cuda(), batch[2].cuda());
  EXPECT_TRUE(torch::allclose(a.vertices, b.vertices.cpu(), 0, 1e-9));
}

}  // namespace
}  // namespace handprop
