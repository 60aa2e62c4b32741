// SPDX-License-Identifier: Apache-2.0
// The MANO branch of the Single-frame Hand Predictor (seed 003 §II-B, §IV; reference.md §2.1
// ManoBranch): from the high-level feature, two Dropout+Linear+ReLU layers (512 -> 512 -> 512 by
// default), then pose_reg: Linear(hidden -> 3 + num_pca) for the global axis-angle and the PCA
// coefficients, and shape_reg: Linear(hidden -> 10) for the betas. Module names: base.{0..5},
// pose_reg, shape_reg (Hasson's). Torch-side header (see resnet18.h).
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include <cstdint>

namespace handprop {

struct ManoBranchOutput {
  torch::Tensor global_rotation;  // B x 3
  torch::Tensor pca;              // B x num_pca
  torch::Tensor betas;            // B x 10
};

class ManoBranchImpl : public torch::nn::Module {
 public:
  ManoBranchImpl(int64_t in_features, int64_t hidden, int64_t num_pca, double dropout);
  // high: B x in_features.
  ManoBranchOutput forward(const torch::Tensor& high);

 private:
  int64_t num_pca_;
  torch::nn::Sequential base_{nullptr};
  torch::nn::Linear pose_reg_{nullptr};
  torch::nn::Linear shape_reg_{nullptr};
};
TORCH_MODULE(ManoBranch);

}  // namespace handprop
