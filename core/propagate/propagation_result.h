// SPDX-License-Identifier: Apache-2.0
// What a propagation run gives for one video (core/propagate/label_propagator.h computes it;
// propagated_labels.h writes it into a project). Torch-free plain values.
#pragma once

#include <cstdint>
#include <vector>

#include "core/io/store/store_records.h"

namespace handprop {

enum class PropagationMode { kPredictor, kNearest, kBidirectional };
const char* PropagationModeName(PropagationMode mode);  // "predictor", "nearest", "bidirectional"

// One estimate of one frame's hand, in the video's camera frame.
struct HandEstimate {
  HandParams params;
  KeypointMatrix keypoints = KeypointMatrix::Zero();
  ConfidenceVector confidence = ConfidenceVector::Ones();
  std::vector<int> source_frames;  // the key frames it came from (empty for the predictor)
};

struct PropagatedFrame {
  int frame = 0;
  bool key_frame = false;  // a human label: every estimate below is that label, confidence 1
  HandEstimate predictor;
  HandEstimate nearest;
  HandEstimate bidirectional;
  // The two directions before the blend: the previous and the next key frame's label moved to
  // this frame by the aligner. Empty (no source_frames) on key frames, where that key frame does
  // not exist, and without an aligner.
  HandEstimate from_previous;
  HandEstimate from_next;
  const HandEstimate& Estimate(PropagationMode mode) const;
};

// What LabelPropagatorOptions::features asks the propagator to hand back besides the labels.
enum class PropagationFeatures {
  kNone,
  kPooled,   // the encoder features the aligner sees: layer2 and layer4, each averaged (640 values)
  kSpatial,  // the maps those averages throw away: layer2 pooled to 4 x 4, layer3 and layer4 whole
};

// One row of encoder features per frame of a propagated span, row-major float32.
struct FrameFeatures {
  int dim = 0;                // values per frame; 0 when none were asked for
  std::vector<float> values;  // (last - first + 1) x dim
  const float* Row(int index) const { return values.data() + static_cast<size_t>(index) * dim; }
};

struct VideoPropagation {
  int64_t video_id = 0;
  int64_t hand_id = 0;                  // the hand ProjectFrames labels (the sequence's right hand)
  std::vector<PropagatedFrame> frames;  // first..last, in order
  bool cancelled = false;               // frames is empty then
  FrameFeatures features;               // frames first..last, in order (LabelPropagatorOptions::features)
  double seconds = 0.0;
};

}  // namespace handprop
