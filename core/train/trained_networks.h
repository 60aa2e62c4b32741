// SPDX-License-Identifier: Apache-2.0
// The networks of a finished training run, loaded for inference (propagation, evaluation): a
// stage-1 "hand_predictor" checkpoint gives the Single-frame Hand Predictor alone (the seed's
// Baseline); a "propagator" checkpoint (stage 2 or 3) gives the predictor and the Pose Aligner.
//
//   TrainedNetworks nets = LoadTrainedNetworks("model/propagator.ckpt", ResolveDevice("auto"));
//   nets.predictor->Encode(images) ...; if (nets.aligner) nets.aligner->Forward(fa, fb) ...
//
// Both networks come back in eval mode on `device`. The hand model is the one the checkpoint
// names, and its file must still have the recorded hash. Errors: InputError with one line naming
// the checkpoint (not a checkpoint, another kind, another hand model, a damaged payload).
// Torch-side header: include it only from .cc files of targets that link torch.
#pragma once

#include <c10/core/Device.h>

#include <string>

#include "core/nn/hand_predictor.h"
#include "core/propagate/pose_aligner.h"
#include "core/train/checkpoint.h"

namespace handprop {

struct TrainedNetworks {
  HandPredictor predictor{nullptr};
  PoseAligner aligner{nullptr};   // null for a stage-1 checkpoint
  HandPredictorOptions network;   // the predictor's options (crop size, PCA count, ...)
  int max_gap = 0;                // the pair sampler's Delta in training (0 for stage 1)
  int stage = 1;                  // 1, 2 or 3
  CheckpointInfo info;            // the checkpoint's metadata
  std::string model_id;           // "<kind>:<payload xxh64>", what propagated labels record
  c10::Device device = c10::kCPU;
};

TrainedNetworks LoadTrainedNetworks(const std::string& checkpoint, const c10::Device& device);

}  // namespace handprop
