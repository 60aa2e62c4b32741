// SPDX-License-Identifier: Apache-2.0
#include "core/propagate/propagation_span.h"

#include <algorithm>

#include "core/util/error.h"

namespace handprop {

bool PropagationSpan::IsKey(int frame) const { return std::binary_search(keys.begin(), keys.end(), frame); }

int PropagationSpan::PreviousKey(int frame) const {
  const auto it = std::upper_bound(keys.begin(), keys.end(), frame);
  return it == keys.begin() ? -1 : *std::prev(it);
}

int PropagationSpan::NextKey(int frame) const {
  const auto it = std::lower_bound(keys.begin(), keys.end(), frame);
  return it == keys.end() ? -1 : *it;
}

std::vector<PropagationSpan::ChainLevel> PropagationSpan::ChainLevels(bool forward, int hop) const {
  HP_CHECK(hop >= 1);
  std::vector<ChainLevel> levels;
  for (int f = begin; f < end; ++f) {
    if (IsKey(f)) continue;
    const int key = forward ? PreviousKey(f) : NextKey(f);
    if (key < 0) continue;
    const int distance = forward ? f - key : key - f;
    const int level = (distance - 1) / hop;
    const int anchor = forward ? key + level * hop : key - level * hop;
    if (static_cast<int>(levels.size()) <= level) levels.resize(level + 1);
    levels[level].from.push_back(anchor - begin);
    levels[level].to.push_back(f - begin);
  }
  return levels;
}

PropagationSpan MakePropagationSpan(const std::vector<int>& video_keys, int num_frames, int first, int last,
                                    const std::string& where) {
  if (video_keys.empty()) throw InputError(where + ": has no key frames (manual, corrected or verified labels) to propagate from");
  if (first < 0 || last >= num_frames || first > last)
    throw InputError(where + ": frames " + std::to_string(first) + ":" + std::to_string(last) + " are not a span of 0:" +
                     std::to_string(num_frames - 1));
  PropagationSpan span;
  const auto before = std::upper_bound(video_keys.begin(), video_keys.end(), first);
  span.begin = before == video_keys.begin() ? first : *std::prev(before);
  const auto after = std::lower_bound(video_keys.begin(), video_keys.end(), last);
  span.end = after == video_keys.end() ? last + 1 : *after + 1;
  for (int k : video_keys)
    if (k >= span.begin && k < span.end) span.keys.push_back(k);
  return span;
}

}  // namespace handprop
