// SPDX-License-Identifier: Apache-2.0
#include "core/nn/crop_normalization.h"

#include <torch/torch.h>

#include "core/util/error.h"

namespace handprop {

at::Tensor NormalizeCrops(const at::Tensor& crops) {
  if (!crops.defined() || crops.dim() != 4 || crops.size(3) != 3 || crops.scalar_type() != torch::kUInt8)
    throw InputError("crops must be B x H x W x 3 uint8 RGB, got " +
                     (crops.defined() ? c10::str(crops.sizes()) + " " + std::string(c10::toString(crops.scalar_type()))
                                      : std::string("undefined")));
  return (crops.permute({0, 3, 1, 2}).to(torch::kFloat32) / 255.0 - 0.5).contiguous();
}

}  // namespace handprop
