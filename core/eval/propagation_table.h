// SPDX-License-Identifier: Apache-2.0
// The seed 003 Table I for label propagation: the unlabelled frames' errors per method and split
// (columns F@5, F@15, MPVPE, MPVPE(P), MPJPE, MPJPE(T), MPJPE(SD), MPJPE(P)), the same on the
// frames inside fast gestures, and MPJPE against the distance to the nearest key frame.
// Samples are added one at a time and only their errors are kept, so a whole benchmark (tens of
// thousands of frames with full meshes) fits in memory. Not thread-safe: evaluate on threads with
// EvaluateHand, add with AddErrors from one.
//
//   PropagationTableBuilder table;
//   table.Add({"interpolation", "test", 4, true}, prediction, truth);
//   const PropagationTable result = table.Build();
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/eval/hand_eval.h"

namespace handprop {

// Where an evaluated frame belongs.
struct PropagationFrame {
  std::string method;       // "copy_nearest", "interpolation", "propagation", ...
  std::string split;        // "train", "test" (unlabelled frames of training or unseen videos)
  int distance_to_key = 0;  // frames to the nearest key frame
  bool in_gesture = false;  // inside a fast gesture (synthetic data's manifest)
};

// Mean errors of a group of frames (metres; F-scores in [0, 1]).
struct PropagationScores {
  int count = 0;
  double fscore5 = 0, fscore15 = 0, mpvpe = 0, mpvpe_p = 0, mpjpe = 0, mpjpe_t = 0, mpjpe_sd = 0, mpjpe_p = 0;
};

struct PropagationTable {
  // (method, split) -> scores over all its unlabelled frames, and over those inside gestures.
  std::map<std::pair<std::string, std::string>, PropagationScores> all, gestures;
  // (method, split, distance) -> scores of the frames at that distance from a key frame.
  std::map<std::tuple<std::string, std::string, int>, PropagationScores> by_distance;
  std::vector<std::string> methods;  // in the order they were first added
};

class PropagationTableBuilder {
 public:
  // Options must pass Check(); F-scores use its first two thresholds (5 and 15 mm by default).
  explicit PropagationTableBuilder(const HandEvalOptions& options = {});

  // Evaluates one frame (keypoints and vertices of both sides required).
  void Add(const PropagationFrame& frame, const HandSample& prediction, const HandSample& truth);
  // Adds a frame evaluated elsewhere (EvaluateHand with this builder's options()), so that the
  // evaluation itself can run on several threads.
  void AddErrors(const PropagationFrame& frame, const HandSampleErrors& errors);
  const HandEvalOptions& options() const { return options_; }
  PropagationTable Build() const;

 private:
  HandEvalOptions options_;
  std::map<std::pair<std::string, std::string>, std::vector<HandSampleErrors>> all_, gestures_;
  std::map<std::tuple<std::string, std::string, int>, std::vector<HandSampleErrors>> by_distance_;
  std::vector<std::string> methods_;
};

}  // namespace handprop
