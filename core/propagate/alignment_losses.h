// SPDX-License-Identifier: Apache-2.0
// The Pose Alignment loss of seed 003 §II-C2, Eqs. (7)-(8), for a batch of pairs (s, u): s is a
// supervised (labelled) frame with ground truth y*_s, u its partner with the source annotation
// y_u (the Hand Predictor's output on u in stage 3; the partner's ground truth in stage 2, when u
// is labelled too). With A(y, d) = ApplyAlignment(y, aligner(d)) and J(y) = HandAtRoot keypoints:
//   forward   L_f = E[ |J(A(y_u, f_s - f_u)) - J(y*_s)|^2 ]        u -> s, against s's truth
//   backward  L_b = E[ |J(y_u) - J(A(y*_s, f_u - f_s))|^2 ]        s -> u, against u's source
//   regulariser L_r = 1/2 sum over both alignments of E[ |dp|^2 + |dt / root_scale_m|^2 ]
//   total     L_align = w_f L_f + w_b L_b + w_r L_r
// E|.|^2 is the mean over B x 21 x 3 of the squared coordinate differences (m^2), the Hasson
// MSE that core/nn's JointSquaredError also uses; for L_r, E is the mean over the batch of the
// squared norms. Nothing is detached: gradients
// reach the aligner, the source annotation and both feature tensors; the trainer detaches what a
// stage freezes (docs/propagation-design.md).
#pragma once

#include <ATen/core/Tensor.h>

#include <string>

#include "core/propagate/pose_aligner.h"

namespace handprop {

struct AlignmentLossOptions {
  double forward_weight = 1.0;      // w_f
  double backward_weight = 1.0;     // w_b
  double regulariser_weight = 1e-5; // w_r
  // The root displacement is measured in units of this many metres inside L_r.
  double root_regulariser_scale_m = 0.1;

  std::string Check() const;
};

struct AlignmentLoss {
  at::Tensor forward;      // scalar, m^2
  at::Tensor backward;     // scalar, m^2
  at::Tensor regulariser;  // scalar
  at::Tensor total;        // scalar, the weighted sum
};

// Mean over B x K x 3 of the squared differences of two B x K x 3 point sets (1/3 of the mean
// squared point distance).
at::Tensor MeanSquaredPointError(const at::Tensor& a, const at::Tensor& b);

// Throws InputError on invalid options or mismatched shapes.
AlignmentLoss ComputeAlignmentLoss(const TorchHandLayer& layer, PoseAligner& aligner,
                                   const at::Tensor& features_supervised, const at::Tensor& features_partner,
                                   const RootedHand& truth_supervised, const RootedHand& source_partner,
                                   const AlignmentLossOptions& options);

}  // namespace handprop
