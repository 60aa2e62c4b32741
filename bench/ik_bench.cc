// SPDX-License-Identifier: Apache-2.0
// Keypoint-drag IK latency on the built-in OpenHand model (docs/pose-editing.md):
//  (a) SolveKeypointIk per drag update: the index fingertip follows 100 mouse moves of 0.8 px
//      (an 80 px stroke, ~60 mm at the hand, towards the palm), each solve warm-started from the previous
//      result, with and without solve_global; p50/p95 latency (target < 100 ms), iterations and
//      the remaining target error;
//  (b) for comparison, HandLbs::Forward of the full mesh and KeypointKinematics::Forward.
// Run: build/bench/ik_bench [--strokes N]. Prints one table; numbers go to docs/benchmarks.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/data/model_joint_limits.h"
#include "core/geometry/rotation.h"
#include "core/model/openhand/anatomical_pose.h"
#include "core/model/openhand/openhand.h"
#include "core/pose_edit/keypoint_ik.h"
#include "core/pose_edit/keypoint_kinematics.h"

namespace {

using namespace handprop;
using Clock = std::chrono::steady_clock;

double Percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * v.size()))];
}

// A relaxed hand seen obliquely, wrist 0.45 m in front of a 640 x 480 camera (as in the tests).
HandParams StartHand(const HandModel& model, const JointLimits& limits) {
  openhand::AnatomicalPose angles = 0.5 * (limits.min_deg + limits.max_deg);
  angles.col(0) = 0.75 * limits.min_deg.col(0) + 0.25 * limits.max_deg.col(0);
  HandParams p;
  p.pose.tail<kArticulationDim>() = openhand::ToArticulation(angles, limits);
  p.pose.head<3>() =
      MatrixToAxisAngle(AxisAngleToMatrix(Eigen::Vector3d(0, 0.6, 0)) * AxisAngleToMatrix(Eigen::Vector3d(-1.0, 0, 0)));
  p.trans = Eigen::Vector3d(0.0, 0.0, 0.45) - RestJoints(model, p.betas).col(0);
  return p;
}

struct DragStats {
  std::vector<double> ms, iterations, error_px;
};

DragStats Drag(const HandModel& model, const JointLimits& limits, const CameraIntrinsics& camera, bool solve_global,
               int strokes) {
  constexpr int kTip = 8, kMoves = 100;
  const HandParams start = StartHand(model, limits);
  const Eigen::Vector2d tip = Project(camera, Eigen::Vector3d(HandLbs(model).Forward(start).keypoints.col(kTip)));
  KeypointIkOptions options;
  options.solve_global = solve_global;
  DragStats stats;
  for (int s = 0; s < strokes; ++s) {
    HandParams hand = start;
    const Eigen::Vector2d direction = Eigen::Vector2d(1.0, 0.35 * (s % 3 - 1)).normalized();  // three stroke directions
    for (int m = 1; m <= kMoves; ++m) {
      const std::vector<KeypointIkTarget> targets = {{kTip, tip + 0.8 * m * direction}};
      const auto t0 = Clock::now();
      const KeypointIkResult r = SolveKeypointIk(model, limits, camera, hand, targets, options);
      stats.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      stats.iterations.push_back(r.iterations);
      stats.error_px.push_back(r.target_error_px_after);
      hand = r.params;  // warm start, as the GUI does while the mouse moves
    }
  }
  return stats;
}

template <typename F>
double MedianMicroseconds(int runs, F&& f) {
  std::vector<double> us;
  for (int r = 0; r < runs; ++r) {
    const auto t0 = Clock::now();
    f(r);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  return Percentile(us, 0.5);
}

}  // namespace

int main(int argc, char** argv) {
  int strokes = 6;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--strokes") == 0) strokes = std::max(1, std::atoi(argv[i + 1]));
  const HandModel model = BuildOpenHand();
  const JointLimits limits = MotionJointLimits(model);
  const CameraIntrinsics camera{600.0, 600.0, 320.0, 240.0};
  std::printf(
      "Keypoint-drag IK on %s (%d vertices), index fingertip, %d strokes x 100 moves of 0.8 px, warm-started\n\n",
      model.name.c_str(), model.NumVertices(), strokes);
  std::printf(
      "| unknowns                  | p50 (ms) | p95 (ms) | max (ms) | mean iterations | p50 error (px) | p95 error "
      "(px) | within 1 px |\n");
  std::printf(
      "|---------------------------|----------|----------|----------|-----------------|----------------|---------------"
      "-|-------------|\n");
  for (bool global : {false, true}) {
    const DragStats s = Drag(model, limits, camera, global, strokes);
    double mean_it = 0.0, reached = 0.0;
    for (double it : s.iterations) mean_it += it / s.iterations.size();
    for (double e : s.error_px) reached += (e < 1.0 ? 100.0 : 0.0) / s.error_px.size();
    std::printf("| %-25s | %8.3f | %8.3f | %8.3f | %15.1f | %14.3f | %14.3f | %10.0f%% |\n",
                global ? "finger + global (15)" : "finger (9)", Percentile(s.ms, 0.5), Percentile(s.ms, 0.95),
                Percentile(s.ms, 1.0), mean_it, Percentile(s.error_px, 0.5), Percentile(s.error_px, 0.95), reached);
    std::fflush(stdout);
  }
  const HandParams hand = StartHand(model, limits);
  const HandLbs lbs(model);
  double sink = 0.0;
  const double mesh_us = MedianMicroseconds(2000, [&](int) { sink += lbs.Forward(hand).vertices(0, 0); });
  const KeypointKinematics kin(model, hand.betas);
  const double kp_us =
      MedianMicroseconds(2000, [&](int) { sink += kin.Forward(hand.pose, hand.trans).keypoints(0, 0); });
  std::printf(
      "\nFor comparison (median of 2000): HandLbs::Forward full mesh %.1f us, KeypointKinematics::Forward %.2f us\n",
      mesh_us, kp_us);
  if (sink == 12345.678) std::puts("");  // keep the work observable
  return 0;
}
