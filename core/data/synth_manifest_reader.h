// SPDX-License-Identifier: Apache-2.0
// Reading back the facts of synth.json (core/data/synth_job.h writes it) that evaluation and
// training need: each sequence's split and its fast gestures.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace handprop {

struct SynthSequenceFacts {
  std::string split = "all";                   // "train" or "test"
  std::vector<std::pair<int, int>> gestures;   // first and last frame of each fast gesture
};

// Sequence name -> facts; an empty path gives an empty map. InputError "<path>: not a synth.json
// manifest (...)" for unreadable or malformed files.
std::map<std::string, SynthSequenceFacts> ReadSynthManifest(const std::string& path);

// The names of the sequences of one split, sorted; InputError when there is none.
std::vector<std::string> SynthSplitSequences(const std::string& path, const std::string& split);

}  // namespace handprop
