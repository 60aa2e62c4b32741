// SPDX-License-Identifier: Apache-2.0
#include "core/nn/hand_losses.h"

#include <torch/torch.h>

#include <cmath>

#include "core/model/hand_topology.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {

std::string HandLossWeights::Check() const {
  HP_OPTION_CHECK(std::isfinite(joints) && std::isfinite(shape) && std::isfinite(pose), "loss weights must be finite");
  HP_OPTION_CHECK_GE(joints, 0.0);
  HP_OPTION_CHECK_GE(shape, 0.0);
  HP_OPTION_CHECK_GE(pose, 0.0);
  return {};
}

at::Tensor JointSquaredError(const at::Tensor& keypoints, const at::Tensor& target_keypoints) {
  if (!keypoints.defined() || keypoints.dim() != 3 || keypoints.size(1) != kNumKeypoints || keypoints.size(2) != 3)
    throw InputError("joint loss: keypoints must be B x 21 x 3, got " +
                     (keypoints.defined() ? c10::str(keypoints.sizes()) : std::string("undefined")));
  if (!target_keypoints.defined() || target_keypoints.sizes() != keypoints.sizes())
    throw InputError("joint loss: target keypoints must be " + c10::str(keypoints.sizes()) + ", got " +
                     (target_keypoints.defined() ? c10::str(target_keypoints.sizes()) : std::string("undefined")));
  return (keypoints - target_keypoints.to(keypoints.options())).square().mean();
}

at::Tensor MeanSquare(const at::Tensor& values) {
  HP_CHECK(values.defined() && values.numel() > 0, "MeanSquare of an empty tensor");
  return values.square().mean();
}

HandLossTerms HandPredictorLoss(const HandPredictorOutput& prediction, const at::Tensor& target_keypoints,
                                const HandLossWeights& weights) {
  if (const std::string problem = weights.Check(); !problem.empty()) throw InputError("hand loss: " + problem);
  HandLossTerms t;
  t.joints = JointSquaredError(prediction.keypoints, target_keypoints);
  t.shape = MeanSquare(prediction.betas);
  t.pose = MeanSquare(prediction.pca);
  t.total = weights.joints * t.joints + weights.shape * t.shape + weights.pose * t.pose;
  return t;
}

}  // namespace handprop
