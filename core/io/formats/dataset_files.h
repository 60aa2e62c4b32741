// SPDX-License-Identifier: Apache-2.0
// HandProp's own dataset files (docs/formats.md): a versioned JSON document and a NumPy .npz
// archive holding a HandDataset exactly (doubles bit for bit). Poses are absolute axis-angle
// 48-vectors (pose_convention.h), lengths in metres, camera frames in OpenCV's convention.
// Image, mask and video paths inside the file's folder are stored relative to it and come back
// absolute (folder + relative path); other paths are stored absolute.
// Errors: InputError naming the file first (missing, too large, invalid JSON with its byte
// position, a wrong type or shape with the entry's location, a non-finite value, a K that is
// not pinhole, a cam_from_world that is not rigid); writes are atomic.
#pragma once

#include <cstdint>
#include <string>

#include "core/io/formats/hand_dataset.h"
#include "core/io/formats/json_io.h"

namespace handprop {

inline constexpr int kDatasetFileVersion = 1;

struct DatasetReadOptions {
  uint64_t max_file_bytes = kDefaultMaxFileBytes;
  std::string Check() const;
};

// {"format": "handprop-dataset", "version": 1, "pose_convention": "absolute_axis_angle", ...}.
void WriteDatasetJson(const HandDataset& dataset, const std::string& path);
HandDataset ReadDatasetJson(const std::string& path, const DatasetReadOptions& options = {});

// Dense per-frame arrays plus a "meta" member (UTF-8 JSON as uint8) for names and paths.
void WriteDatasetNpz(const HandDataset& dataset, const std::string& path);
HandDataset ReadDatasetNpz(const std::string& path, const DatasetReadOptions& options = {});

// Path helpers shared by both: relative to `folder` when inside it, else unchanged; and back.
std::string PathForFile(const std::string& path, const std::string& folder);
std::string PathFromFile(const std::string& stored, const std::string& folder);
// The absolute, normalised folder of a file path.
std::string FolderOf(const std::string& file);

}  // namespace handprop
