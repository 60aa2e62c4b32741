// SPDX-License-Identifier: Apache-2.0
// OpenHand's per-joint rotation limits: the anatomical frames of skeleton.h and the ranges of
// motion of anatomy.h, in the HandModel's JointLimits form.
#pragma once

#include "core/model/hand_model.h"
#include "core/model/openhand/skeleton.h"

namespace handprop::openhand {

JointLimits BuildJointLimits(const Skeleton& skeleton);

}  // namespace handprop::openhand
