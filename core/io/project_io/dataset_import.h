// SPDX-License-Identifier: Apache-2.0
// Adds an in-memory HandDataset (core/io/formats/hand_dataset.h: read from FreiHAND, HanCo or
// HandProp files, or made by the synthetic generator) to a project: one video row per view,
// one hand ("right") per sequence, and the labels with the given provenance. The whole import is
// one transaction (ProjectStore::Batch): a failure or a kill half-way leaves the project exactly
// as it was, so the import can simply be run again.
#pragma once

#include <string>

#include "core/io/formats/hand_dataset.h"
#include "core/io/store/project_store.h"

namespace handprop {

struct DatasetImportOptions {
  std::string author = "import";
  // manual, corrected or verified: the others need a model id or source frames per label.
  Provenance provenance = Provenance::kManual;
  bool hash_content = true;   // store each video's XXH64 content hash (reads every byte once)
  bool labels = true;         // false: videos and frames only
};

struct DatasetImportReport {
  int videos = 0;
  int labels = 0;
  int skipped_without_params = 0;  // keypoint-only labels (no MANO fit): the store needs parameters
};

// The video row of a view: its path (video_path, or the folder of its frames' images), size,
// rate and calibration (the first frame's; frames whose intrinsics differ get an override).
DatasetImportReport ImportDataset(ProjectStore& store, const HandDataset& dataset, const DatasetImportOptions& options);

}  // namespace handprop
