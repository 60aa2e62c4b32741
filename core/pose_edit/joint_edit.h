// SPDX-License-Identifier: Apache-2.0
// Editing one MANO label joint by joint, for the GUI's sliders and hand gizmo.
//
// Anatomical angles: joint k (1..15) of the absolute pose holds the axis-angle
//   pose.segment<3>(3 k) = limits.frames[k] * (flexion, abduction, twist) * pi / 180,
// the linear map of core/model/openhand/anatomical_pose.h, so the angles are exact inverses of
// the stored numbers and a box of limits in degrees is a box in this parametrisation. Joint 0
// (the global rotation) has no limits and is edited with RotateHandAboutWrist instead.
// Pass MotionJointLimits(model) (core/data/model_joint_limits.h) as `limits`.
//
// Pure functions, thread-safe. A joint index out of range or a non-finite value throws
// InputError naming the argument ("joint: 16 is not an articulated joint (1..15)").
#pragma once

#include <Eigen/Core>

#include "core/model/hand_model.h"
#include "core/model/lbs.h"

namespace handprop {

// Anatomical angles (degrees: flexion, abduction, twist) of MANO joint `joint` (1..15).
Eigen::Vector3d JointAngles(const JointLimits& limits, const HandParams& params, int joint);

// `params` with joint `joint`'s angles set to `angles_deg` clamped to its limits; everything else
// (other joints, global pose, shape, translation) is copied unchanged.
HandParams SetJointAngles(const JointLimits& limits, const HandParams& params, int joint,
                          const Eigen::Vector3d& angles_deg);

// "Rotate the whole hand": the global rotation turned by `rotation` (camera frame) about the posed
// wrist joint, which therefore stays where it is; the articulation, shape and translation are
// unchanged (MANO's global rotation pivots about the wrist). `rotation` must be a rotation matrix.
HandParams RotateHandAboutWrist(const HandModel& model, const HandParams& params, const Eigen::Matrix3d& rotation);

// "Move the whole hand": every vertex and keypoint moves by `offset_m` (camera frame, metres).
HandParams TranslateHand(const HandParams& params, const Eigen::Vector3d& offset_m);

// GUI names in MANO joint order: 0 "wrist", 1-3 "index_1".."index_3", 4-6 "middle_*",
// 7-9 "pinky_*", 10-12 "ring_*", 13-15 "thumb_*" (1 = nearest the palm).
const char* ManoJointName(int joint);

}  // namespace handprop
