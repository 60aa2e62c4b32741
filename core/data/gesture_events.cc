// SPDX-License-Identifier: Apache-2.0
#include "core/data/gesture_events.h"

#include <algorithm>
#include <cmath>

#include "core/model/openhand/anatomy.h"
#include "core/model/openhand/gestures.h"

namespace handprop {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kWaveAmplitudeDeg = 30.0;
// Finger tap: extra MCP and PIP flexion at the peak (degrees); the DIP follows with 2/3 of the PIP.
constexpr double kTapMcp = 50.0, kTapPip = 60.0;

double Smoothstep(double x) {
  x = std::clamp(x, 0.0, 1.0);
  return x * x * (3.0 - 2.0 * x);
}

double NormalisedTime(const GestureEvent& e, double t) { return (t - e.start_s) / e.duration_s; }

}  // namespace

const char* GestureKindName(GestureKind kind) {
  static const char* const kNames[kNumGestureKinds] = {"grasp_release", "pinch", "finger_tap", "wave"};
  return kNames[static_cast<int>(kind)];
}

std::vector<GestureEvent> ScheduleGestures(double length_s, double rate_hz, double duration_s, openhand::SeededRandom& random) {
  std::vector<GestureEvent> events;
  if (rate_hz <= 0.0) return events;
  double t = 0.0;
  for (;;) {
    t += -std::log(1.0 - random.Uniform()) / rate_hz;  // exponential gap
    GestureEvent e;
    e.kind = static_cast<GestureKind>(std::min(kNumGestureKinds - 1, static_cast<int>(random.Uniform() * kNumGestureKinds)));
    e.duration_s = duration_s * random.Uniform(0.7, 1.3);
    e.finger = std::min(3, static_cast<int>(random.Uniform() * 4));
    e.start_s = t;
    if (t + e.duration_s > length_s) break;
    events.push_back(e);
    t += e.duration_s;
  }
  return events;
}

double GestureWeight(const GestureEvent& e, double t) {
  const double u = NormalisedTime(e, t);
  if (u <= 0.0 || u >= 1.0) return 0.0;
  switch (e.kind) {
    case GestureKind::kGraspRelease:
    case GestureKind::kPinch:
      return std::min(Smoothstep(u / 0.35), Smoothstep((1.0 - u) / 0.35));
    case GestureKind::kFingerTap: {
      const double s = std::sin(2.0 * kPi * u);
      return s * s;
    }
    case GestureKind::kWave:
      return std::sin(kPi * u);
  }
  return 0.0;
}

openhand::AnatomicalPose ApplyGesture(const GestureEvent& e, double t, const openhand::AnatomicalPose& base) {
  const double w = GestureWeight(e, t);
  if (w == 0.0) return base;
  switch (e.kind) {
    case GestureKind::kGraspRelease:
    case GestureKind::kPinch: {
      const openhand::Gesture target = e.kind == GestureKind::kPinch ? openhand::Gesture::kPinch : openhand::Gesture::kFist;
      return (1.0 - w) * base + w * openhand::Expand(openhand::GestureCurl(target));
    }
    case GestureKind::kFingerTap: {
      // Fingers index, middle, ring, little -> their MANO rows (joint id - 1).
      constexpr openhand::Digit kDigits[4] = {openhand::kIndex, openhand::kMiddle, openhand::kRing, openhand::kLittle};
      const int row = openhand::kDigitFirstJoint[kDigits[e.finger]] - 1;
      openhand::AnatomicalPose pose = base;
      pose(row, 0) += w * kTapMcp;
      pose(row + 1, 0) += w * kTapPip;
      pose(row + 2, 0) += w * kTapPip * 2.0 / 3.0;
      return pose;
    }
    case GestureKind::kWave:
      return base;
  }
  return base;
}

double WaveAngle(const GestureEvent& e, double t) {
  if (e.kind != GestureKind::kWave) return 0.0;
  const double u = NormalisedTime(e, t);
  if (u <= 0.0 || u >= 1.0) return 0.0;
  return kWaveAmplitudeDeg * kPi / 180.0 * std::sin(4.0 * kPi * u) * std::sin(kPi * u);
}

}  // namespace handprop
