// SPDX-License-Identifier: Apache-2.0
// Label propagation with trained networks (issue 4 item 4; docs/propagation-design.md
// "Propagation"): every frame of a span of a video gets three estimates from ONE encoding pass:
//   predictor      the Single-frame Hand Predictor alone (seed 003, first scenario)
//   nearest        the nearest key frame's label moved by the Pose Aligner (seed 003, second
//                  scenario; ties go to the earlier key frame)
//   bidirectional  the labels of both bracketing key frames a < f < b, each moved to f, blended
//                  with t = (f - a) / (b - a) exactly as the interpolation baseline blends two
//                  labels (SLERP of every joint rotation, linear wrist and shape)
// Key frames are the project's human labels (manual, corrected, verified; ProjectFrames). Frames
// farther than `max_hop` from their key frame are reached by chaining: the label goes to the frame
// max_hop away, that estimate goes on, and so on, so the aligner only ever sees the gaps it was
// trained on. Crops of unlabelled frames are placed by the nearest key frame's label (never by
// ground truth; ProjectFrames::CropBox).
//
// Uncertainty, per frame and keypoint, metres: between two key frames, half the distance between
// the keypoint as propagated from a and as propagated from b (the two directions must agree when
// both are right). Outside the key frames only one direction exists; there it is the median growth
// of that disagreement per frame of distance, over the two-sided frames of the ENCODED span (the
// requested frames widened to their bracketing key frames), times the distance to the key frame
// (1 mm per frame when that span has no frame between two key frames; so a one-sided sub-span can
// get other confidences than the whole video). The predictor's uncertainty
// is its distance to the bidirectional estimate. Stored as confidence = exp(-u / confidence_scale_m).
//
//   LabelPropagator propagator("demo/project.hpj", "model/propagator.ckpt", {});
//   VideoPropagation result = propagator.Propagate(video_id, 0, 119);
//
// A stage-1 checkpoint (the predictor alone, the seed's Baseline) gives only the predictor
// estimate (nearest and bidirectional stay empty; has_aligner() is false), whose uncertainty is
// then its distance to the key-frame interpolation (core/propagate/keyframe_baselines.h).
//
// Errors (InputError, one line naming the file): the checkpoint's (LoadTrainedNetworks), a video
// without key frames, a span outside the video, bad options. Not thread-safe; one propagator per
// thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/propagate/propagation_result.h"
#include "core/train/project_frames.h"

namespace handprop {

struct LabelPropagatorOptions {
  std::string device = "auto";     // auto | cpu | cuda | cuda:N
  int threads = 0;                 // CPU intra-op threads; 0 = DefaultComputeThreads()
  int batch_size = 32;             // crops per encoder call
  int max_hop = 0;                 // longest direct alignment, frames; 0 = the training Delta - 1
  double confidence_scale_m = 0.01;
  // Agreement gate of the bidirectional blend (0 = off): with D the mean distance between the
  // keypoints propagated from a and from b, the estimate is the key-frame interpolation moved
  // towards the aligned blend by exp(-(D / agreement_scale_m)^2) (SLERP per joint, linear shape).
  // 5 mm: chosen on the unlabelled frames of the bench preset's TRAINING videos, where it takes the
  // bidirectional error from 16.4 to 4.4 mm (docs/benchmarks.md); the test videos were not used.
  double agreement_scale_m = 0.005;
  // Encoder features to return with the labels (VideoPropagation::features), for probes of what
  // the encoder sees (bench/feature_probe). kSpatial comes from the same encoder pass.
  PropagationFeatures features = PropagationFeatures::kNone;
  ProjectFramesOptions frames;     // margins and decode cache; the crop size comes from the model
  std::string Check() const;
};

// frames done, frames in the span; called between encoder batches.
using PropagationProgress = std::function<void(int, int)>;

class LabelPropagator {
 public:
  LabelPropagator(const std::string& project, const std::string& checkpoint, const LabelPropagatorOptions& options = {});
  ~LabelPropagator();
  LabelPropagator(const LabelPropagator&) = delete;
  LabelPropagator& operator=(const LabelPropagator&) = delete;

  // Frames first..last (inclusive) of a video. The span needs no key frame inside it: the key
  // frames bracketing it are encoded too.
  VideoPropagation Propagate(int64_t video_id, int first, int last, const PropagationProgress& progress = {},
                             const std::atomic<bool>* cancel = nullptr);

  const std::vector<ProjectVideo>& videos() const;
  const std::string& model_id() const;  // what the labels' model_id records
  std::string device() const;           // e.g. "cpu (2 threads)"
  int max_hop() const;
  bool has_aligner() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace handprop
