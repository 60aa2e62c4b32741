// SPDX-License-Identifier: Apache-2.0
#include "ui/studio/preview_list.h"

#include <algorithm>

namespace handprop::ui {

int PreviewList::Add(const QString& title, std::shared_ptr<const LabelSet> set, const std::map<int64_t, int>& frame_counts) {
  Preview preview;
  preview.title = title;
  std::map<std::pair<int64_t, int64_t>, std::vector<LabelRecord>> per_row;
  for (size_t i = 0; i < set->labels.size(); ++i) {
    const LabelRecord& label = set->labels[i];
    preview.index[{label.video_id, label.frame_index, label.hand_id}] = static_cast<int>(i);
    per_row[{label.video_id, label.hand_id}].push_back(label);
  }
  for (auto& [row, labels] : per_row) {
    const auto count = frame_counts.find(row.first);
    if (count == frame_counts.end()) continue;  // a video this project does not have
    preview.timelines.emplace(row, LabelTimeline::FromLabels(std::max(count->second, 1), labels));
  }
  preview.set = std::move(set);
  previews_.push_back(std::move(preview));
  return size() - 1;
}

void PreviewList::Remove(int index) {
  if (index >= 0 && index < size()) previews_.erase(previews_.begin() + index);
}

const LabelRecord* PreviewList::Find(int64_t video_id, int frame, int64_t hand_id, int* preview_index) const {
  for (int i = size() - 1; i >= 0; --i) {
    const auto found = previews_[static_cast<size_t>(i)].index.find({video_id, frame, hand_id});
    if (found == previews_[static_cast<size_t>(i)].index.end()) continue;
    if (preview_index != nullptr) *preview_index = i;
    return &previews_[static_cast<size_t>(i)].set->labels[static_cast<size_t>(found->second)];
  }
  return nullptr;
}

}  // namespace handprop::ui
