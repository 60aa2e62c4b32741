// SPDX-License-Identifier: Apache-2.0
// Stage 2's key frames, encoded once (docs/training.md "Stage 2 on cached features"). In stage 2
// the predictor is frozen (eval mode, no gradient) and pairs are loaded unaugmented
// (BatchSource::LoadFrames is stateless), so a key frame's feature vector and label are the same
// at every step: encoding them once and indexing rows gives the same losses as encoding both
// frames of every pair, and a step no longer decodes video or runs the ResNet (docs/benchmarks.md
// "Stage 2 on cached key-frame features"). Memory: 2.6 KB per key frame on the device (640 floats
// plus the label), 260 MB for 100,000 key frames.
//
//   KeyFrameFeatures cache(source, videos, *net, device, /*batch=*/32);
//   torch::Tensor rows = cache.Rows(pairs, /*partner=*/false);   // B row indices of frame a
//   cache.features().index({rows});                              // B x 640
//
// Frames are encoded video by video, key frame by key frame, in batches of `batch` crops, always
// the same way, so a resumed run sees exactly the features of an uninterrupted one.
// Torch-side header.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

#include "core/nn/rooted_hand.h"
#include "core/train/training_batch.h"

namespace handprop {

class HandPredictorImpl;

class KeyFrameFeatures {
 public:
  // Encodes every key frame of `videos` (RuntimeError when the source loses a label).
  KeyFrameFeatures(BatchSource& source, const SourceVideos& videos, HandPredictorImpl& predictor,
                   const c10::Device& device, int batch);

  // The cache rows of the pairs' frames a (partner = false) or b (partner = true); b must be a key
  // frame (RuntimeError otherwise).
  at::Tensor Rows(const std::vector<FramePair>& pairs, bool partner) const;

  const at::Tensor& features() const { return features_; }  // N x 640 on the device
  RootedHand Labels(const at::Tensor& rows) const;           // the key frames' labels
  int64_t size() const { return features_.size(0); }

 private:
  std::vector<int64_t> first_row_;              // per video, the row of its first key frame
  std::vector<std::vector<int>> key_frames_;    // per video
  at::Tensor features_, root_, pose_, betas_;
};

}  // namespace handprop
