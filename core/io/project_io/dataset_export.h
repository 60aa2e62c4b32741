// SPDX-License-Identifier: Apache-2.0
// A project's videos and labels as an in-memory HandDataset, for the format writers
// (FreiHAND, HanCo, HandProp JSON/NPZ, per-frame meshes), and a FrameImageSource that decodes
// each frame's pixels from the project's videos (or reads its image file).
#pragma once

#include <optional>
#include <vector>

#include "core/io/formats/frame_images.h"
#include "core/io/formats/hand_dataset.h"
#include "core/io/store/project_store.h"

namespace handprop {

struct DatasetExportOptions {
  // Only labels with one of these provenances; empty = every label.
  std::vector<Provenance> provenances;
  // false: every frame of every video, labelled or not; true: only the labelled frames.
  bool labelled_frames_only = true;
};

// One view per video (sequence, camera_index from the video row); every label of the first
// right hand of its sequence. Keypoints come from the label rows.
HandDataset ExportDataset(const ProjectStore& store, const DatasetExportOptions& options);

// Pixels for the writers: a frame's image_path when it has one, else frame `index` of the view's
// video (one open source per video, with a small frame cache). Not thread-safe. No masks.
FrameImageSource ProjectFrameImages();

}  // namespace handprop
