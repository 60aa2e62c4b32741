// SPDX-License-Identifier: Apache-2.0
// The root branch of the Single-frame Hand Predictor (seed 003 §II-B: the 3D root from the
// low-level feature; reference.md §2.1 AbsoluteBranch): Dropout, Linear(in -> hidden), ReLU,
// Linear(hidden -> 3) giving the raw (s, du, dv) that RecoverRoot (root_recovery.h) turns into
// metres with the crop intrinsics. Module names: base.{0,1,2} (dropout, linear, relu), out.
// Torch-side header (see resnet18.h).
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include <cstdint>

namespace handprop {

class RootBranchImpl : public torch::nn::Module {
 public:
  RootBranchImpl(int64_t in_features, int64_t hidden, double dropout);
  // low: B x in_features. Returns the raw B x 3 (s, du, dv).
  torch::Tensor forward(const torch::Tensor& low);

 private:
  torch::nn::Sequential base_{nullptr};
  torch::nn::Linear out_{nullptr};
};
TORCH_MODULE(RootBranch);

}  // namespace handprop
