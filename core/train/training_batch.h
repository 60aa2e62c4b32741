// SPDX-License-Identifier: Apache-2.0
// A batch of hand crops ready for the networks, and where batches come from. The trainers take a
// BatchSource, so they run the same on a project's videos (ProjectBatchSource) and on batches
// made in code (tests).
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

#include "core/train/pair_sampler.h"
#include "core/util/error.h"

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

// A (video id, frame index) to load.
struct FrameRef {
  int64_t video_id = 0;
  int frame = 0;
};

// What a pair sampler draws from (stages 2 and 3): the source's videos, in one order, as ids and
// as PairSampler's VideoKeyFrames (frame count and key frames).
struct SourceVideos {
  std::vector<int64_t> video_ids;
  std::vector<VideoKeyFrames> key_frames;
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
  // Stages 2 and 3 (core/train/propagator_trainer.h): the videos pairs are drawn from, and the
  // given frames in the given order, unaugmented (labelled = false and zero targets for frames
  // without a label). Stateless: the same frames give the same batch. Sources that serve only
  // stage 1 keep these defaults, which throw RuntimeError "... is not supported by this source".
  virtual SourceVideos Videos() const {
    throw RuntimeError("batch source: Videos is not supported by this source");
  }
  virtual TrainingBatch LoadFrames(const std::vector<FrameRef>& frames) {
    (void)frames;
    throw RuntimeError("batch source: LoadFrames is not supported by this source");
  }
};

}  // namespace handprop
