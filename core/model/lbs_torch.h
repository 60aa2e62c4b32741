// SPDX-License-Identifier: Apache-2.0
// Batched, differentiable linear blend skinning in LibTorch (reference.md §1.5), on CPU or CUDA,
// the twin of the Eigen HandLbs. Gradients flow to pose, shape and translation.
//
//   TorchHandLayer layer(model, torch::kCPU, torch::kFloat64);
//   TorchHandOutput out = layer.Forward(pose /*B x 48 absolute*/, betas /*B x 10*/, trans /*B x 3*/);
//   out.keypoints  // B x 21 x 3, FreiHAND order
//
// The model's arrays are copied to the device once at construction. Forward is const and
// thread-safe. Only <ATen/core/Tensor.h> is included here, to keep this header cheap.
#pragma once

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>

#include <memory>

#include "core/model/hand_model.h"
#include "core/model/pose_convention.h"

namespace handprop {

struct TorchHandOutput {
  at::Tensor vertices;   // B x V x 3
  at::Tensor joints;     // B x 16 x 3, MANO order
  at::Tensor keypoints;  // B x 21 x 3, FreiHAND order
};

class TorchHandLayer {
 public:
  TorchHandLayer(const HandModel& model, c10::Device device, c10::ScalarType dtype = c10::kFloat);
  ~TorchHandLayer();
  TorchHandLayer(const TorchHandLayer&);
  TorchHandLayer& operator=(const TorchHandLayer&);

  // pose: B x 48 absolute axis-angle; betas: B x 10; trans: B x 3. Throws InputError on wrong sizes.
  TorchHandOutput Forward(const at::Tensor& pose, const at::Tensor& betas, const at::Tensor& trans) const;

  // B x InputSize() convention vectors to B x 48 absolute poses (differentiable).
  at::Tensor AbsolutePose(const at::Tensor& input, const PoseConvention& convention) const;

  // B x 16 x 3 shaped rest joints.
  at::Tensor RestJoints(const at::Tensor& betas) const;

  // B x 3 axis-angle to B x 3 x 3 rotation matrices; exact and differentiable at zero.
  static at::Tensor Rodrigues(const at::Tensor& axis_angle);

  int NumVertices() const;
  c10::Device device() const;
  c10::ScalarType dtype() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace handprop
