// SPDX-License-Identifier: Apache-2.0
#include "core/nn/mano_branch.h"

#include <torch/torch.h>

#include "core/model/hand_topology.h"

namespace handprop {

ManoBranchImpl::ManoBranchImpl(int64_t in_features, int64_t hidden, int64_t num_pca, double dropout)
    : num_pca_(num_pca) {
  base_ =
      register_module("base", torch::nn::Sequential(torch::nn::Dropout(dropout), torch::nn::Linear(in_features, hidden),
                                                    torch::nn::ReLU(), torch::nn::Dropout(dropout),
                                                    torch::nn::Linear(hidden, hidden), torch::nn::ReLU()));
  pose_reg_ = register_module("pose_reg", torch::nn::Linear(hidden, 3 + num_pca));
  shape_reg_ = register_module("shape_reg", torch::nn::Linear(hidden, kNumBetas));
}

ManoBranchOutput ManoBranchImpl::forward(const torch::Tensor& high) {
  const torch::Tensor hidden = base_->forward(high);
  const torch::Tensor pose = pose_reg_(hidden);
  return {pose.slice(1, 0, 3), pose.slice(1, 3, 3 + num_pca_), shape_reg_(hidden)};
}

}  // namespace handprop
