// SPDX-License-Identifier: Apache-2.0
#include "core/io/project_io/dataset_export.h"

#include <algorithm>
#include <map>
#include <memory>

#include "core/io/video/frame_cache.h"
#include "core/io/video/video_source.h"
#include "core/util/error.h"

namespace handprop {

HandDataset ExportDataset(const ProjectStore& store, const DatasetExportOptions& options) {
  std::map<std::string, int64_t> right_hand;  // sequence -> its first right hand
  for (const HandRecord& hand : store.Hands())
    if (hand.side == HandSide::kRight && !right_hand.count(hand.sequence)) right_hand[hand.sequence] = hand.id;

  HandDataset dataset;
  dataset.name = store.Meta().name;
  for (const VideoRecord& video : store.Videos()) {
    DatasetView view;
    view.sequence = video.sequence;
    view.camera_index = video.camera_index;
    view.fps = video.fps;
    view.subject_id = video.subject_id ? static_cast<int>(*video.subject_id) : -1;
    std::map<int, FrameRecord> overrides;
    for (const FrameRecord& f : store.FramesWithOverrides(video.id)) overrides[f.index] = f;
    const bool image_list = !overrides.empty() && !overrides.begin()->second.image_path.empty();
    if (!image_list) view.video_path = video.path;

    std::map<int, const LabelRecord*> labels;
    const std::vector<LabelRecord> rows = store.Labels(video.id);
    const auto hand = right_hand.find(video.sequence);
    for (const LabelRecord& row : rows) {
      if (hand == right_hand.end() || row.hand_id != hand->second) continue;
      if (!options.provenances.empty() &&
          std::find(options.provenances.begin(), options.provenances.end(), row.provenance) == options.provenances.end())
        continue;
      labels[row.frame_index] = &row;
    }
    for (int index = 0; index < video.frame_count; ++index) {
      const auto label = labels.find(index);
      if (options.labelled_frames_only && label == labels.end()) continue;
      ViewFrame frame;
      frame.index = index;
      frame.camera = {video.intrinsics, video.cam_from_world, video.width, video.height};
      if (const auto o = overrides.find(index); o != overrides.end()) {
        if (o->second.intrinsics) frame.camera.intrinsics = *o->second.intrinsics;
        frame.image_path = o->second.image_path;
      }
      if (label != labels.end()) {
        HandLabel hand_label;
        hand_label.params = label->second->params;
        hand_label.keypoints = label->second->keypoints;
        frame.label = hand_label;
      }
      view.frames.push_back(frame);
    }
    dataset.views.push_back(std::move(view));
  }
  return dataset;
}

FrameImageSource ProjectFrameImages() {
  auto sources = std::make_shared<std::map<std::string, std::unique_ptr<VideoSource>>>();
  FrameImageSource images;
  images.image = [sources, files = DefaultFrameImageSource()](const DatasetView& view, const ViewFrame& frame) -> cv::Mat {
    // Frames with their own image file read it as the formats do (pixels as stored, no EXIF turn).
    if (!frame.image_path.empty() || view.video_path.empty()) return files.image(view, frame);
    std::unique_ptr<VideoSource>& source = (*sources)[view.video_path];
    if (!source) {
      FrameCacheOptions cache;
      cache.max_bytes = 64ll << 20;
      source = std::make_unique<CachedVideoSource>(OpenVideoSource(view.video_path), cache);
    }
    return source->ReadFrame(frame.index);
  };
  return images;
}

}  // namespace handprop
