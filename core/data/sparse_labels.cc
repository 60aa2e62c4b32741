// SPDX-License-Identifier: Apache-2.0
#include "core/data/sparse_labels.h"

#include <algorithm>

#include "core/util/error.h"

namespace handprop {

std::vector<int> KeyFrameIndices(int num_frames, int spacing) {
  HP_CHECK(num_frames >= 1 && spacing >= 1, "num_frames ", num_frames, ", spacing ", spacing);
  std::vector<int> keys;
  for (int k = 0; k < num_frames; k += spacing) keys.push_back(k);
  if (keys.back() != num_frames - 1) keys.push_back(num_frames - 1);
  return keys;
}

KeyFrameNeighbours NearestKeyFrames(const std::vector<int>& keys, int frame) {
  HP_CHECK(!keys.empty() && keys.front() <= frame && frame <= keys.back(), "frame ", frame, " outside the key frames");
  const auto next = std::lower_bound(keys.begin(), keys.end(), frame);
  KeyFrameNeighbours n;
  n.next = *next;
  n.previous = *next == frame ? frame : *(next - 1);
  n.closest = (frame - n.previous <= n.next - frame) ? n.previous : n.next;
  return n;
}

}  // namespace handprop
