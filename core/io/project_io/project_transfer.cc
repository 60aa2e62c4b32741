// SPDX-License-Identifier: Apache-2.0
#include "core/io/project_io/project_transfer.h"

#include <filesystem>

#include "core/io/formats/dataset_files.h"
#include "core/io/formats/frame_meshes.h"
#include "core/io/formats/freihand.h"
#include "core/io/formats/hanco.h"
#include "core/io/project_io/dataset_export.h"
#include "core/io/video/content_hash.h"
#include "core/io/video/video_source.h"
#include "core/model/hand_model_io.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace fs = std::filesystem;

namespace handprop {

std::string AddVideoOptions::Check() const {
  HP_OPTION_CHECK(!project.empty(), "project must name a project file");
  HP_OPTION_CHECK(!video.empty(), "video must name a video file or an image folder");
  HP_OPTION_CHECK_GE(camera, 0);
  HP_OPTION_CHECK_GE(fps, 0.0);
  if (intrinsics) HP_OPTION_CHECK(intrinsics->Check().empty(), "intrinsics: " + intrinsics->Check());
  return {};
}

int64_t AddVideoToProject(const AddVideoOptions& options) {
  ProjectStore store = ProjectStore::Open(options.project);
  VideoSourceOptions source_options;
  source_options.image_folder_fps = options.fps;
  const std::unique_ptr<VideoSource> source = OpenVideoSource(options.video, source_options);
  VideoRecord video;
  video.path = fs::absolute(options.video).lexically_normal().string();
  video.content_hash = "xxh64:" + FileContentHash(options.video);
  video.fps = source->fps();
  video.width = source->width();
  video.height = source->height();
  video.frame_count = source->frame_count();
  video.sequence = options.sequence.empty() ? fs::path(options.video).lexically_normal().stem().string() : options.sequence;
  if (video.sequence.empty()) video.sequence = fs::path(options.video).parent_path().filename().string();
  video.camera_index = options.camera;
  if (options.intrinsics) {
    video.intrinsics = *options.intrinsics;
  } else {
    const double focal = std::max(video.width, video.height);
    video.intrinsics = {focal, focal, 0.5 * (video.width - 1), 0.5 * (video.height - 1)};
  }
  return store.AddVideo(video);
}

DatasetFormat ParseDatasetFormat(const std::string& name, const std::string& flag) {
  if (name == "freihand") return DatasetFormat::kFreiHand;
  if (name == "hanco") return DatasetFormat::kHanCo;
  if (name == "json") return DatasetFormat::kJson;
  if (name == "npz") return DatasetFormat::kNpz;
  if (name == "meshes") return DatasetFormat::kMeshes;
  throw InputError(flag + " " + name + ": unknown format (freihand, hanco, json, npz or meshes)");
}

std::string ProjectImportOptions::Check() const {
  HP_OPTION_CHECK(!project.empty(), "project must name a project file");
  HP_OPTION_CHECK(!from.empty(), "from must name the dataset to import");
  HP_OPTION_CHECK(format != DatasetFormat::kMeshes, "format meshes can be exported, not imported");
  HP_OPTION_CHECK(!author.empty(), "author must not be empty");
  HP_OPTION_CHECK(provenance == Provenance::kManual || provenance == Provenance::kCorrected || provenance == Provenance::kVerified,
                  "provenance must be manual, corrected or verified (propagated, interpolated and predicted labels come "
                  "from HandProp's own jobs, with their model and source frames)");
  return {};
}

DatasetImportReport ImportIntoProject(const ProjectImportOptions& options) {
  const HandModel model = LoadHandModelByName(options.model);
  HandDataset dataset;
  switch (options.format) {
    case DatasetFormat::kFreiHand: {
      FreiHandReadOptions read;
      read.split = options.split;
      dataset = ReadFreiHand(options.from, model, read);
      break;
    }
    case DatasetFormat::kHanCo:
      dataset = ReadHanCo(options.from, model);
      break;
    case DatasetFormat::kJson:
      dataset = ReadDatasetJson(options.from);
      break;
    case DatasetFormat::kNpz:
      dataset = ReadDatasetNpz(options.from);
      break;
    case DatasetFormat::kMeshes:
      HP_CHECK(false, "meshes cannot be imported");
  }
  // The dataset is read whole before the project is touched, and the import is one transaction:
  // a failure leaves an existing project as it was and removes a project it was creating.
  DatasetImportOptions import;
  import.author = options.author;
  import.provenance = options.provenance;
  const bool existed = fs::exists(options.project);
  try {
    ProjectMeta meta;
    meta.name = fs::path(options.project).stem().string();
    ProjectStore store = existed ? ProjectStore::Open(options.project) : ProjectStore::Create(options.project, meta);
    return ImportDataset(store, dataset, import);
  } catch (...) {
    std::error_code ignored;
    if (!existed)
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(options.project + suffix, ignored);
    throw;
  }
}

std::string ProjectExportOptions::Check() const {
  HP_OPTION_CHECK(!project.empty(), "project must name a project file");
  HP_OPTION_CHECK(!to.empty(), "to must name the output");
  HP_OPTION_CHECK(mesh_format == "obj" || mesh_format == "ply" || mesh_format == "glb", "mesh_format must be obj, ply or glb");
  return {};
}

int ExportProject(const ProjectExportOptions& options) {
  StoreOpenOptions open;
  open.read_only = true;
  const ProjectStore store = ProjectStore::Open(options.project, open);
  DatasetExportOptions what;
  what.provenances = options.provenances;
  const HandDataset dataset = ExportDataset(store, what);
  const HandModel model = LoadHandModelByName(options.model);
  // Files are written atomically; folders are built under a temporary name and renamed when
  // complete, so a failed export never leaves a mixture of old and new files.
  int written = 0;
  switch (options.format) {
    case DatasetFormat::kFreiHand:
      WriteFolderAtomically(options.to, [&](const std::string& folder) {
        FreiHandWriteOptions write;
        write.split = options.split;
        written = WriteFreiHand(dataset, model, folder, write, ProjectFrameImages());
      });
      break;
    case DatasetFormat::kHanCo:
      WriteFolderAtomically(options.to, [&](const std::string& folder) {
        written = WriteHanCo(dataset, model, folder, {}, ProjectFrameImages());
      });
      break;
    case DatasetFormat::kJson:
      WriteDatasetJson(dataset, options.to);
      written = CountLabels(dataset);
      break;
    case DatasetFormat::kNpz:
      WriteDatasetNpz(dataset, options.to);
      written = CountLabels(dataset);
      break;
    case DatasetFormat::kMeshes:
      WriteFolderAtomically(options.to, [&](const std::string& folder) {
        written = static_cast<int>(WriteFrameMeshes(dataset, model, folder, options.mesh_format).size());
      });
      break;
  }
  return written;
}

}  // namespace handprop
