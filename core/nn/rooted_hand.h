// SPDX-License-Identifier: Apache-2.0
// A hand annotation as seed 003 writes it (§II-A): the 3D root location in camera space, the
// absolute 48-d axis-angle pose (core/model/pose_convention.h) and the 10 shape coefficients,
// batched as LibTorch tensors. The root is the wrist (keypoint 0 = MANO joint 0, the pivot of the
// global rotation, reference.md §1.5), so "MANO at a root" is MANO with trans = root - J0(beta).
//
// Everything here is differentiable, runs on the layer's device and dtype, and is thread-safe
// (TorchHandLayer::Forward is const). Shape errors throw InputError naming the tensor.
#pragma once

#include <ATen/core/Tensor.h>

#include "core/model/lbs_torch.h"

namespace handprop {

struct RootedHand {
  at::Tensor root;   // B x 3, metres, camera frame: the posed wrist
  at::Tensor pose;   // B x 48, absolute axis-angle (radians)
  at::Tensor betas;  // B x 10
};

// MANO posed so that its wrist lands on `hand.root`: vertices, joints and keypoints (metres).
TorchHandOutput HandAtRoot(const TorchHandLayer& layer, const RootedHand& hand);

// The wrist root of MANO parameters (pose, betas, trans): trans + J0(betas). The posed wrist does
// not depend on the pose because the global rotation pivots about J0.
at::Tensor RootFromTrans(const TorchHandLayer& layer, const at::Tensor& betas, const at::Tensor& trans);
// The inverse: trans = root - J0(betas).
at::Tensor TransFromRoot(const TorchHandLayer& layer, const at::Tensor& betas, const at::Tensor& root);

// The Hand Predictor's pose output [global axis-angle (3) | P PCA coefficients] to the absolute
// 48-d pose with the model's basis: articulation = pca_mean + c * pca_components[:P]
// (flat_hand_mean = false, reference.md §1.4; seed 003 §IV). B x (3 + P) -> B x 48.
// Throws InputError when P exceeds the model's component count.
at::Tensor PcaToAbsolutePose(const TorchHandLayer& layer, const at::Tensor& global_and_pca);

}  // namespace handprop
