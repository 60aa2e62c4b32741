// SPDX-License-Identifier: Apache-2.0
// A batch of hand crops ready for the networks, and where batches come from. The trainers take a
// BatchSource, so they run the same on a project's videos (ProjectBatchSource) and on batches
// made in code (tests).
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace handprop {

struct TrainingBatch {
  at::Tensor images;      // B x 3 x S x S float, RGB, img / 255 - 0.5 (core/nn/crop_normalization.h)
  at::Tensor intrinsics;  // B x 4 (fx, fy, cx, cy) of each CROP, pixels
  at::Tensor keypoints;   // B x 21 x 3 target keypoints, camera frame, metres (zeros where unlabelled)
  at::Tensor pose;        // B x 48 target absolute pose (zeros where unlabelled)
  at::Tensor betas;       // B x 10 target shape (zeros where unlabelled)
  at::Tensor labelled;    // B bool: has a label (a key frame)
  std::vector<int64_t> video_ids;  // per sample, the project's video id
  std::vector<int> frames;         // per sample, the frame index
};

class BatchSource {
 public:
  virtual ~BatchSource() = default;
  // The next batch of labelled frames (stage 1). Deterministic for the source's seed.
  virtual TrainingBatch NextLabelled(int batch_size) = 0;
  // Advances the source as if NextLabelled(batch_size) had been called `batches` times, so that a
  // trainer resumed at step s (it calls SkipLabelled(s, batch)) sees the batches an uninterrupted
  // run would have seen (docs/training.md "Resume"). The default draws and discards; a source
  // that can jump in its index stream may override it with something cheaper.
  virtual void SkipLabelled(int64_t batches, int batch_size) {
    for (int64_t i = 0; i < batches; ++i) NextLabelled(batch_size);
  }
};

}  // namespace handprop
