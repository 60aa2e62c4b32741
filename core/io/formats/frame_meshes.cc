// SPDX-License-Identifier: Apache-2.0
#include "core/io/formats/frame_meshes.h"

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/meshio/mesh_export.h"
#include "core/model/lbs.h"
#include "core/util/error.h"

namespace handprop {

std::string FrameMeshName(size_t view_position, const DatasetView& view, const ViewFrame& frame, const std::string& format) {
  char view_part[16], frame_part[16];
  std::snprintf(view_part, sizeof(view_part), "%03zu", view_position);
  std::snprintf(frame_part, sizeof(frame_part), "%08d", frame.index);
  std::string sequence = view.sequence;
  for (char& c : sequence)
    if (c == '/' || c == '\\') c = '_';
  return std::string(view_part) + "_" + sequence + "_cam" + std::to_string(view.camera_index) + "_" + frame_part + "." +
         format;
}

std::vector<std::string> WriteFrameMeshes(const HandDataset& dataset, const HandModel& model, const std::string& folder,
                                          const std::string& format) {
  if (format != "obj" && format != "ply" && format != "glb")
    throw InputError("mesh format \"" + format + "\" is not one of obj, ply, glb");
  ValidateHandDataset(dataset, folder);
  std::filesystem::create_directories(folder);
  const HandLbs lbs(model);
  std::vector<std::string> written;
  for (size_t v = 0; v < dataset.views.size(); ++v) {
    const DatasetView& view = dataset.views[v];
    for (const ViewFrame& frame : view.frames) {
      if (!frame.label || !frame.label->has_params) continue;
      const HandMesh mesh = lbs.Forward(frame.label->params);
      PosedHandOutput hand{mesh.vertices, model.faces, mesh.joints, mesh.keypoints};
      const nlohmann::json metadata = {{"model", model.name},
                                       {"sequence", view.sequence},
                                       {"camera_index", view.camera_index},
                                       {"frame", frame.index},
                                       {"frame_of_reference", "camera (OpenCV), metres"}};
      const std::string path = folder + "/" + FrameMeshName(v, view, frame, format);
      WritePosedHand(path, hand, metadata);
      written.push_back(path);
    }
  }
  return written;
}

}  // namespace handprop
