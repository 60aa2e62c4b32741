// SPDX-License-Identifier: Apache-2.0
// A tiny end-to-end training run of the Single-frame Hand Predictor: two fixed random 64 x 64
// crops whose targets are OpenHand hands in small random poses; 60 Adam steps must cut the
// joint loss tenfold. Checks that images, root branch, MANO branch, hand layer and loss train
// together (~5 s on 2 cores).
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cstdio>

#include "core/model/hand_model_io.h"
#include "core/nn/rooted_hand.h"
#include "core/nn/hand_losses.h"
#include "core/nn/hand_predictor.h"

namespace handprop {
namespace {

TEST(HandPredictorOverfitTest, JointLossDropsTenfoldIn60Steps) {
  torch::manual_seed(0);
  const HandModel model = LoadHandModelByName("openhand");
  HandPredictorOptions options;
  options.crop_size = 64;
  HandPredictor net(model, options);
  net->train();

  // Targets: small random global rotations and articulations around the mean pose, random
  // shapes, wrists about 0.5 m in front of the camera.
  const torch::Tensor pose_input =
      torch::cat({0.3 * torch::randn({2, 3}), 0.5 * torch::randn({2, options.num_pca})}, 1);
  const torch::Tensor full_pose = net->hand_layer().AbsolutePose(pose_input, net->pose_convention());
  const torch::Tensor betas = 0.5 * torch::randn({2, 10});
  const torch::Tensor root = torch::tensor({0.02, -0.01, 0.5, -0.03, 0.02, 0.62}).view({2, 3});
  const torch::Tensor target = HandAtRoot(net->hand_layer(), RootedHand{root, full_pose, betas}).keypoints.detach();

  const torch::Tensor images = torch::rand({2, 3, 64, 64}) - 0.5;
  const torch::Tensor intrinsics = torch::tensor({120.0, 120.0, 31.5, 31.5}).repeat({2, 1});
  torch::optim::Adam adam(net->parameters(), torch::optim::AdamOptions(1e-3));
  double first = 0.0, last = 0.0;
  for (int step = 0; step < 60; ++step) {
    adam.zero_grad();
    const HandLossTerms loss = HandPredictorLoss(net->forward(images, intrinsics), target);
    loss.total.backward();
    adam.step();
    (step == 0 ? first : last) = loss.joints.item<double>();
  }
  std::printf("joint loss %.3g -> %.3g (%.1fx)\n", first, last, first / last);
  EXPECT_LT(last, first / 10.0);
}

}  // namespace
}  // namespace handprop
