// SPDX-License-Identifier: Apache-2.0
// The Pose Alignment module of seed 003 (§II-B, Fig. 3, §IV; docs/propagation-design.md):
// given the encoder features of a source frame a and a target frame b, it predicts
//   root displacement  dt = root_scale_m * g_root(d)             (B x 3, metres)
//   pose offset        dp = max_offset_rad * tanh(g_rot(d))      (B x 48, radians)
// from the feature difference d = f_b - f_a, and ApplyAlignment turns a's annotation into b's:
//   root_b = root_a + dt,  pose_b = pose_a + dp (absolute 48-d axis-angle),  betas_b = betas_a.
// g_root and g_rot are residual MLPs: Linear(D, H) + ReLU, then num_blocks residual blocks
// h <- ReLU(h + Linear(ReLU(Linear(h)))), then Linear(H, out).
//
// With `antisymmetric` (the default) each head is evaluated as (g(d) - g(-d)) / 2 and its output
// layer has no bias (it would cancel), so aligning a -> b and b -> a gives exactly opposite
// offsets and identical features (d = 0) give a zero offset: the a == b pairs of the sampler
// copy the annotation. Otherwise g(d) is used as is, with an output bias.
//
//   PoseAligner aligner(PoseAlignerOptions{});      // weights from the seeded torch generator
//   AlignmentOutput move = aligner->Forward(features_a, features_b);
//   RootedHand hand_b = ApplyAlignment(hand_a, move);
//
// Forward throws InputError on wrong feature sizes. Like every torch module it is not
// thread-safe for training; concurrent Forward calls under NoGradGuard are fine.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include <memory>
#include <string>

#include "core/nn/rooted_hand.h"

namespace handprop {

struct PoseAlignerOptions {
  // Size D of one frame's feature vector: the predictor's 128-d layer2 + 512-d layer4 pooling.
  int feature_dim = 640;
  // Width H of every hidden layer (the seed's value was lost in extraction).
  int hidden_dim = 512;
  // Residual blocks per head after the input layer.
  int num_residual_blocks = 2;
  // Metres per unit of the root head's linear output.
  double root_scale_m = 0.1;
  // Bound of every pose-offset entry, radians: the tanh output is multiplied by it.
  double max_offset_rad = 1.5707963267948966;
  // Evaluate (g(d) - g(-d)) / 2: exact a<->b inverse and a zero offset for equal features.
  bool antisymmetric = true;

  std::string Check() const;
};

struct AlignmentOutput {
  at::Tensor root_displacement;  // B x 3, metres
  at::Tensor pose_offset;        // B x 48, radians, |entry| <= max_offset_rad
};

class AlignerMlpImpl;  // one head; defined in pose_aligner.cc

class PoseAlignerImpl : public torch::nn::Module {
 public:
  // Throws InputError naming the violated option.
  explicit PoseAlignerImpl(const PoseAlignerOptions& options);

  // features_from (source a) and features_to (target b): B x feature_dim each.
  AlignmentOutput Forward(const at::Tensor& features_from, const at::Tensor& features_to);

  const PoseAlignerOptions& options() const { return options_; }

 private:
  PoseAlignerOptions options_;
  std::shared_ptr<AlignerMlpImpl> root_;
  std::shared_ptr<AlignerMlpImpl> rotation_;
};
TORCH_MODULE(PoseAligner);

// Seed 003 Eqs. (2)-(4): the source annotation moved by the alignment. Batch sizes must agree.
RootedHand ApplyAlignment(const RootedHand& source, const AlignmentOutput& alignment);

}  // namespace handprop
