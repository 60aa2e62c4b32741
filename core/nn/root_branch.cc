// SPDX-License-Identifier: Apache-2.0
#include "core/nn/root_branch.h"

#include <torch/torch.h>

namespace handprop {

RootBranchImpl::RootBranchImpl(int64_t in_features, int64_t hidden, double dropout) {
  base_ = register_module("base", torch::nn::Sequential(torch::nn::Dropout(dropout),
                                                        torch::nn::Linear(in_features, hidden), torch::nn::ReLU()));
  out_ = register_module("out", torch::nn::Linear(hidden, 3));
}

torch::Tensor RootBranchImpl::forward(const torch::Tensor& low) { return out_(base_->forward(low)); }

}  // namespace handprop
