// SPDX-License-Identifier: Apache-2.0
// Keypoint-drag inverse kinematics for the GUI: the annotator drags keypoints in the image and
// the MANO pose follows (docs/pose-editing.md).
//
// Unknowns: the anatomical angles (degrees, joint_edit.h) of the articulated joints that move a
// target keypoint -- the joints above it in its finger -- box-constrained to the joint limits;
// with solve_global also a rotation of the whole hand about its wrist (degrees) and a
// translation (millimetres). Everything else stays exactly as in `start`; free joints that start
// outside their limits are first clamped into them.
// Residuals: each target's pixel error; `pinned_weight` x the pixel motion of every keypoint that
// is neither a target nor carried by a free finger joint (they only move with solve_global);
// `prior_weight` x the change of each unknown from its start value (per degree / millimetre).
// Solver: Levenberg-Marquardt with an analytic Jacobian (keypoint_kinematics.h) and projection
// onto the limits, unknowns held at a bound while the gradient pushes outwards. Deterministic.
// Stops after max_iterations or when an accepted step moves the keypoints by < tolerance_px rms.
//
// Errors: a bad option, camera, non-finite params or pixels, a keypoint index outside 0..20, or a
// keypoint used by the solve behind the camera throw InputError naming the field. Thread-safe.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "core/geometry/camera.h"
#include "core/model/hand_model.h"
#include "core/model/lbs.h"

namespace handprop {

struct KeypointIkOptions {
  int max_iterations = 20;     // Levenberg-Marquardt iterations (accepted or rejected steps)
  double tolerance_px = 0.05;  // stop when an accepted step moves the keypoints by less (rms, pixels)
  bool solve_global = false;   // also the global rotation (about the wrist) and translation
  double pinned_weight = 1.0;  // weight of the other keypoints, pinned where they project in `start`
  double prior_weight = 0.01;  // pixels of cost per degree (or mm) of change from `start`

  std::string Check() const;
};

struct KeypointIkTarget {
  int keypoint = 0;                                 // FreiHAND index 0..20
  Eigen::Vector2d pixel = Eigen::Vector2d::Zero();  // where it should project (camera.h pixels)
};

struct KeypointIkResult {
  HandParams params;                    // the solved hand
  KeypointMatrix keypoints;             // its exact LBS keypoints, camera frame (metres)
  double target_error_px_before = 0.0;  // rms over targets of |projection - pixel|, at `start`
  double target_error_px_after = 0.0;   // the same for `params`
  int iterations = 0;
};

// Moves the hand so that each target keypoint projects to its pixel while the other keypoints stay
// where they project in `start` (see above). No targets, or targets that no free unknown can move
// (the wrist or an MCP without solve_global), return `start` unchanged with 0 iterations.
KeypointIkResult SolveKeypointIk(const HandModel& model, const JointLimits& limits, const CameraIntrinsics& camera,
                                 const HandParams& start, const std::vector<KeypointIkTarget>& targets,
                                 const KeypointIkOptions& options = {});

}  // namespace handprop
