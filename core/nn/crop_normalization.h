// SPDX-License-Identifier: Apache-2.0
// The predictor's input normalisation, Hasson's img - 0.5 on [0, 1] images (reference.md §2.3;
// mean 0.5, std 1, no ImageNet statistics): value = pixel / 255 - 0.5, in [-0.5, 0.5].
// ATen-only header; pure function, any device.
#pragma once

#include <ATen/core/Tensor.h>

namespace handprop {

// crops: B x S x S x 3 uint8 RGB (not OpenCV's BGR: swap channels first), on any device (move
// the uint8 tensor to the GPU before calling, it is 4x smaller). Returns B x 3 x S x S float32,
// contiguous, on the same device. Throws InputError on another shape or dtype.
at::Tensor NormalizeCrops(const at::Tensor& crops);

}  // namespace handprop
