// SPDX-License-Identifier: Apache-2.0
// Shared by the OpenHand tests: the default model built once per test binary, and mesh
// measurements written independently of the generator.
#pragma once

#include <Eigen/Core>

#include "core/model/hand_model.h"
#include "core/model/lbs.h"
#include "tests/support/test_util.h"

namespace handprop::testing {

// BuildOpenHand() with default options, built on first use.
const HandModel& OpenHandModel();

// Volume enclosed by a triangle mesh (positive when the faces wind counter-clockwise seen from
// outside), cubic metres.
double EnclosedVolume(const Eigen::Matrix3Xd& vertices, const Eigen::Matrix3Xi& faces);

// Poses a model with an articulation (45, absolute) and shape; no global rotation or translation.
HandMesh PoseOpenHand(const HandModel& model, const Eigen::VectorXd& articulation,
                      const ShapeVector& betas = ShapeVector::Zero());

}  // namespace handprop::testing
