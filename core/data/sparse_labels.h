// SPDX-License-Identifier: Apache-2.0
// Sparse labelling of a sequence as in seed 003 and handobjectconsist (reference.md §2.4): frame
// k is a key frame (labelled) when k % spacing == 0, and the last frame always is. Every other
// frame keeps its ground truth only for evaluation, in a separate file (synth_output.h).
#pragma once

#include <vector>

namespace handprop {

// Key frames of a sequence of `num_frames` frames: 0, spacing, 2 spacing, ..., and num_frames - 1.
// Requires num_frames >= 1 and spacing >= 1.
std::vector<int> KeyFrameIndices(int num_frames, int spacing);

// The key frames around `frame`: previous (<= frame), next (>= frame) and closest, ties going
// to the previous one (handobjectconsist's rule). A key frame is its own previous, next and
// closest. `keys` is sorted and holds 0 and the last frame, so both neighbours always exist.
struct KeyFrameNeighbours {
  int previous = 0;
  int next = 0;
  int closest = 0;
};
KeyFrameNeighbours NearestKeyFrames(const std::vector<int>& keys, int frame);

}  // namespace handprop
