// SPDX-License-Identifier: Apache-2.0
#include "core/nn/root_recovery.h"

#include <torch/torch.h>

#include "core/util/error.h"

namespace handprop {

void CheckIntrinsicsTensor(const at::Tensor& intrinsics, int64_t batch, const char* what) {
  if (!intrinsics.defined() || intrinsics.dim() != 2 || intrinsics.size(0) != batch || intrinsics.size(1) != 4)
    throw InputError(std::string(what) + ": intrinsics must be " + std::to_string(batch) +
                     " x 4 (fx, fy, cx, cy), got " +
                     (intrinsics.defined() ? c10::str(intrinsics.sizes()) : std::string("undefined")));
}

at::Tensor RecoverRoot(const at::Tensor& raw, const at::Tensor& intrinsics, const HandPredictorOptions& options) {
  if (!raw.defined() || raw.dim() != 2 || raw.size(1) != 3)
    throw InputError("root branch: raw output must be B x 3 (s, du, dv), got " +
                     (raw.defined() ? c10::str(raw.sizes()) : std::string("undefined")));
  CheckIntrinsicsTensor(intrinsics, raw.size(0), "root branch");
  const torch::Tensor k = intrinsics.to(raw.options());
  const torch::Tensor fx = k.select(1, 0), fy = k.select(1, 1), cx = k.select(1, 2), cy = k.select(1, 3);
  const double centre = 0.5 * (options.crop_size - 1);
  const double uv_scale = options.uv_factor * options.crop_size;
  const torch::Tensor z = fx * raw.select(1, 0) * options.depth_factor + options.depth_offset;
  const torch::Tensor u = centre + uv_scale * raw.select(1, 1);
  const torch::Tensor v = centre + uv_scale * raw.select(1, 2);
  return torch::stack({(u - cx) * z / fx, (v - cy) * z / fy, z}, 1);
}

}  // namespace handprop
