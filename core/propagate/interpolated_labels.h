// SPDX-License-Identifier: Apache-2.0
// The interpolation baseline (keyframe_baselines.h) as machine labels of a project's video: the
// fast alternative to learned propagation in the GUI and `handprop interpolate`.
//
// For every hand of the video's sequence that has human key frames (manual, corrected, verified
// labels; other labels in `video_labels` are ignored), frames first..last that are not key frames
// get InterpolateHandParams between the bracketing key frames a < f < b (SLERP of every joint,
// linear wrist and shape, t = (f - a) / (b - a)); before the first / after the last key frame the
// nearest key frame is held. This equals PropagateByBaseline(kInterpolate) frame for frame.
// Keypoints are the LBS of the params (exact). Provenance interpolated, model_id "",
// source_frames = the bracketing key frames (one when held), author as given.
// Confidence, every keypoint: exp(-d / 10) with d the distance in frames to the nearest key frame.
// A heuristic, not a measured error: 0.90 one frame from a key frame, 0.37 at ten; it only ranks
// frames for review (the learned propagation's confidence is a measured disagreement instead).
// A hand without key frames gets nothing. Labels are ordered by hand id, then frame.
// Pure Eigen, deterministic, thread-safe. InputError for first < 0 or last < first.
#pragma once

#include <string>
#include <vector>

#include "core/io/store/store_records.h"

namespace handprop {

inline constexpr double kInterpolationConfidenceFrames = 10.0;  // the d of exp(-d / 10) above

// video_labels: ProjectStore::Labels(video_id), every hand.
std::vector<LabelRecord> InterpolatedLabels(const HandModel& model, const std::vector<LabelRecord>& video_labels, int first,
                                            int last, const std::string& author);

}  // namespace handprop
