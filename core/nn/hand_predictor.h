// SPDX-License-Identifier: Apache-2.0
// The Single-frame Hand Predictor of seed 003 (§II-B, Eq. 1; §IV), the hand branch of Hasson et
// al. CVPR 2020 (reference.md §2.1) adapted to square hand crops (docs/networks.md):
//   encoder: ResNet-18; low = avgpool(layer2) (128-d), high = avgpool(layer4) (512-d)
//   root branch (low + crop intrinsics) -> wrist position, metres, camera frame
//   MANO branch (high) -> global axis-angle, num_pca PCA coefficients, 10 betas
//   TorchHandLayer (flat_hand_mean = false, num_pca) -> mesh and keypoints with the wrist at the root
//
//   HandPredictor net(model, HandPredictorOptions{});
//   HandPredictorOutput out = net->forward(images, intrinsics);
//   //   images: B x 3 x S x S float RGB, normalised as NormalizeCrops does (img / 255 - 0.5)
//   //   intrinsics: B x 4 (fx, fy, cx, cy) of the crop in pixels
//   net->to(torch::kCUDA);   // moves the weights and rebuilds the hand layer on that device
//
// Submodules: encoder (torchvision names: a torchvision resnet18 state dict without fc.* loads
// under the prefix "encoder."), root_branch, mano_branch. The hand model's arrays are NOT
// parameters or buffers, so they never enter a checkpoint (MANO's licence, reference.md).
// Throws InputError on wrong input shapes or when num_pca exceeds the model's components.
// Not thread-safe while training; forward under NoGradGuard in eval mode may run concurrently.
// Torch-side header (see resnet18.h).
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include <memory>

#include "core/model/hand_model.h"
#include "core/model/lbs_torch.h"
#include "core/nn/hand_predictor_options.h"
#include "core/nn/hand_predictor_output.h"
#include "core/nn/mano_branch.h"
#include "core/nn/resnet18.h"
#include "core/nn/root_branch.h"

namespace handprop {

class HandPredictorImpl : public torch::nn::Module {
 public:
  static constexpr int64_t kLowFeatures = 128;   // ResNet-18 layer2 channels
  static constexpr int64_t kHighFeatures = 512;  // ResNet-18 layer4 channels

  HandPredictorImpl(const HandModel& model, const HandPredictorOptions& options);

  // Encode then Decode.
  HandPredictorOutput forward(const torch::Tensor& images, const torch::Tensor& intrinsics);
  // images: B x 3 x crop_size x crop_size on the module's device. With `spatial`, the same pass
  // also fills EncoderFeatures::spatial.
  EncoderFeatures Encode(const torch::Tensor& images, bool spatial = false);
  // Both branches and the hand layer on given features (the fields low and high are used).
  HandPredictorOutput Decode(const EncoderFeatures& features, const torch::Tensor& intrinsics);

  const HandPredictorOptions& options() const { return options_; }
  // The MANO layer on the module's current device and dtype (AbsolutePose converts PCA to 48-d).
  const TorchHandLayer& hand_layer() const { return *hand_layer_; }
  PoseConvention pose_convention() const { return {/*flat_hand_mean=*/false, options_.num_pca}; }

  // nn::Module::to, plus rebuilding the hand layer on the new device / dtype.
  using torch::nn::Module::to;
  void to(torch::Device device, torch::Dtype dtype, bool non_blocking = false) override;
  void to(torch::Dtype dtype, bool non_blocking = false) override;
  void to(torch::Device device, bool non_blocking = false) override;

 private:
  void RebuildHandLayer();

  HandPredictorOptions options_;
  HandModel model_;
  std::unique_ptr<TorchHandLayer> hand_layer_;
  ResNet18 encoder_{nullptr};
  RootBranch root_branch_{nullptr};
  ManoBranch mano_branch_{nullptr};
};
TORCH_MODULE(HandPredictor);

}  // namespace handprop
