// SPDX-License-Identifier: Apache-2.0
// OpenHand's 10 shape directions (MANO's betas). Each is an anatomical change of the shape
// factors (anatomy.h) sized to about one standard deviation of adult variation, so that
// beta ~ N(0, 1) gives plausible hands. Joints follow through the J_regressor.
#pragma once

#include <Eigen/Core>
#include <array>

#include "core/model/hand_topology.h"
#include "core/model/openhand/anatomy.h"

namespace handprop::openhand {

struct ShapeDirectionSpec {
  const char* name;
  const char* meaning;                          // what +1 does, with the numbers
  void (*apply)(ShapeFactors* factors, double beta);  // adds `beta` units of this direction
};

const std::array<ShapeDirectionSpec, kNumBetas>& ShapeDirectionTable();

// MANO's shapedirs, 3V x 10 (row 3 i + c: vertex i, axis c): column l is the change of the
// surface (surface.h, through `subdivision`) per unit of beta_l. The geometry is linear in each
// factor separately, so the central difference used here is exact up to round-off.
Eigen::MatrixXd BuildShapeDirs(const Eigen::MatrixXd& subdivision);

}  // namespace handprop::openhand
