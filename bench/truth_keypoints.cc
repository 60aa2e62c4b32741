// SPDX-License-Identifier: Apache-2.0
#include "bench/truth_keypoints.h"

#include "core/io/store/project_store.h"

namespace handprop::bench {

TruthByView TruthKeypoints(const std::string& truth_store, const HandLbs& lbs) {
  const ProjectStore store = ProjectStore::Open(truth_store, StoreOpenOptions::ReadOnly());
  std::map<int64_t, std::pair<std::string, int>> view;
  for (const VideoRecord& v : store.Videos()) view[v.id] = {v.sequence, v.camera_index};
  TruthByView out;
  for (const LabelRecord& l : store.AllLabels()) out[view.at(l.video_id)][l.frame_index] = lbs.Forward(l.params).keypoints;
  return out;
}

}  // namespace handprop::bench
