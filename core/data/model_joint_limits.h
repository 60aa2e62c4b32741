// SPDX-License-Identifier: Apache-2.0
// Joint limits for the motion generator. OpenHand carries its own (anatomical frames and
// ranges, docs/openhand.md); a converted MANO file has none, so they are estimated here:
//   palm axes from the shaped rest joints: distal d = mean(MCPs) - wrist, radial r = index MCP -
//   little MCP made orthogonal to d, dorsal p = d x r (right hand);
//   each digit joint's twist axis = direction to its child joint (the fingertip vertex for the
//   last one), abduction axis = p made orthogonal to it and turned by the digit's pronation
//   (OpenHand's anatomy table: 45 degrees for the thumb, 0 for the fingers), flexion axis =
//   abduction x twist -- the construction of core/model/openhand/skeleton.cc applied to measured
//   joints instead of designed ones;
//   ranges of motion: OpenHand's (hand-anatomy.md), in degrees, per joint.
#pragma once

#include "core/model/hand_model.h"

namespace handprop {

// The model's own limits when it has them, else EstimateJointLimits(model).
JointLimits MotionJointLimits(const HandModel& model);

// Estimated limits for a right-hand model; throws InputError for a left-hand model (synthetic
// data is rendered with right hands, reference.md §1.7).
JointLimits EstimateJointLimits(const HandModel& model);

}  // namespace handprop
