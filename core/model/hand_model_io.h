// SPDX-License-Identifier: Apache-2.0
// The hand model file: a NumPy .npz holding MANO's own arrays and names (reference.md §1.1, §8)
//   v_template (V,3)  shapedirs (V,3,10)  posedirs (V,3,135)  J_regressor (16,V) dense
//   weights (V,16)  kintree_table (2,16)  f (F,3) uint32  hands_components (P,45)  hands_mean (45,)
// plus optional HandProp extras that MANO loaders ignore:
//   handprop_meta (uint8 JSON: format, version, name, side, source, shape direction meanings)
//   handprop_tip_vertices (5,) thumb..pinky   handprop_joint_frames (16,3,3)
//   handprop_joint_limits_deg (15,3,2) [min, max] of (flexion, abduction, twist)
// Any independent MANO/LBS implementation can pose a file written here; docs/hand-model-format.md.
#pragma once

#include <string>

#include "core/model/hand_model.h"
#include "core/util/npz.h"

namespace handprop {

// Loads and validates; throws InputError "<path>: <problem>" on a missing, malformed or
// inconsistent file.
HandModel LoadHandModel(const std::string& path);

// "openhand" (the built-in model shipped with the program) or a path to a model file.
HandModel LoadHandModelByName(const std::string& name_or_path);

// Writes atomically; the model must be valid (checked).
void SaveHandModel(const std::string& path, const HandModel& model);

NpzArchive HandModelToNpz(const HandModel& model);
HandModel HandModelFromNpz(const NpzArchive& archive, const std::string& origin);

}  // namespace handprop
