// SPDX-License-Identifier: Apache-2.0
// `handprop propagate` as a job (and the GUI worker's "propagate a video / everything"): runs a
// LabelPropagator over a span of one video or over every video with key frames, and writes the
// chosen estimate of every non-key frame into the project under the never-overwrite rule
// (propagated_labels.h), one transaction per video, so an interrupted job leaves whole videos.
// The run is recorded in the project's runs table (kind "propagate").
//
// Previews (the GUI's "accept or reject per span"): with `preview` set, the same labels go into a
// LabelSet file (label_set_file.h) instead, and the project's labels are left untouched (the run
// is still recorded, with the preview path in its options). ComputePropagationPreview is the
// in-process form for a GUI thread: the same labels for the same span, returned, and the project
// is not written at all (no run record either). The writing job, the preview job and
// ComputePropagationPreview share one propagation path. Cancelled: the videos finished before the
// cancel (whole videos only).
// Errors: InputError for bad options, a model path that holds no checkpoint, an unknown video,
// a span outside the video, a preview path whose folder is missing or not writable (checked
// before any work), and the propagator's and store's errors. Torch-free header.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/propagate/label_propagator.h"
#include "core/propagate/label_set_file.h"
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
  std::string preview;                 // "": write into the project; else write a LabelSet file
                                       // there and leave the project's labels untouched
  std::string Check() const;
};

struct PropagatedVideo {
  int64_t video_id = 0;
  std::string path;
  int first = 0, last = 0;
  MachineLabelWrite write;             // all zero for a preview
  int preview_labels = 0;              // labels put in the preview (0 when writing the project)
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
  int preview_labels = 0;              // labels in the preview file (0 when writing the project)
};

// (video number, video count, frames done in it, its frames)
using PropagationJobProgress = std::function<void(int, int, int, int)>;

PropagationJobResult RunPropagationJob(const PropagationJobOptions& options, const PropagationJobProgress& progress = {},
                                       const std::atomic<bool>* cancel = nullptr);

// The labels RunPropagationJob would write for `options` (its preview field is ignored), as a
// LabelSet with the project's absolute path, the method name and the model id. Never writes.
LabelSet ComputePropagationPreview(const PropagationJobOptions& options, const PropagationJobProgress& progress = {},
                                   const std::atomic<bool>* cancel = nullptr);

// A training folder's propagator.ckpt (`file`), or the path itself when it is a file.
// InputError "<path>: ..." when neither exists.
std::string ResolveModelCheckpoint(const std::string& path, const std::string& file = "propagator.ckpt");

}  // namespace handprop
