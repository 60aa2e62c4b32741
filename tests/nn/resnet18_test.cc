// SPDX-License-Identifier: Apache-2.0
#include "core/nn/resnet18.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <string>
#include <vector>

namespace handprop {
namespace {

// torchvision.models.resnet18().state_dict().keys() without fc.weight and fc.bias (122 - 2),
// in state-dict order: per module its parameters, then its buffers, then its children.
const std::vector<std::string> kTorchvisionTrunkKeys = {
    "conv1.weight",
    "bn1.weight",
    "bn1.bias",
    "bn1.running_mean",
    "bn1.running_var",
    "bn1.num_batches_tracked",
    "layer1.0.conv1.weight",
    "layer1.0.bn1.weight",
    "layer1.0.bn1.bias",
    "layer1.0.bn1.running_mean",
    "layer1.0.bn1.running_var",
    "layer1.0.bn1.num_batches_tracked",
    "layer1.0.conv2.weight",
    "layer1.0.bn2.weight",
    "layer1.0.bn2.bias",
    "layer1.0.bn2.running_mean",
    "layer1.0.bn2.running_var",
    "layer1.0.bn2.num_batches_tracked",
    "layer1.1.conv1.weight",
    "layer1.1.bn1.weight",
    "layer1.1.bn1.bias",
    "layer1.1.bn1.running_mean",
    "layer1.1.bn1.running_var",
    "layer1.1.bn1.num_batches_tracked",
    "layer1.1.conv2.weight",
    "layer1.1.bn2.weight",
    "layer1.1.bn2.bias",
    "layer1.1.bn2.running_mean",
    "layer1.1.bn2.running_var",
    "layer1.1.bn2.num_batches_tracked",
    "layer2.0.conv1.weight",
    "layer2.0.bn1.weight",
    "layer2.0.bn1.bias",
    "layer2.0.bn1.running_mean",
    "layer2.0.bn1.running_var",
    "layer2.0.bn1.num_batches_tracked",
    "layer2.0.conv2.weight",
    "layer2.0.bn2.weight",
    "layer2.0.bn2.bias",
    "layer2.0.bn2.running_mean",
    "layer2.0.bn2.running_var",
    "layer2.0.bn2.num_batches_tracked",
    "layer2.0.downsample.0.weight",
    "layer2.0.downsample.1.weight",
    "layer2.0.downsample.1.bias",
    "layer2.0.downsample.1.running_mean",
    "layer2.0.downsample.1.running_var",
    "layer2.0.downsample.1.num_batches_tracked",
    "layer2.1.conv1.weight",
    "layer2.1.bn1.weight",
    "layer2.1.bn1.bias",
    "layer2.1.bn1.running_mean",
    "layer2.1.bn1.running_var",
    "layer2.1.bn1.num_batches_tracked",
    "layer2.1.conv2.weight",
    "layer2.1.bn2.weight",
    "layer2.1.bn2.bias",
    "layer2.1.bn2.running_mean",
    "layer2.1.bn2.running_var",
    "layer2.1.bn2.num_batches_tracked",
    "layer3.0.conv1.weight",
    "layer3.0.bn1.weight",
    "layer3.0.bn1.bias",
    "layer3.0.bn1.running_mean",
    "layer3.0.bn1.running_var",
    "layer3.0.bn1.num_batches_tracked",
    "layer3.0.conv2.weight",
    "layer3.0.bn2.weight",
    "layer3.0.bn2.bias",
    "layer3.0.bn2.running_mean",
    "layer3.0.bn2.running_var",
    "layer3.0.bn2.num_batches_tracked",
    "layer3.0.downsample.0.weight",
    "layer3.0.downsample.1.weight",
    "layer3.0.downsample.1.bias",
    "layer3.0.downsample.1.running_mean",
    "layer3.0.downsample.1.running_var",
    "layer3.0.downsample.1.num_batches_tracked",
    "layer3.1.conv1.weight",
    "layer3.1.bn1.weight",
    "layer3.1.bn1.bias",
    "layer3.1.bn1.running_mean",
    "layer3.1.bn1.running_var",
    "layer3.1.bn1.num_batches_tracked",
    "layer3.1.conv2.weight",
    "layer3.1.bn2.weight",
    "layer3.1.bn2.bias",
    "layer3.1.bn2.running_mean",
    "layer3.1.bn2.running_var",
    "layer3.1.bn2.num_batches_tracked",
    "layer4.0.conv1.weight",
    "layer4.0.bn1.weight",
    "layer4.0.bn1.bias",
    "layer4.0.bn1.running_mean",
    "layer4.0.bn1.running_var",
    "layer4.0.bn1.num_batches_tracked",
    "layer4.0.conv2.weight",
    "layer4.0.bn2.weight",
    "layer4.0.bn2.bias",
    "layer4.0.bn2.running_mean",
    "layer4.0.bn2.running_var",
    "layer4.0.bn2.num_batches_tracked",
    "layer4.0.downsample.0.weight",
    "layer4.0.downsample.1.weight",
    "layer4.0.downsample.1.bias",
    "layer4.0.downsample.1.running_mean",
    "layer4.0.downsample.1.running_var",
    "layer4.0.downsample.1.num_batches_tracked",
    "layer4.1.conv1.weight",
    "layer4.1.bn1.weight",
    "layer4.1.bn1.bias",
    "layer4.1.bn1.running_mean",
    "layer4.1.bn1.running_var",
    "layer4.1.bn1.num_batches_tracked",
    "layer4.1.conv2.weight",
    "layer4.1.bn2.weight",
    "layer4.1.bn2.bias",
    "layer4.1.bn2.running_mean",
    "layer4.1.bn2.running_var",
    "layer4.1.bn2.num_batches_tracked",
};

// The state-dict key order of a LibTorch module, built the way PyTorch's state_dict() walks.
std::vector<std::string> StateDictKeys(const torch::nn::Module& module) {
  std::vector<std::string> keys;
  for (const auto& item : module.named_modules()) {
    const std::string prefix = item.key().empty() ? "" : item.key() + ".";
    for (const auto& p : item.value()->named_parameters(/*recurse=*/false)) keys.push_back(prefix + p.key());
    for (const auto& b : item.value()->named_buffers(/*recurse=*/false)) keys.push_back(prefix + b.key());
  }
  return keys;
}

class ResNet18Test : public ::testing::Test {
 protected:
  void SetUp() override {
    torch::manual_seed(0);
  }
};

TEST_F(ResNet18Test, StateDictKeysMatchTorchvision) {
  ResNet18 net;
  ASSERT_EQ(kTorchvisionTrunkKeys.size(), 120u);
  EXPECT_EQ(StateDictKeys(*net), kTorchvisionTrunkKeys);
  // named_parameters + named_buffers hold the same set (the convolutions have no bias).
  EXPECT_EQ(net->named_parameters().size() + net->named_buffers().size(), kTorchvisionTrunkKeys.size());
}

TEST_F(ResNet18Test, ParameterCountIsTorchvisionsWithoutFc) {
  ResNet18 net;
  int64_t count = 0;
  for (const torch::Tensor& p : net->parameters()) count += p.numel();
  // torchvision resnet18: 11,689,512 with fc (512 x 1000 + 1000 = 513,000).
  EXPECT_EQ(count, 11176512);
  EXPECT_EQ(count + 513000, 11689512);
}

TEST_F(ResNet18Test, StageShapes) {
  ResNet18 net;
  net->eval();
  torch::NoGradGuard no_grad;
  for (int64_t size : {128, 224}) {
    const ResNet18Stages s = net->ForwardStages(torch::randn({2, 3, size, size}));
    EXPECT_EQ(s.layer1.sizes(), (std::vector<int64_t>{2, 64, size / 4, size / 4}));
    EXPECT_EQ(s.layer2.sizes(), (std::vector<int64_t>{2, 128, size / 8, size / 8}));
    EXPECT_EQ(s.layer3.sizes(), (std::vector<int64_t>{2, 256, size / 16, size / 16}));
    EXPECT_EQ(s.layer4.sizes(), (std::vector<int64_t>{2, 512, size / 32, size / 32}));
    EXPECT_TRUE(torch::equal(net->forward(torch::ones({1, 3, size, size})),
                             net->ForwardStages(torch::ones({1, 3, size, size})).layer4));
  }
}

TEST_F(ResNet18Test, InitialisationFollowsTorchvision) {
  ResNet18 net;
  const auto params = net->named_parameters();
  // BN: weight 1, bias 0. Conv: He-normal over fan_out, std = sqrt(2 / (out * k * k)).
  EXPECT_TRUE(torch::equal(params["bn1.weight"], torch::ones({64})));
  EXPECT_TRUE(torch::equal(params["layer3.1.bn2.bias"], torch::zeros({256})));
  const double std_conv = params["layer4.1.conv2.weight"].std().item<double>();
  EXPECT_NEAR(std_conv, std::sqrt(2.0 / (512 * 9)), 0.002);
}

TEST_F(ResNet18Test, TrainStepChangesRunningStatistics) {
  ResNet18 net;
  net->train();
  const torch::Tensor before = net->named_buffers()["layer2.0.downsample.1.running_mean"].clone();
  net->forward(torch::randn({2, 3, 64, 64})).sum().backward();
  EXPECT_FALSE(torch::equal(before, net->named_buffers()["layer2.0.downsample.1.running_mean"]));
  EXPECT_EQ(net->named_buffers()["bn1.num_batches_tracked"].item<int64_t>(), 1);
}

}  // namespace
}  // namespace handprop
