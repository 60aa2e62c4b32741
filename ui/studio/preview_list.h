// SPDX-License-Identifier: Apache-2.0
// Results of interpolation and propagation jobs waiting for the annotator's decision: each
// preview is one job's labels (one span, one video or every video), shown as a ghost mesh and
// as timeline rows, and then accepted (one undoable edit that keeps every human label) or
// rejected. Nothing here touches the project. GUI thread only.
#pragma once

#include <QString>
#include <map>
#include <memory>
#include <tuple>
#include <vector>

#include "core/annotate/label_timeline.h"
#include "core/propagate/label_set_file.h"

namespace handprop::ui {

struct Preview {
  QString title;                                   // "Propagation of clip.mp4, frames 0-120"
  std::shared_ptr<const LabelSet> set;
  std::map<std::tuple<int64_t, int, int64_t>, int> index;        // (video, frame, hand) -> label
  std::map<std::pair<int64_t, int64_t>, LabelTimeline> timelines;  // (video, hand) -> its labels
};

class PreviewList {
 public:
  // Adds a job's labels; `frame_counts` gives each video's length (for its timelines).
  // Returns the preview's index.
  int Add(const QString& title, std::shared_ptr<const LabelSet> set, const std::map<int64_t, int>& frame_counts);
  void Remove(int index);
  int size() const { return static_cast<int>(previews_.size()); }
  const Preview& at(int index) const { return previews_.at(static_cast<size_t>(index)); }
  // The newest preview's label of (video, frame, hand), or nullptr.
  const LabelRecord* Find(int64_t video_id, int frame, int64_t hand_id, int* preview_index = nullptr) const;

 private:
  std::vector<Preview> previews_;
};

}  // namespace handprop::ui
