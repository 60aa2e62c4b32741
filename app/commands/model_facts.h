// SPDX-License-Identifier: Apache-2.0
// The facts `handprop model info` and `handprop demo` print about a hand model.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/model/hand_model.h"

namespace handprop::cli {

// Sizes, topology, rest-pose measurements (metres) and shape direction meanings.
nlohmann::json ModelFacts(const HandModel& model);

// A readable multi-line rendering of ModelFacts.
std::string FormatModelFacts(const nlohmann::json& facts);

// Counts edges used by other than exactly two faces and directed edges used twice; a closed,
// consistently wound surface has zero of both.
struct SurfaceCheck {
  int boundary_or_nonmanifold_edges = 0;
  int inconsistent_edges = 0;
  bool Closed() const { return boundary_or_nonmanifold_edges == 0 && inconsistent_edges == 0; }
};
SurfaceCheck CheckSurface(const Eigen::Matrix3Xi& faces);

}  // namespace handprop::cli
