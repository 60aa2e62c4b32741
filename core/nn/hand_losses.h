// SPDX-License-Identifier: Apache-2.0
// The Single-frame Hand Predictor loss of seed 003 §II-C1 (Eqs. 5-6), with the definitions and
// default weights of Hasson's hand branch (reference.md §2.2, docs/networks.md "Losses"):
//   joints = mean over B x 21 x 3 of (predicted - target keypoints)^2   (metres^2, camera frame)
//   shape  = mean over B x 10 of beta^2
//   pose   = mean over B x P of pca^2
//   total  = w_joints joints + w_shape shape + w_pose pose
// Every term is a 0-dim tensor on the prediction's device, differentiable, so a trainer can log
// each (item()) and back-propagate the total.
#pragma once

#include <ATen/core/Tensor.h>

#include <string>

#include "core/nn/hand_predictor_output.h"

namespace handprop {

struct HandLossWeights {
  double joints = 0.5;        // Hasson's mano_lambda_recov_joints3d
  double shape = 5e-7;        // mano_lambda_shape
  double pose = 5e-6;         // mano_lambda_pose_reg
  std::string Check() const;  // each finite and >= 0
};

struct HandLossTerms {
  at::Tensor joints;
  at::Tensor shape;
  at::Tensor pose;
  at::Tensor total;
};

// target_keypoints: B x 21 x 3 metres, same frame as prediction.keypoints (converted to its
// device and dtype). Throws InputError on shape mismatches or invalid weights.
HandLossTerms HandPredictorLoss(const HandPredictorOutput& prediction, const at::Tensor& target_keypoints,
                                const HandLossWeights& weights = {});

// The terms alone, for callers (the aligner's losses) that hold keypoints, pca and betas directly.
at::Tensor JointSquaredError(const at::Tensor& keypoints, const at::Tensor& target_keypoints);
at::Tensor MeanSquare(const at::Tensor& values);

}  // namespace handprop
