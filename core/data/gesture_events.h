// SPDX-License-Identifier: Apache-2.0
// Fast gestures laid over a sequence's slow articulation (issue 3: "fast gestures (grasp and
// release, pinch, finger taps, wave)"). They last a fraction of a second, so with sparse key
// frames most of them happen *between* labels and interpolating the labels misses them: the
// case label propagation exists for (seed 003).
//
// Each event has a weight curve w(u) over its normalised time u in [0, 1]:
//   grasp-release, pinch: rise, hold, release (smoothstep ramps over the first and last 35%);
//   finger tap: two quick flexions of one finger, w = sin^2(2 pi u);
//   wave: the hand swings about its dorsal axis, angle = amplitude sin(4 pi u) sin(pi u).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/openhand/anatomical_pose.h"
#include "core/model/openhand/random.h"

namespace handprop {

enum class GestureKind { kGraspRelease, kPinch, kFingerTap, kWave };
inline constexpr int kNumGestureKinds = 4;
const char* GestureKindName(GestureKind kind);

struct GestureEvent {
  GestureKind kind = GestureKind::kGraspRelease;
  double start_s = 0.0;
  double duration_s = 0.0;
  int finger = 0;  // finger tap: 0 index, 1 middle, 2 ring, 3 little
};

// Poisson arrivals at `rate_hz`, durations duration_s * U(0.7, 1.3), no two events overlapping,
// all inside [0, length_s].
std::vector<GestureEvent> ScheduleGestures(double length_s, double rate_hz, double duration_s, openhand::SeededRandom& random);

// Weight of an event at time t (0 outside it).
double GestureWeight(const GestureEvent& event, double t);

// The articulation under the event at time t: `base` blended towards the gesture's target
// (grasp, pinch) or with the tapping finger flexed further. Wave leaves the articulation alone.
openhand::AnatomicalPose ApplyGesture(const GestureEvent& event, double t, const openhand::AnatomicalPose& base);

// Wave: the extra rotation angle (radians) about the hand's dorsal axis at time t, else 0.
double WaveAngle(const GestureEvent& event, double t);

}  // namespace handprop
