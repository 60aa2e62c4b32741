// SPDX-License-Identifier: Apache-2.0
#include "core/propagate/pose_aligner.h"

#include <torch/torch.h>

#include "core/model/hand_topology.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {

std::string PoseAlignerOptions::Check() const {
  HP_OPTION_CHECK_GT(feature_dim, 0);
  HP_OPTION_CHECK_GT(hidden_dim, 0);
  HP_OPTION_CHECK_GE(num_residual_blocks, 0);
  HP_OPTION_CHECK_GT(root_scale_m, 0.0);
  HP_OPTION_CHECK_GT(max_offset_rad, 0.0);
  return {};
}

// Linear(D, H) + ReLU, residual blocks, Linear(H, out): the shape of Fig. 3.
class AlignerMlpImpl : public torch::nn::Module {
 public:
  AlignerMlpImpl(int64_t in, int64_t hidden, int num_blocks, int64_t out, bool output_bias) {
    input_ = register_module("input", torch::nn::Linear(in, hidden));
    for (int i = 0; i < num_blocks; ++i) {
      const std::string name = "block" + std::to_string(i);
      first_.push_back(register_module(name + "_fc1", torch::nn::Linear(hidden, hidden)));
      second_.push_back(register_module(name + "_fc2", torch::nn::Linear(hidden, hidden)));
    }
    output_ = register_module("output", torch::nn::Linear(torch::nn::LinearOptions(hidden, out).bias(output_bias)));
  }

  torch::Tensor Forward(const torch::Tensor& x) {
    torch::Tensor h = torch::relu(input_->forward(x));
    for (size_t i = 0; i < first_.size(); ++i)
      h = torch::relu(h + second_[i]->forward(torch::relu(first_[i]->forward(h))));
    return output_->forward(h);
  }

 private:
  torch::nn::Linear input_{nullptr};
  std::vector<torch::nn::Linear> first_;
  std::vector<torch::nn::Linear> second_;
  torch::nn::Linear output_{nullptr};
};

PoseAlignerImpl::PoseAlignerImpl(const PoseAlignerOptions& options) : options_(options) {
  if (const std::string problem = options.Check(); !problem.empty()) throw InputError("pose aligner: " + problem);
  const bool bias = !options.antisymmetric;
  root_ = register_module("root_aligner", std::make_shared<AlignerMlpImpl>(options.feature_dim, options.hidden_dim,
                                                                          options.num_residual_blocks, 3, bias));
  rotation_ = register_module("rotation_aligner", std::make_shared<AlignerMlpImpl>(
                                                      options.feature_dim, options.hidden_dim,
                                                      options.num_residual_blocks, kPoseDim, bias));
}

AlignmentOutput PoseAlignerImpl::Forward(const at::Tensor& features_from, const at::Tensor& features_to) {
  const int64_t d = options_.feature_dim;
  for (const at::Tensor* t : {&features_from, &features_to})
    if (!t->defined() || t->dim() != 2 || t->size(1) != d)
      throw InputError("aligner features must be B x " + std::to_string(d) + ", got " +
                       (t->defined() ? c10::str(t->sizes()) : std::string("an undefined tensor")));
  if (features_from.size(0) != features_to.size(0))
    throw InputError("aligner features: batch sizes " + std::to_string(features_from.size(0)) + " and " +
                     std::to_string(features_to.size(0)) + " differ");
  const torch::Tensor diff = features_to - features_from;
  torch::Tensor root_raw, rot_raw;
  if (options_.antisymmetric) {
    // Two calls of the same shape rather than one over [d; -d]: a row then takes the same BLAS
    // path in both, so swapping a and b negates the output bit for bit and d = 0 gives exactly 0.
    const torch::Tensor neg = -diff;
    root_raw = 0.5 * (root_->Forward(diff) - root_->Forward(neg));
    rot_raw = 0.5 * (rotation_->Forward(diff) - rotation_->Forward(neg));
  } else {
    root_raw = root_->Forward(diff);
    rot_raw = rotation_->Forward(diff);
  }
  return {options_.root_scale_m * root_raw, options_.max_offset_rad * torch::tanh(rot_raw)};
}

RootedHand ApplyAlignment(const RootedHand& source, const AlignmentOutput& alignment) {
  const int64_t batch = source.pose.size(0);
  if (alignment.pose_offset.size(0) != batch || alignment.root_displacement.size(0) != batch ||
      source.root.size(0) != batch || source.betas.size(0) != batch)
    throw InputError("ApplyAlignment: annotation and alignment batch sizes differ");
  return {source.root + alignment.root_displacement, source.pose + alignment.pose_offset, source.betas};
}

}  // namespace handprop
