// SPDX-License-Identifier: Apache-2.0
// The project jobs behind `handprop project add-video | import | export`: a video file or image
// folder into a project, and whole datasets between a project and the dataset formats
// (FreiHAND, HanCo, HandProp JSON/NPZ, per-frame meshes; docs/formats.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/io/project_io/dataset_import.h"

namespace handprop {

struct AddVideoOptions {
  std::string project;              // an existing project file
  std::string video;                // a video file or a folder of images
  std::string sequence;             // default: the file name without extension
  int camera = 0;                   // camera index within the sequence
  std::optional<CameraIntrinsics> intrinsics;  // default: fx = fy = max(width, height), centred
  double fps = 0.0;                 // for image folders (videos report their own); 0 = unknown
  std::string Check() const;
};

// Reads the video's size, rate and frame count, hashes it and adds it; returns the video id.
int64_t AddVideoToProject(const AddVideoOptions& options);

enum class DatasetFormat { kFreiHand, kHanCo, kJson, kNpz, kMeshes };
// "freihand", "hanco", "json", "npz", "meshes"; InputError naming `flag` otherwise.
DatasetFormat ParseDatasetFormat(const std::string& name, const std::string& flag);

struct ProjectImportOptions {
  std::string project;            // created when missing
  DatasetFormat format = DatasetFormat::kJson;  // meshes cannot be imported
  std::string from;               // dataset folder (FreiHAND, HanCo) or file (JSON, NPZ)
  std::string model = "openhand"; // the hand model whose hands_mean and joints the format needs
  std::string split = "training"; // FreiHAND file prefix
  std::string author = "import";
  Provenance provenance = Provenance::kManual;  // manual, corrected or verified
  std::string Check() const;
};
// One transaction: on failure an existing project is unchanged and a new one is removed.
DatasetImportReport ImportIntoProject(const ProjectImportOptions& options);

struct ProjectExportOptions {
  std::string project;
  DatasetFormat format = DatasetFormat::kJson;
  std::string to;                  // new folder (FreiHAND, HanCo, meshes) or file (JSON, NPZ)
  std::string model = "openhand";
  std::string split = "training";  // FreiHAND file prefix
  std::string mesh_format = "obj"; // meshes: obj, ply or glb
  std::vector<Provenance> provenances;  // only these labels; empty = all
  std::string Check() const;
};
// Returns the number of labelled frames written. Folders must be new or empty and appear only
// when complete; files are replaced atomically.
int ExportProject(const ProjectExportOptions& options);

}  // namespace handprop
