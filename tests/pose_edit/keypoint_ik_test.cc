// SPDX-License-Identifier: Apache-2.0
#include "core/pose_edit/keypoint_ik.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/data/model_joint_limits.h"
#include "core/geometry/rotation.h"
#include "core/model/openhand/anatomical_pose.h"
#include "core/model/openhand/openhand.h"
#include "core/pose_edit/joint_edit.h"
#include "tests/pose_edit/openhand_fixture.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::ErrorMessageOf;
using testing::MatricesNear;

// FreiHAND keypoints of each finger, base to tip, and the MANO joints that move its tip.
constexpr int kFingerKeypoints[kNumFingers][4] = {
    {1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}, {17, 18, 19, 20}};
constexpr int kFingerJoints[kNumFingers][3] = {{13, 14, 15}, {1, 2, 3}, {4, 5, 6}, {10, 11, 12}, {7, 8, 9}};

class KeypointIkTest : public testing::OpenHandTest {
 protected:

  static CameraIntrinsics Camera() { return CameraIntrinsics{600.0, 600.0, 320.0, 240.0}; }

  // A relaxed hand seen obliquely (OpenHand's fingers point along -x, palm along -y), wrist at z = 0.45 m.
  static HandParams StartHand() {
    openhand::AnatomicalPose angles = 0.3 * limits_->min_deg + 0.7 * limits_->max_deg;
    angles.col(0) = 0.75 * limits_->min_deg.col(0) + 0.25 * limits_->max_deg.col(0);  // slightly flexed
    angles.col(1) = 0.5 * (limits_->min_deg.col(1) + limits_->max_deg.col(1));
    angles.col(2) = 0.5 * (limits_->min_deg.col(2) + limits_->max_deg.col(2));
    HandParams p;
    p.pose.tail<kArticulationDim>() = openhand::ToArticulation(angles, *limits_);
    const Eigen::Matrix3d r =
        AxisAngleToMatrix(Eigen::Vector3d(0, 0.6, 0)) * AxisAngleToMatrix(Eigen::Vector3d(-1.0, 0, 0));
    p.pose.head<3>() = MatrixToAxisAngle(r);
    p.trans = Eigen::Vector3d(0.0, 0.0, 0.45) - RestJoints(*model_, p.betas).col(0);
    return p;
  }

  // `hand` with the finger's three joints moved by `delta_deg` (flexion, abduction, twist) each, within limits.
  static HandParams MoveFinger(const HandParams& hand, int finger, const Eigen::Vector3d& delta_deg) {
    HandParams out = hand;
    for (int j : kFingerJoints[finger])
      out = SetJointAngles(*limits_, out, j, JointAngles(*limits_, out, j) + delta_deg);
    return out;
  }

  static Eigen::Matrix2Xd Pixels(const HandParams& p) {
    return Project(Camera(), Eigen::Matrix3Xd(HandLbs(*model_).Forward(p).keypoints));
  }

  static double Violation(const HandParams& p) {
    return openhand::LimitViolation(openhand::FromArticulation(p.pose.tail<kArticulationDim>(), *limits_), *limits_);
  }

};

TEST_F(KeypointIkTest, FingertipDragReachesASecondPoseOfEachFinger) {
  const HandParams start = StartHand();
  ASSERT_LT(Violation(start), 1e-9);
  for (int finger = 0; finger < kNumFingers; ++finger) {
    const HandParams goal = MoveFinger(start, finger, Eigen::Vector3d(25.0, 6.0, 0.0));
    const int tip = kFingerKeypoints[finger][3];
    const std::vector<KeypointIkTarget> targets = {{tip, Pixels(goal).col(tip)}};
    const KeypointIkResult r = SolveKeypointIk(*model_, *limits_, Camera(), start, targets);
    EXPECT_GT(r.target_error_px_before, 10.0) << finger;
    EXPECT_LT(r.target_error_px_after, 1.0) << finger;
    EXPECT_LT(Violation(r.params), 1e-9) << finger;
    EXPECT_GT(r.iterations, 0);
    // Only the finger's joints moved, so every other keypoint stays exactly where it was.
    const Eigen::Matrix2Xd before = Pixels(start), after = Pixels(r.params);
    for (int k = 0; k < kNumKeypoints; ++k) {
      const bool on_finger = k == kFingerKeypoints[finger][1] || k == kFingerKeypoints[finger][2] || k == tip;
      if (!on_finger) {
        EXPECT_LT((after.col(k) - before.col(k)).norm(), 1e-9) << finger << " " << k;
      }
    }
  }
}

TEST_F(KeypointIkTest, WholeFingerTargetsRecoverTheSecondPose) {
  const HandParams start = StartHand();
  const HandParams goal = MoveFinger(start, 1, Eigen::Vector3d(30.0, -8.0, 2.0));
  const Eigen::Matrix2Xd goal_pixels = Pixels(goal);
  std::vector<KeypointIkTarget> targets;
  for (int k : {6, 7, 8}) targets.push_back({k, goal_pixels.col(k)});
  const KeypointIkResult r = SolveKeypointIk(*model_, *limits_, Camera(), start, targets);
  EXPECT_LT(r.target_error_px_after, 1.0);
  for (int k : {6, 7, 8}) EXPECT_LT((Pixels(r.params).col(k) - goal_pixels.col(k)).norm(), 1.0) << k;
  EXPECT_LT(Violation(r.params), 1e-9);
}

