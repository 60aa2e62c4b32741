// SPDX-License-Identifier: Apache-2.0
// The label-propagation benchmark (issue 4, "the seed's evaluation table"): for every video of a
// project, the key frames are its labelled frames; every other frame with a ground-truth label
// (a separate ground-truth store, e.g. `handprop synth`'s ground_truth.hpj) is predicted by each
// method from the key frames alone and scored with the seed 003 Table I metrics, split into the
// training and the unseen test videos (synth.json's splits) and, separately, the frames inside
// fast gestures (synth.json's gesture ranges).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/eval/propagation_table.h"
#include "core/io/store/store_records.h"
#include "core/propagate/keyframe_baselines.h"

namespace handprop {

struct PropagationBenchmarkOptions {
  std::string project;             // the labels: every labelled frame is a key frame
  std::string truth;               // the ground truth of every frame (never read as a label)
  std::string manifest;            // synth.json: splits and gestures; "" = one split "all", no gestures
  std::string model = "openhand";  // the hand model of both stores
  std::vector<KeyFrameBaseline> baselines = {KeyFrameBaseline::kCopyNearest, KeyFrameBaseline::kInterpolate};
  int threads = 0;                 // 0 = every core
  std::string Check() const;
};

// A learned method: every frame's hand of `video` (camera frame) from its key-frame labels.
using PropagationMethod = std::function<std::vector<HandParams>(const VideoRecord& video, const std::map<int, HandParams>& keys)>;

// InputError for missing files or stores whose videos do not match (sequence, camera).
PropagationTable RunPropagationBenchmark(const PropagationBenchmarkOptions& options,
                                         const std::vector<std::pair<std::string, PropagationMethod>>& methods = {});

}  // namespace handprop
