// SPDX-License-Identifier: Apache-2.0
#include "core/nn/resnet18.h"

#include <torch/torch.h>

#include <string>

namespace handprop {
namespace {

torch::nn::Conv2d Conv(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t padding) {
  torch::nn::Conv2d conv(torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding).bias(false));
  // torchvision's ResNet initialisation: He-normal over the output fan, ReLU gain.
  torch::NoGradGuard no_grad;
  torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanOut, torch::kReLU);
  return conv;
}

torch::nn::Sequential Stage(int64_t in, int64_t out, int64_t stride) {
  return torch::nn::Sequential(BasicBlock(in, out, stride), BasicBlock(out, out, 1));
}

}  // namespace

BasicBlockImpl::BasicBlockImpl(int64_t in_channels, int64_t out_channels, int64_t stride) {
  conv1_ = register_module("conv1", Conv(in_channels, out_channels, 3, stride, 1));
  bn1_ = register_module("bn1", torch::nn::BatchNorm2d(out_channels));
  relu_ = register_module("relu", torch::nn::ReLU(torch::nn::ReLUOptions().inplace(true)));
  conv2_ = register_module("conv2", Conv(out_channels, out_channels, 3, 1, 1));
  bn2_ = register_module("bn2", torch::nn::BatchNorm2d(out_channels));
  if (stride != 1 || in_channels != out_channels) {
    downsample_ = register_module("downsample", torch::nn::Sequential(Conv(in_channels, out_channels, 1, stride, 0),
                                                                      torch::nn::BatchNorm2d(out_channels)));
  }
}

torch::Tensor BasicBlockImpl::forward(const torch::Tensor& x) {
  torch::Tensor out = relu_(bn1_(conv1_(x)));
  out = bn2_(conv2_(out));
  out = out + (downsample_ ? downsample_->forward(x) : x);
  return relu_(out);
}

ResNet18Impl::ResNet18Impl() {
  conv1_ = register_module("conv1", Conv(3, 64, 7, 2, 3));
  bn1_ = register_module("bn1", torch::nn::BatchNorm2d(64));
  relu_ = register_module("relu", torch::nn::ReLU(torch::nn::ReLUOptions().inplace(true)));
  maxpool_ = register_module("maxpool", torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(3).stride(2).padding(1)));
  layer1_ = register_module("layer1", Stage(64, 64, 1));
  layer2_ = register_module("layer2", Stage(64, 128, 2));
  layer3_ = register_module("layer3", Stage(128, 256, 2));
  layer4_ = register_module("layer4", Stage(256, 512, 2));
}

ResNet18Stages ResNet18Impl::ForwardStages(const torch::Tensor& x) {
  ResNet18Stages s;
  s.layer1 = layer1_->forward(maxpool_(relu_(bn1_(conv1_(x)))));
  s.layer2 = layer2_->forward(s.layer1);
  s.layer3 = layer3_->forward(s.layer2);
  s.layer4 = layer4_->forward(s.layer3);
  return s;
}

torch::Tensor ResNet18Impl::forward(const torch::Tensor& x) { return ForwardStages(x).layer4; }

}  // namespace handprop
