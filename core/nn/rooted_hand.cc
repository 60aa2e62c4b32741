// SPDX-License-Identifier: Apache-2.0
#include "core/nn/rooted_hand.h"

#include <torch/torch.h>

#include "core/util/error.h"

namespace handprop {
namespace {

void RequireRows(const at::Tensor& t, int64_t cols, const char* name) {
  if (!t.defined() || t.dim() != 2 || t.size(1) != cols)
    throw InputError(std::string(name) + " must be B x " + std::to_string(cols) + ", got " +
                     (t.defined() ? c10::str(t.sizes()) : std::string("an undefined tensor")));
}

}  // namespace

at::Tensor RootFromTrans(const TorchHandLayer& layer, const at::Tensor& betas, const at::Tensor& trans) {
  RequireRows(trans, 3, "trans");
  return trans + layer.RestJoints(betas).select(1, 0);
}

at::Tensor TransFromRoot(const TorchHandLayer& layer, const at::Tensor& betas, const at::Tensor& root) {
  RequireRows(root, 3, "root");
  return root - layer.RestJoints(betas).select(1, 0);
}

TorchHandOutput HandAtRoot(const TorchHandLayer& layer, const RootedHand& hand) {
  RequireRows(hand.root, 3, "root");
  RequireRows(hand.pose, kPoseDim, "pose");
  RequireRows(hand.betas, kNumBetas, "betas");
  // With trans = 0 the posed wrist is J0(beta) exactly (reference.md §1.5 step 6), so one shift
  // by root - wrist places the hand without a second shape evaluation.
  TorchHandOutput out = layer.Forward(hand.pose, hand.betas, torch::zeros_like(hand.root));
  const torch::Tensor shift = (hand.root - out.joints.select(1, 0)).unsqueeze(1);
  out.vertices = out.vertices + shift;
  out.joints = out.joints + shift;
  out.keypoints = out.keypoints + shift;
  return out;
}

at::Tensor PcaToAbsolutePose(const TorchHandLayer& layer, const at::Tensor& global_and_pca) {
  if (!global_and_pca.defined() || global_and_pca.dim() != 2 || global_and_pca.size(1) < 4)
    throw InputError("pca pose must be B x (3 + P) with P >= 1");
  PoseConvention convention;
  convention.flat_hand_mean = false;
  convention.num_pca = static_cast<int>(global_and_pca.size(1) - 3);
  return layer.AbsolutePose(global_and_pca, convention);
}

}  // namespace handprop
