// SPDX-License-Identifier: Apache-2.0
#include "core/io/project_io/dataset_import.h"

#include <filesystem>
#include <map>

#include "core/io/video/content_hash.h"
#include "core/util/error.h"

namespace handprop {
namespace {

std::string ViewPath(const DatasetView& view) {
  if (!view.video_path.empty()) return view.video_path;
  if (view.frames.empty() || view.frames.front().image_path.empty())
    throw InputError("sequence " + view.sequence + " camera " + std::to_string(view.camera_index) +
                     ": neither a video file nor image paths");
  return std::filesystem::path(view.frames.front().image_path).parent_path().string();
}

bool SameIntrinsics(const CameraIntrinsics& a, const CameraIntrinsics& b) {
  return a.fx == b.fx && a.fy == b.fy && a.cx == b.cx && a.cy == b.cy;
}

VideoRecord MakeVideoRecord(const DatasetView& view, bool hash_content) {
  VideoRecord video;
  video.path = ViewPath(view);
  if (hash_content) video.content_hash = "xxh64:" + FileContentHash(video.path);
  video.fps = view.fps;
  // Frame indices are increasing (ValidateHandDataset); the video spans 0..last.
  video.frame_count = view.frames.empty() ? 0 : view.frames.back().index + 1;
  video.sequence = view.sequence;
  video.camera_index = view.camera_index;
  if (view.subject_id >= 0) video.subject_id = view.subject_id;
  if (!view.frames.empty()) {
    const Camera& camera = view.frames.front().camera;
    video.intrinsics = camera.intrinsics;
    video.cam_from_world = camera.cam_from_world;
    video.width = camera.width;
    video.height = camera.height;
  }
  return video;
}

}  // namespace

DatasetImportReport ImportDataset(ProjectStore& store, const HandDataset& dataset, const DatasetImportOptions& options) {
  // Everything that reads files (hashes) happens before the first write.
  std::vector<VideoRecord> videos;
  for (const DatasetView& view : dataset.views) videos.push_back(MakeVideoRecord(view, options.hash_content));

  DatasetImportReport report;
  store.Batch([&] {
    std::map<std::string, int64_t> hand_of_sequence;
    for (const HandRecord& hand : store.Hands())
      if (hand.name == "right") hand_of_sequence[hand.sequence] = hand.id;
    for (size_t v = 0; v < dataset.views.size(); ++v) {
      const DatasetView& view = dataset.views[v];
      const int64_t video_id = store.AddVideo(videos[v]);
      ++report.videos;
      for (const ViewFrame& frame : view.frames) {
        const bool own_image = !frame.image_path.empty() && view.video_path.empty();
        const bool own_intrinsics = !SameIntrinsics(frame.camera.intrinsics, videos[v].intrinsics);
        if (!own_image && !own_intrinsics) continue;
        FrameRecord record;
        record.video_id = video_id;
        record.index = frame.index;
        if (own_intrinsics) record.intrinsics = frame.camera.intrinsics;
        if (own_image) record.image_path = frame.image_path;
        store.PutFrame(record);
      }
      if (!options.labels) continue;
      auto [hand, inserted] = hand_of_sequence.try_emplace(view.sequence, 0);
      if (inserted) hand->second = store.AddHand(HandRecord{0, view.sequence, HandSide::kRight, "right"});
      std::vector<LabelRecord> labels;
      for (const ViewFrame& frame : view.frames) {
        if (!frame.label) continue;
        if (!frame.label->has_params) {
          ++report.skipped_without_params;
          continue;
        }
        LabelRecord label;
        label.video_id = video_id;
        label.frame_index = frame.index;
        label.hand_id = hand->second;
        label.params = frame.label->params;
        label.keypoints = frame.label->keypoints;
        label.provenance = options.provenance;
        label.author = options.author;
        labels.push_back(label);
      }
      store.PutLabels(labels);
      report.labels += static_cast<int>(labels.size());
    }
  });
  return report;
}

}  // namespace handprop
