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
  const HandEstimate& Estimate(PropagationMode mode) const;
};

struct VideoPropagation {
  int64_t video_id = 0;
  int64_t hand_id = 0;                  // the hand ProjectFrames labels (the sequence's right hand)
  std::vector<PropagatedFrame> frames;  // first..last, in order
  bool cancelled = false;               // frames is empty then
  double seconds = 0.0;
};

}  // namespace handprop
