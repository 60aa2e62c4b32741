// SPDX-License-Identifier: Apache-2.0
// One posed mesh file per labelled frame, in the frame's camera coordinates (metres), through
// core/meshio (Assimp; each mesh gets a "<file>.keypoints.json" sidecar). File names:
//   <folder>/<view:03d>_<sequence>_cam<camera>_<frame:08d>.<obj|ply|glb>
// where <view> is the view's position in the dataset (sequence names may repeat across cameras).
// Labels without MANO parameters (has_params = false) have no mesh and are skipped.
#pragma once

#include <string>
#include <vector>

#include "core/io/formats/hand_dataset.h"
#include "core/model/hand_model.h"

namespace handprop {

// `format` is "obj", "ply" or "glb" (InputError otherwise). Returns the mesh paths written.
std::vector<std::string> WriteFrameMeshes(const HandDataset& dataset, const HandModel& model, const std::string& folder,
                                          const std::string& format);

std::string FrameMeshName(size_t view_position, const DatasetView& view, const ViewFrame& frame, const std::string& format);

}  // namespace handprop
