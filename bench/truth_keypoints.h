// SPDX-License-Identifier: Apache-2.0
// The ground truth of a synthetic project's truth store as the propagation table scores it:
// every label's keypoints posed with LBS from its parameters (not the stored keypoints), per
// (sequence, camera) and frame. Shared by the benches that compare propagated labels with it.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "core/model/lbs.h"

namespace handprop::bench {

using TruthByView = std::map<std::pair<std::string, int>, std::map<int, KeypointMatrix>>;

TruthByView TruthKeypoints(const std::string& truth_store, const HandLbs& lbs);

}  // namespace handprop::bench
