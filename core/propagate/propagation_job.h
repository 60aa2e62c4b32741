// SPDX-License-Identifier: Apache-2.0
// `handprop propagate` as a job (and the GUI worker's "propagate a video / everything"): runs a
// LabelPropagator over a span of one video or over every video with key frames, and writes the
// chosen estimate of every non-key frame into the project under the never-overwrite rule
// (propagated_labels.h), one transaction per video, so an interrupted job leaves whole videos.
// The run is recorded in the project's runs table (kind "propagate").
// Errors: InputError for bad options, a model path that holds no checkpoint, an unknown video,
// a span outside the video, and the propagator's and store's errors. Torch-free header.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/propagate/label_propagator.h"
#include "core/propagate/propagated_labels.h"

namespace handprop {

struct PropagationJobOptions {
  std::string project;
  std::string model;                   // a checkpoint, or a training folder (its propagator.ckpt)
  int64_t video_id = 0;                // 0 = every video with key frames
  int first = 0;                       // the span, frames first..last; last = -1: to the end. With
                                       // every video, each video's span is clamped to its length
  int last = -1;
  PropagationMode mode = PropagationMode::kBidirectional;
  LabelPropagatorOptions propagator;
  std::string author = "job:propagate";
  std::string Check() const;
};

struct PropagatedVideo {
  int64_t video_id = 0;
  std::string path;
  int first = 0, last = 0;
  MachineLabelWrite write;
  int key_frames = 0;                  // human labels in the span (never candidates for writing)
  double mean_confidence = 0.0;        // over the written labels' keypoints
  double seconds = 0.0;                // propagation (decode to LBS) without the store write
};

struct PropagationJobResult {
  std::string model_id;
  std::string device;
  std::vector<PropagatedVideo> videos;
  std::vector<std::string> skipped;    // "<path>: no key frames" for videos left alone
  double seconds = 0.0;
  bool cancelled = false;
};

// (video number, video count, frames done in it, its frames)
using PropagationJobProgress = std::function<void(int, int, int, int)>;

PropagationJobResult RunPropagationJob(const PropagationJobOptions& options, const PropagationJobProgress& progress = {},
                                       const std::atomic<bool>* cancel = nullptr);

// A training folder's propagator.ckpt (`file`), or the path itself when it is a file.
// InputError "<path>: ..." when neither exists.
std::string ResolveModelCheckpoint(const std::string& path, const std::string& file = "propagator.ckpt");

}  // namespace handprop
