// SPDX-License-Identifier: Apache-2.0
// Synthetic hand motion for one sequence, in the world frame of the camera rig (camera_rig.h):
//   articulation = natural drift (poses of OpenHand's prior, pose_prior.h, as Catmull-Rom key
//                  frames every ~drift_interval) + fast gestures (gesture_events.h), clamped to
//                  the joint limits (model_joint_limits.h);
//   orientation  = a random walk of key orientations every ~rotation_interval, eased SLERP in
//                  between, times the wave gesture's swing about the hand's dorsal axis;
//   position     = the middle-finger MCP (MANO joint 4) wanders inside a ball of radius
//                  translation_m around the rig centre (Catmull-Rom through random points).
// `speed` multiplies every rate, so speed 2 is the same kind of motion twice as fast.
// Deterministic for a seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/gesture_events.h"
#include "core/model/lbs.h"

namespace handprop {

struct MotionOptions {
  int num_frames = 120;
  double fps = 30.0;
  double speed = 1.0;               // multiplies every rate below
  double drift_interval_s = 1.2;    // time between natural-articulation key poses
  double gesture_rate_hz = 0.8;     // fast gestures per second (Poisson)
  double gesture_duration_s = 0.45; // mean duration of one gesture
  double rotation_step_deg = 40.0;  // standard deviation of the orientation change per key
  double rotation_interval_s = 1.5; // time between key orientations
  double translation_m = 0.03;      // radius of the hand's wander about the rig centre

  std::string Check() const;
  double LengthSeconds() const { return num_frames / fps; }
};

struct HandMotion {
  std::vector<HandParams> frames;       // world frame, absolute pose, one per frame
  std::vector<GestureEvent> gestures;   // with times in seconds (frame = time * fps)
};

HandMotion GenerateHandMotion(const HandModel& model, const JointLimits& limits, const ShapeVector& betas,
                              const MotionOptions& options, uint64_t seed);

}  // namespace handprop
