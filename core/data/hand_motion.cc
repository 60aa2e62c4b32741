// SPDX-License-Identifier: Apache-2.0
#include "core/data/hand_motion.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>

#include "core/geometry/rotation.h"
#include "core/model/openhand/pose_prior.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {
namespace {

using openhand::AnatomicalPose;
constexpr double kPi = 3.14159265358979323846;
constexpr int kHandCentreJoint = 4;  // middle MCP: the hand's centre for placement

// Key times 0, ~interval, ... covering [0, length] (each gap jittered by +-30%).
std::vector<double> KeyTimes(double length, double interval, openhand::SeededRandom& random) {
  std::vector<double> times = {0.0};
  while (times.back() < length) times.push_back(times.back() + interval * random.Uniform(0.7, 1.3));
  return times;
}

// Segment index i with times[i] <= t < times[i + 1], and the fraction within it.
std::pair<int, double> Locate(const std::vector<double>& times, double t) {
  const auto it = std::upper_bound(times.begin(), times.end(), t);
  const int i = std::clamp(static_cast<int>(it - times.begin()) - 1, 0, static_cast<int>(times.size()) - 2);
  return {i, std::clamp((t - times[i]) / (times[i + 1] - times[i]), 0.0, 1.0)};
}

// Uniform Catmull-Rom through p[i-1], p[i], p[i+1], p[i+2] (ends repeated) at fraction u.
template <typename T>
T CatmullRom(const std::vector<T>& p, int i, double u) {
  const int n = static_cast<int>(p.size());
  const T& p0 = p[std::max(i - 1, 0)];
  const T& p1 = p[i];
  const T& p2 = p[std::min(i + 1, n - 1)];
  const T& p3 = p[std::min(i + 2, n - 1)];
  const double u2 = u * u, u3 = u2 * u;
  return 0.5 * ((2.0 * p1) + (-p0 + p2) * u + (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3) * u2 + (-p0 + 3.0 * p1 - 3.0 * p2 + p3) * u3);
}

Eigen::Vector3d RandomUnitVector(openhand::SeededRandom& random) {
  for (;;) {
    const Eigen::Vector3d v(random.Normal(), random.Normal(), random.Normal());
    if (v.norm() > 1e-6) return v.normalized();
  }
}

Eigen::Vector3d RandomPointInBall(double radius, openhand::SeededRandom& random) {
  return RandomUnitVector(random) * radius * std::cbrt(random.Uniform());
}

}  // namespace

std::string MotionOptions::Check() const {
  HP_OPTION_CHECK_GE(num_frames, 2);
  HP_OPTION_CHECK_GT(fps, 0.0);
  HP_OPTION_CHECK_GT(speed, 0.0);
  HP_OPTION_CHECK_GT(drift_interval_s, 0.0);
  HP_OPTION_CHECK_GE(gesture_rate_hz, 0.0);
  HP_OPTION_CHECK_GT(gesture_duration_s, 0.0);
  HP_OPTION_CHECK_GE(rotation_step_deg, 0.0);
  HP_OPTION_CHECK_GT(rotation_interval_s, 0.0);
  HP_OPTION_CHECK_GE(translation_m, 0.0);
  return {};
}

HandMotion GenerateHandMotion(const HandModel& model, const JointLimits& limits, const ShapeVector& betas,
                              const MotionOptions& options, uint64_t seed) {
  HP_CHECK(options.Check().empty(), options.Check());
  openhand::SeededRandom random(seed);
  const double length = options.LengthSeconds();
  HandMotion motion;

  // Natural articulation: prior poses at jittered key times.
  const std::vector<double> pose_times = KeyTimes(length, options.drift_interval_s / options.speed, random);
  const uint64_t prior_seed = static_cast<uint64_t>(random.Uniform() * 9007199254740992.0);
  const std::vector<AnatomicalPose> key_poses =
      openhand::SampleAnatomicalPoses(limits, static_cast<int>(pose_times.size()), prior_seed);

  // Global orientation: a random start, then random steps.
  const std::vector<double> rot_times = KeyTimes(length, options.rotation_interval_s / options.speed, random);
  std::vector<Eigen::Quaterniond> key_rotations = {
      AxisAngleToQuaternion(RandomUnitVector(random) * random.Uniform(0.0, kPi))};
  while (key_rotations.size() < rot_times.size()) {
    const double step = std::abs(random.Normal(0.0, options.rotation_step_deg)) * kPi / 180.0;
    key_rotations.push_back(key_rotations.back() * AxisAngleToQuaternion(RandomUnitVector(random) * step));
  }

  // Hand centre: random points in a ball around the rig centre.
  const std::vector<double> pos_times = KeyTimes(length, options.rotation_interval_s / options.speed, random);
  std::vector<Eigen::Vector3d> key_positions;
  for (size_t i = 0; i < pos_times.size(); ++i) key_positions.push_back(RandomPointInBall(options.translation_m, random));

  motion.gestures = ScheduleGestures(length, options.gesture_rate_hz * options.speed,
                                     options.gesture_duration_s / options.speed, random);

  const JointMatrix rest = RestJoints(model, betas);
  const Eigen::Vector3d wrist = rest.col(0);
  const Eigen::Vector3d centre_offset = rest.col(kHandCentreJoint) - wrist;
  const Eigen::Vector3d dorsal_axis = limits.frames[0].col(1);  // hand frame: (radial, dorsal, distal)

  for (int f = 0; f < options.num_frames; ++f) {
    const double t = f / options.fps;
    const auto [pi, pu] = Locate(pose_times, t);
    AnatomicalPose articulation = CatmullRom(key_poses, pi, pu);
    double wave = 0.0;
    for (const GestureEvent& e : motion.gestures) {
      articulation = ApplyGesture(e, t, articulation);
      wave += WaveAngle(e, t);
    }
    articulation = openhand::ClampToLimits(articulation, limits);

    const auto [ri, ru] = Locate(rot_times, t);
    const double eased = ru * ru * (3.0 - 2.0 * ru);
    const Eigen::Matrix3d rotation = QuaternionToMatrix(Slerp(key_rotations[ri], key_rotations[ri + 1], eased)) *
                                     AxisAngleToMatrix(dorsal_axis * wave);
    const auto [ti, tu] = Locate(pos_times, t);
    const Eigen::Vector3d centre = CatmullRom(key_positions, ti, tu);

    HandParams p;
    p.pose.head<3>() = MatrixToAxisAngle(rotation);
    p.pose.tail<kArticulationDim>() = openhand::ToArticulation(articulation, limits);
    p.betas = betas;
    // LBS rotates about the wrist: joint 4 lands at R (J4 - J0) + J0 + trans; put it at `centre`.
    p.trans = centre - rotation * centre_offset - wrist;
    motion.frames.push_back(p);
  }
  return motion;
}

}  // namespace handprop
