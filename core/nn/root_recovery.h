// SPDX-License-Identifier: Apache-2.0
// Root recovery: the root branch's raw output (s, du, dv) and the crop camera's intrinsics to
// the 3D wrist position, Hasson's AbsoluteBranch + project.py recipe adapted to hand crops
// (reference.md §2.1 "3D recovery"; docs/networks.md "Root branch"):
//   Z = fx * s * depth_factor + depth_offset
//   (u, v) = c + crop_size * uv_factor * (du, dv),  c = (crop_size - 1) / 2, the crop centre in
//            the project's pixel convention (pixel (0, 0) centred at (0, 0), camera.h)
//   X = (u - cx) Z / fx,  Y = (v - cy) Z / fy
// Differentiable; works on any device and dtype. ATen-only header.
#pragma once

#include <ATen/core/Tensor.h>

#include "core/nn/hand_predictor_options.h"

namespace handprop {

// raw: B x 3 (s, du, dv); intrinsics: B x 4 (fx, fy, cx, cy) of the crop, pixels. Returns B x 3
// metres. Throws InputError when the shapes are wrong. Z is not clamped: a positive depth is
// learnt, not enforced (as in Hasson's code).
at::Tensor RecoverRoot(const at::Tensor& raw, const at::Tensor& intrinsics, const HandPredictorOptions& options);

// Throws InputError naming `what` unless intrinsics is B x 4 with `batch` rows.
void CheckIntrinsicsTensor(const at::Tensor& intrinsics, int64_t batch, const char* what);

}  // namespace handprop
