// SPDX-License-Identifier: Apache-2.0
// ResNet-18 trunk (He et al. 2016) in the LibTorch C++ frontend with torchvision's module names
// and structure, so that a state dict exported from torchvision.models.resnet18 (minus fc.*)
// loads key for key: conv1, bn1, relu, maxpool, layer1..layer4 of BasicBlocks, each with
// conv1/bn1/conv2/bn2 and, where the shape changes, downsample.0 (1x1 conv) / downsample.1 (BN).
// The encoder of the Single-frame Hand Predictor (seed 003 §IV, reference.md §2.1). No fc layer.
//
//   ResNet18 net;                                   // torchvision's initialisation
//   ResNet18Stages s = net->ForwardStages(x);       // x: B x 3 x H x W float
//   s.layer4                                        // B x 512 x H/32 x W/32
//
// Torch-side header: it pulls in the nn module headers a module type needs. Include it only from
// .cc files of targets that link torch (and share its precompiled header); never from ui/.
// A module is not thread-safe while it trains; forward in eval mode under NoGradGuard is.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/pooling.h>
#include <torch/nn/pimpl.h>

#include <cstdint>

namespace handprop {

// torchvision's BasicBlock: two 3x3 convolutions with a residual connection; `stride` 2 or a
// change of width adds the 1x1 downsample projection.
class BasicBlockImpl : public torch::nn::Module {
 public:
  BasicBlockImpl(int64_t in_channels, int64_t out_channels, int64_t stride);
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::nn::Conv2d conv1_{nullptr};
  torch::nn::BatchNorm2d bn1_{nullptr};
  torch::nn::ReLU relu_{nullptr};
  torch::nn::Conv2d conv2_{nullptr};
  torch::nn::BatchNorm2d bn2_{nullptr};
  torch::nn::Sequential downsample_{nullptr};  // empty holder when the block keeps its shape
};
TORCH_MODULE(BasicBlock);

// Feature maps after each stage (NCHW). Strides relative to the input: 4, 8, 16, 32.
struct ResNet18Stages {
  torch::Tensor layer1;  // 64 channels
  torch::Tensor layer2;  // 128 channels
  torch::Tensor layer3;  // 256 channels
  torch::Tensor layer4;  // 512 channels
};

class ResNet18Impl : public torch::nn::Module {
 public:
  static constexpr int64_t kStageChannels[4] = {64, 128, 256, 512};

  ResNet18Impl();
  // x: B x 3 x H x W. Returns the four stage outputs; H, W >= 32 keeps layer4 non-empty.
  ResNet18Stages ForwardStages(const torch::Tensor& x);
  // The layer4 feature map (what torchvision computes before avgpool).
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::nn::Conv2d conv1_{nullptr};
  torch::nn::BatchNorm2d bn1_{nullptr};
  torch::nn::ReLU relu_{nullptr};
  torch::nn::MaxPool2d maxpool_{nullptr};
  torch::nn::Sequential layer1_{nullptr}, layer2_{nullptr}, layer3_{nullptr}, layer4_{nullptr};
};
TORCH_MODULE(ResNet18);

}  // namespace handprop
