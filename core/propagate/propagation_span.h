// SPDX-License-Identifier: Apache-2.0
// Which frames a propagation of frames first..last must encode, and in which order the aligner
// visits them (core/propagate/label_propagator.h). Torch-free bookkeeping, unit-tested alone.
//
// The span runs from the last key frame at or before `first` to the first key frame at or after
// `last` (or to first / last themselves where there is none), so every requested frame has its
// bracketing key frames encoded. Chaining (docs/propagation-design.md "Propagation"): a frame at
// distance d > 0 from its key frame k in one direction is aligned from the frame at distance
// hop * floor((d - 1) / hop) from k; level L = floor((d - 1) / hop) holds those frames, and each
// level's sources are frames of the level before (or k itself), so levels run in order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace handprop {

struct PropagationSpan {
  int begin = 0;           // first encoded frame
  int end = 0;             // one past the last
  std::vector<int> keys;   // key frames in [begin, end), increasing

  int size() const { return end - begin; }
  bool IsKey(int frame) const;
  // The closest key frame <= frame (>= frame for NextKey) inside the span, or -1.
  int PreviousKey(int frame) const;
  int NextKey(int frame) const;

  // One aligner call: span-local indices, from[i] -> to[i].
  struct ChainLevel {
    std::vector<int64_t> from;
    std::vector<int64_t> to;
  };
  // forward: from the previous key frame towards later frames; else from the next key frame back.
  std::vector<ChainLevel> ChainLevels(bool forward, int hop) const;
};

// InputError "<where>: ..." when the video has no key frame, or first..last is not a span of
// 0..num_frames-1 with first <= last. video_keys must be increasing.
PropagationSpan MakePropagationSpan(const std::vector<int>& video_keys, int num_frames, int first, int last,
                                    const std::string& where);

}  // namespace handprop
