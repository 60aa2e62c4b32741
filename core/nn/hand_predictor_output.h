// SPDX-License-Identifier: Apache-2.0
// What the Single-frame Hand Predictor returns (seed 003 Eq. 1). Tensors live on the module's
// device in its dtype (float32 by default); B is the batch size, P = options.num_pca, V the hand
// model's vertex count. Positions are metres in the crop camera's frame (x right, y down, z
// forward). ATen-only header: cheap to include from any torch target.
#pragma once

#include <ATen/core/Tensor.h>

namespace handprop {

// The encoder output of seed 003 §II-B: pooled low-level (layer2) and high-level (layer4)
// features and their concatenation, the input of the pose aligner's feature difference.
struct EncoderFeatures {
  at::Tensor low;           // B x 128, global average of ResNet-18 layer2
  at::Tensor high;          // B x 512, global average of ResNet-18 layer4
  at::Tensor concatenated;  // B x 640, [low, high]
  // Only when Encode is asked for it (probes, LabelPropagatorOptions::features): the maps the
  // averages throw away, flattened per image: layer2 average-pooled to 4 x 4, layer3 and layer4
  // whole (128*16 + 256*(S/16)^2 + 512*(S/32)^2 values for S-pixel crops). Undefined otherwise.
  at::Tensor spatial;
};

struct HandPredictorOutput {
  EncoderFeatures features;
  at::Tensor global_rotation;  // B x 3, axis-angle of the wrist in the camera frame
  at::Tensor pca;              // B x P, pose PCA coefficients (flat_hand_mean = false)
  at::Tensor betas;            // B x 10
  at::Tensor full_pose;        // B x 48, absolute pose (global rotation + 45 articulation, mean added)
  at::Tensor root;             // B x 3, wrist (keypoint 0, MANO joint 0) position, metres
  at::Tensor keypoints;        // B x 21 x 3, FreiHAND order, keypoints[:, 0] == root
  at::Tensor joints;           // B x 16 x 3, MANO order
  at::Tensor vertices;         // B x V x 3
};

}  // namespace handprop
