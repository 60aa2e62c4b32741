// SPDX-License-Identifier: Apache-2.0
#include "core/nn/hand_predictor.h"

#include <torch/torch.h>

#include "core/nn/rooted_hand.h"
#include "core/nn/root_recovery.h"
#include "core/util/error.h"

namespace handprop {

HandPredictorImpl::HandPredictorImpl(const HandModel& model, const HandPredictorOptions& options)
    : options_(options), model_(model) {
  if (const std::string problem = options_.Check(); !problem.empty()) throw InputError("hand predictor: " + problem);
  if (options_.num_pca > model_.pca_components.rows())
    throw InputError("hand predictor: num_pca = " + std::to_string(options_.num_pca) + " exceeds the " +
                     std::to_string(model_.pca_components.rows()) + " PCA components of model " + model_.name);
  encoder_ = register_module("encoder", ResNet18());
  root_branch_ = register_module("root_branch", RootBranch(kLowFeatures, options_.root_hidden, options_.dropout));
  mano_branch_ = register_module("mano_branch",
                                 ManoBranch(kHighFeatures, options_.mano_hidden, options_.num_pca, options_.dropout));
  RebuildHandLayer();
}

void HandPredictorImpl::RebuildHandLayer() {
  const torch::Tensor probe = encoder_->parameters().front();
  hand_layer_ = std::make_unique<TorchHandLayer>(model_, probe.device(), probe.scalar_type());
}

void HandPredictorImpl::to(torch::Device device, torch::Dtype dtype, bool non_blocking) {
  torch::nn::Module::to(device, dtype, non_blocking);
  RebuildHandLayer();
}
void HandPredictorImpl::to(torch::Dtype dtype, bool non_blocking) {
  torch::nn::Module::to(dtype, non_blocking);
  RebuildHandLayer();
}
void HandPredictorImpl::to(torch::Device device, bool non_blocking) {
  torch::nn::Module::to(device, non_blocking);
  RebuildHandLayer();
}

EncoderFeatures HandPredictorImpl::Encode(const torch::Tensor& images, bool spatial) {
  const int64_t s = options_.crop_size;
  if (!images.defined() || images.dim() != 4 || images.size(1) != 3 || images.size(2) != s || images.size(3) != s)
    throw InputError("hand predictor: images must be B x 3 x " + std::to_string(s) + " x " + std::to_string(s) +
                     ", got " + (images.defined() ? c10::str(images.sizes()) : std::string("undefined")));
  const ResNet18Stages stages = encoder_->ForwardStages(images);
  EncoderFeatures f;
  f.low = stages.layer2.mean({2, 3});
  f.high = stages.layer4.mean({2, 3});
  f.concatenated = torch::cat({f.low, f.high}, 1);
  if (spatial)
    f.spatial = torch::cat({torch::adaptive_avg_pool2d(stages.layer2, {4, 4}).flatten(1), stages.layer3.flatten(1),
                            stages.layer4.flatten(1)},
                           1);
  return f;
}

HandPredictorOutput HandPredictorImpl::Decode(const EncoderFeatures& features, const torch::Tensor& intrinsics) {
  HP_CHECK(features.low.defined() && features.high.defined(), "Decode needs both features");
  CheckIntrinsicsTensor(intrinsics, features.low.size(0), "hand predictor");
  HandPredictorOutput out;
  out.features = features;
  out.root = RecoverRoot(root_branch_->forward(features.low), intrinsics, options_);
  ManoBranchOutput mano = mano_branch_->forward(features.high);
  out.global_rotation = mano.global_rotation;
  out.pca = mano.pca;
  out.betas = mano.betas;
  out.full_pose = hand_layer_->AbsolutePose(torch::cat({mano.global_rotation, mano.pca}, 1), pose_convention());
  TorchHandOutput hand = HandAtRoot(*hand_layer_, RootedHand{out.root, out.full_pose, out.betas});
  out.keypoints = hand.keypoints;
  out.joints = hand.joints;
  out.vertices = hand.vertices;
  return out;
}

HandPredictorOutput HandPredictorImpl::forward(const torch::Tensor& images, const torch::Tensor& intrinsics) {
  return Decode(Encode(images), intrinsics);
}

}  // namespace handprop
