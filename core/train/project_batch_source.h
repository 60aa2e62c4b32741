// SPDX-License-Identifier: Apache-2.0
// TrainingBatch tensors from a project (training_batch.h): the BatchSource the trainers use on
// real videos. Crops, boxes and labels come from ProjectFrames (project_frames.h: read-only, no
// ground truth, human labels only).
//
//   ProjectBatchSource source("demo/project.hpj", ProjectBatchOptions{.seed = 7});
//   TrainingBatch batch = source.NextLabelled(32);            // stage 1, augmented
//   TrainingBatch pairs = source.Load({{video, 12}, {video, 10}}, /*augment=*/false);
//
// Sampling: each sample of NextLabelled is drawn uniformly over all key frames of all videos
// (a flat list, video by video), with replacement, from one openhand::SeededRandom seeded with
// options.seed: the same seed gives the same batches on every platform.
// Augmentation (NextLabelled always, Load when asked), per sample and in this order of draws:
// key-frame index, then a crop-jitter seed (JitterCropBox with options.crop_jitter, when
// crop_jitter_enabled), then colour jitter (when colour_jitter_enabled):
//   pixel' = saturate(round(gain (pixel - 127.5) + 127.5 + 255 offset))   on every BGR channel,
//   gain = 1 + U(-contrast, contrast),  offset = U(-brightness, brightness),
// i.e. contrast about mid-grey and a brightness shift, the same for the three channels (hue is
// left alone: skin colour is a cue). The black border outside the frame is jittered like the rest.
// Tensors (CPU; move them to the device): images by NormalizeCrops (RGB, img/255 - 0.5, float32),
// intrinsics B x 4 float32 of each crop, keypoints/pose/betas float32 from the label (zeros and
// labelled = false for frames without a label), labelled bool.
// Errors: InputError for bad options (naming the option), an unknown video or frame, a project
// without key frames (NextLabelled), and ProjectFrames' errors.
// Threads: not thread-safe; one source per data-loading thread (give each its own seed).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/train/project_frames.h"
#include "core/train/training_batch.h"

namespace handprop {

struct ColourJitterOptions {
  double brightness = 0.1;  // offset in [-brightness, brightness] of the full range; in [0, 1]
  double contrast = 0.2;    // gain in [1 - contrast, 1 + contrast]; in [0, 1)
  std::string Check() const;
};

struct ProjectBatchOptions {
  ProjectFramesOptions frames;          // crop size, margins, decode cache
  bool crop_jitter_enabled = true;
  CropJitterOptions crop_jitter;
  bool colour_jitter_enabled = true;
  ColourJitterOptions colour_jitter;
  uint64_t seed = 0;
  std::string Check() const;
};

class ProjectBatchSource final : public BatchSource {
 public:
  // Opens the project (ProjectFrames' errors); options failing Check() -> InputError.
  ProjectBatchSource(const std::string& project_path, const ProjectBatchOptions& options = {});

  // batch_size >= 1 labelled frames, augmented as above.
  TrainingBatch NextLabelled(int batch_size) override;
  // The generator's draws of `batches` NextLabelled calls without decoding a frame (a resumed
  // stage-1 run skips thousands of batches in microseconds).
  void SkipLabelled(int64_t batches, int batch_size) override;
  // The given frames in the given order (propagation, stage-3 pairs); augmented with this
  // source's generator when `augment`, else exactly ProjectFrames::Frame(video, frame).
  TrainingBatch Load(const std::vector<FrameRef>& frames, bool augment);
  // BatchSource's pair interface: every video of frames(), and Load(frames, false).
  SourceVideos Videos() const override;
  TrainingBatch LoadFrames(const std::vector<FrameRef>& frames) override { return Load(frames, false); }

  ProjectFrames& frames() { return frames_; }
  // All key frames of all videos, in sampling order.
  const std::vector<FrameRef>& key_frames() const { return key_frames_; }

 private:
  CropSample Sample(const FrameRef& ref, bool augment);
  TrainingBatch Assemble(const std::vector<CropSample>& samples) const;

  ProjectBatchOptions options_;
  ProjectFrames frames_;
  std::vector<FrameRef> key_frames_;
  openhand::SeededRandom random_;
};

}  // namespace handprop
