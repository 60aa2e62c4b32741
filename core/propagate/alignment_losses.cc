// SPDX-License-Identifier: Apache-2.0
#include "core/propagate/alignment_losses.h"

#include <torch/torch.h>

#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {

std::string AlignmentLossOptions::Check() const {
  HP_OPTION_CHECK_GE(forward_weight, 0.0);
  HP_OPTION_CHECK_GE(backward_weight, 0.0);
  HP_OPTION_CHECK_GE(regulariser_weight, 0.0);
  HP_OPTION_CHECK_GT(root_regulariser_scale_m, 0.0);
  return {};
}

at::Tensor MeanSquaredPointError(const at::Tensor& a, const at::Tensor& b) {
  if (a.dim() != 3 || a.size(2) != 3 || !a.sizes().equals(b.sizes()))
    throw InputError("point sets must both be B x K x 3, got " + c10::str(a.sizes()) + " and " + c10::str(b.sizes()));
  return (a - b).pow(2).mean();
}

namespace {

torch::Tensor MeanSquaredNorm(const torch::Tensor& rows) { return rows.pow(2).sum(-1).mean(); }

}  // namespace

AlignmentLoss ComputeAlignmentLoss(const TorchHandLayer& layer, PoseAligner& aligner,
                                   const at::Tensor& features_supervised, const at::Tensor& features_partner,
                                   const RootedHand& truth_supervised, const RootedHand& source_partner,
                                   const AlignmentLossOptions& options) {
  if (const std::string problem = options.Check(); !problem.empty()) throw InputError("alignment loss: " + problem);
  const AlignmentOutput to_supervised = aligner->Forward(features_partner, features_supervised);
  const AlignmentOutput to_partner = aligner->Forward(features_supervised, features_partner);

  const torch::Tensor truth_joints = HandAtRoot(layer, truth_supervised).keypoints;
  const torch::Tensor source_joints = HandAtRoot(layer, source_partner).keypoints;
  const torch::Tensor forward_joints = HandAtRoot(layer, ApplyAlignment(source_partner, to_supervised)).keypoints;
  const torch::Tensor backward_joints = HandAtRoot(layer, ApplyAlignment(truth_supervised, to_partner)).keypoints;

  AlignmentLoss loss;
  loss.forward = MeanSquaredPointError(forward_joints, truth_joints);
  loss.backward = MeanSquaredPointError(source_joints, backward_joints);
  const double inv_scale = 1.0 / options.root_regulariser_scale_m;
  loss.regulariser = 0.5 * (MeanSquaredNorm(to_supervised.pose_offset) + MeanSquaredNorm(to_partner.pose_offset) +
                            MeanSquaredNorm(to_supervised.root_displacement * inv_scale) +
                            MeanSquaredNorm(to_partner.root_displacement * inv_scale));
  loss.total = options.forward_weight * loss.forward + options.backward_weight * loss.backward +
               options.regulariser_weight * loss.regulariser;
  return loss;
}

}  // namespace handprop