TEST_F(KeypointIkTest, ReturnsExactLbsKeypointsAndIsDeterministic) {
  const HandParams start = StartHand();
  const std::vector<KeypointIkTarget> targets = {{12, Pixels(start).col(12) + Eigen::Vector2d(8.0, -5.0)}};
  const KeypointIkResult a = SolveKeypointIk(*model_, *limits_, Camera(), start, targets);
  const KeypointIkResult b = SolveKeypointIk(*model_, *limits_, Camera(), start, targets);
  EXPECT_TRUE(MatricesNear(a.keypoints, HandLbs(*model_).Forward(a.params).keypoints, 1e-7));
  EXPECT_EQ(a.params.pose, b.params.pose);
  EXPECT_EQ(a.iterations, b.iterations);
}

TEST_F(KeypointIkTest, GlobalSolveKeepsPinnedKeypoints) {
  const HandParams start = StartHand();
  KeypointIkOptions options;
  options.solve_global = true;
  // A drag a little beyond what the index finger alone does: the hand may turn, the pins hold it.
  const HandParams goal = MoveFinger(start, 1, Eigen::Vector3d(20.0, 5.0, 0.0));
  const std::vector<KeypointIkTarget> targets = {{8, Pixels(goal).col(8)}};
  const KeypointIkResult r = SolveKeypointIk(*model_, *limits_, Camera(), start, targets, options);
  EXPECT_LT(r.target_error_px_after, 1.0);
  EXPECT_LT(Violation(r.params), 1e-9);
  const Eigen::Matrix2Xd before = Pixels(start), after = Pixels(r.params);
  for (int k = 0; k < kNumKeypoints; ++k)
    if (k < 5 || k > 8) {
      EXPECT_LT((after.col(k) - before.col(k)).norm(), 0.5) << k;
    }
}

TEST_F(KeypointIkTest, UnreachableTargetEndsAtTheLimits) {
  const HandParams start = StartHand();
  const Eigen::Vector2d far = Pixels(start).col(8) + Eigen::Vector2d(2500.0, 2500.0);
  KeypointIkOptions options;
  options.max_iterations = 50;
  const KeypointIkResult r = SolveKeypointIk(*model_, *limits_, Camera(), start, {{8, far}}, options);
  EXPECT_TRUE(r.params.pose.allFinite());
  EXPECT_TRUE(r.keypoints.allFinite());
  EXPECT_LT(r.target_error_px_after, r.target_error_px_before);
  EXPECT_LT(Violation(r.params), 1e-9);
  int at_limit = 0;
  for (int j : kFingerJoints[1]) {
    const Eigen::Vector3d a = JointAngles(*limits_, r.params, j);
    for (int c = 0; c < 3; ++c)
      at_limit +=
          std::abs(a[c] - limits_->min_deg(j - 1, c)) < 1e-6 || std::abs(a[c] - limits_->max_deg(j - 1, c)) < 1e-6;
  }
  EXPECT_GE(at_limit, 1);
}

TEST_F(KeypointIkTest, TargetsNoFreeJointMovesLeaveTheHandAlone) {
  const HandParams start = StartHand();
  const KeypointIkResult r = SolveKeypointIk(*model_, *limits_, Camera(), start, {{5, Eigen::Vector2d(10.0, 10.0)}});
  EXPECT_EQ(r.params.pose, start.pose);
  EXPECT_EQ(r.iterations, 0);
  EXPECT_EQ(r.target_error_px_after, r.target_error_px_before);
  const KeypointIkResult none = SolveKeypointIk(*model_, *limits_, Camera(), start, {});
  EXPECT_EQ(none.params.pose, start.pose);
}

TEST_F(KeypointIkTest, BadInputThrowsNamingTheField) {
  const HandParams start = StartHand();
  auto solve = [&](const HandParams& p, const std::vector<KeypointIkTarget>& t, const KeypointIkOptions& o = {}) {
    return ErrorMessageOf([&] { SolveKeypointIk(*model_, *limits_, Camera(), p, t, o); });
  };
  EXPECT_EQ(solve(start, {{21, Eigen::Vector2d::Zero()}}), "targets[0].keypoint: 21 is out of range 0..20");
  EXPECT_EQ(solve(start, {{8, Eigen::Vector2d::Zero()}, {-1, Eigen::Vector2d::Zero()}}),
            "targets[1].keypoint: -1 is out of range 0..20");
  EXPECT_EQ(solve(start, {{8, Eigen::Vector2d(NAN, 0.0)}}), "targets[0].pixel: not finite");
  HandParams bad = start;
  bad.pose[7] = NAN;
  EXPECT_EQ(solve(bad, {{8, Eigen::Vector2d::Zero()}}), "start.pose: not finite");
  bad = start;
  bad.trans.z() = INFINITY;
  EXPECT_EQ(solve(bad, {{8, Eigen::Vector2d::Zero()}}), "start.trans: not finite");
  bad = start;
  bad.trans.z() -= 1.0;  // the hand behind the camera
  EXPECT_EQ(solve(bad, {{8, Eigen::Vector2d::Zero()}}), "start: keypoint index_tip is behind the camera");
  KeypointIkOptions options;
  options.prior_weight = -1.0;
  EXPECT_EQ(solve(start, {{8, Eigen::Vector2d::Zero()}}, options),
            "options: prior_weight = -1 violates prior_weight >= 0");
  EXPECT_EQ(ErrorMessageOf([&] {
              SolveKeypointIk(*model_, *limits_, CameraIntrinsics{0.0, 1.0, 0.0, 0.0}, start, {});
            }).rfind("camera: ", 0),
            0u);
}

}  // namespace
}  // namespace handprop
