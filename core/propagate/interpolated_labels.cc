// SPDX-License-Identifier: Apache-2.0
#include "core/propagate/interpolated_labels.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>

#include "core/propagate/keyframe_baselines.h"
#include "core/util/error.h"

namespace handprop {

std::vector<LabelRecord> InterpolatedLabels(const HandModel& model, const std::vector<LabelRecord>& video_labels, int first,
                                            int last, const std::string& author) {
  if (first < 0 || last < first)
    throw InputError("interpolation: frames " + std::to_string(first) + ":" + std::to_string(last) +
                     " are not first:last with 0 <= first <= last");
  // hand -> (key frame -> label); one video, so (frame, hand) is unique.
  std::map<int64_t, std::map<int, const LabelRecord*>> keys;
  int64_t video_id = 0;
  for (const LabelRecord& l : video_labels) {
    if (!IsHumanProvenance(l.provenance)) continue;
    keys[l.hand_id][l.frame_index] = &l;
    video_id = l.video_id;
  }
  const HandLbs lbs(model);
  std::vector<LabelRecord> out;
  for (const auto& [hand, hand_keys] : keys) {
    for (int f = first; f <= last; ++f) {
      const auto next = hand_keys.lower_bound(f);  // first key >= f
      if (next != hand_keys.end() && next->first == f) continue;
      LabelRecord label;
      label.video_id = video_id;
      label.frame_index = f;
      label.hand_id = hand;
      int distance = 0;
      if (next == hand_keys.begin() || next == hand_keys.end()) {  // outside the key frames: hold the nearest
        const auto held = next == hand_keys.end() ? std::prev(next) : next;
        label.params = held->second->params;
        label.source_frames = {held->first};
        distance = std::abs(f - held->first);
      } else {
        const auto previous = std::prev(next);
        const int a = previous->first, b = next->first;
        label.params = InterpolateHandParams(model, previous->second->params, next->second->params, double(f - a) / (b - a));
        label.source_frames = {a, b};
        distance = std::min(f - a, b - f);
      }
      label.keypoints = lbs.Forward(label.params).keypoints;
      label.confidence = ConfidenceVector::Constant(std::exp(-distance / kInterpolationConfidenceFrames));
      label.provenance = Provenance::kInterpolated;
      label.author = author;
      out.push_back(std::move(label));
    }
  }
  return out;
}

}  // namespace handprop
