// SPDX-License-Identifier: Apache-2.0
#include "core/data/hand_motion.h"

#include <gtest/gtest.h>

#include "core/data/model_joint_limits.h"
#include "core/data/sparse_labels.h"
#include "core/geometry/rotation.h"
#include "core/model/hand_model_io.h"
#include "core/model/openhand/anatomical_pose.h"
#include "core/util/error.h"

namespace handprop {
namespace {

class HandMotionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { model_ = new HandModel(LoadHandModelByName("openhand")); }
  static void TearDownTestSuite() { delete model_; }

  static std::vector<KeypointMatrix> Keypoints(const HandMotion& motion) {
    const HandLbs lbs(*model_);
    std::vector<KeypointMatrix> out;
    for (const HandParams& p : motion.frames) out.push_back(lbs.Forward(p).keypoints);
    return out;
  }

  // Mean keypoint error (m) of linear interpolation between key frames, over the other frames.
  static double InterpolationError(const std::vector<KeypointMatrix>& kp, int spacing) {
    const std::vector<int> keys = KeyFrameIndices(static_cast<int>(kp.size()), spacing);
    double sum = 0.0;
    int count = 0;
    for (int f = 0; f < static_cast<int>(kp.size()); ++f) {
      const KeyFrameNeighbours n = NearestKeyFrames(keys, f);
      if (n.previous == f) continue;
      const double a = double(f - n.previous) / (n.next - n.previous);
      const KeypointMatrix guess = (1.0 - a) * kp[n.previous] + a * kp[n.next];
      sum += (guess - kp[f]).colwise().norm().mean();
      ++count;
    }
    return sum / count;
  }

  static HandModel* model_;
};
HandModel* HandMotionTest::model_ = nullptr;

TEST_F(HandMotionTest, DeterministicPerSeedAndDifferentAcrossSeeds) {
  const JointLimits limits = MotionJointLimits(*model_);
  MotionOptions options;
  options.num_frames = 40;
  const HandMotion a = GenerateHandMotion(*model_, limits, ShapeVector::Zero(), options, 7);
  const HandMotion b = GenerateHandMotion(*model_, limits, ShapeVector::Zero(), options, 7);
  const HandMotion c = GenerateHandMotion(*model_, limits, ShapeVector::Zero(), options, 8);
  ASSERT_EQ(a.frames.size(), 40u);
  for (int f = 0; f < 40; ++f) {
    EXPECT_EQ(a.frames[f].pose, b.frames[f].pose);
    EXPECT_EQ(a.frames[f].trans, b.frames[f].trans);
  }
  EXPECT_GT((a.frames[20].pose - c.frames[20].pose).norm(), 0.1);
}

TEST_F(HandMotionTest, ArticulationStaysWithinTheJointLimitsAndTheHandNearTheCentre) {
  const JointLimits limits = MotionJointLimits(*model_);
  MotionOptions options;
  options.num_frames = 300;
  options.gesture_rate_hz = 2.0;
  const HandMotion motion = GenerateHandMotion(*model_, limits, ShapeVector::Constant(0.5), options, 3);
  const HandLbs lbs(*model_);
  for (const HandParams& p : motion.frames) {
    const openhand::Articulation art = p.pose.tail<kArticulationDim>();
    EXPECT_LT(openhand::LimitViolation(openhand::FromArticulation(art, limits), limits), 1e-6);
    const Eigen::Vector3d centre = lbs.Forward(p).joints.col(4);  // middle MCP
    EXPECT_LT(centre.norm(), 1.3 * options.translation_m);        // Catmull-Rom overshoots a little
  }
  EXPECT_FALSE(motion.gestures.empty());
}

TEST_F(HandMotionTest, FastGesturesMakeKeyFrameInterpolationInexact) {
  const JointLimits limits = MotionJointLimits(*model_);
  MotionOptions calm;
  calm.num_frames = 240;
  calm.gesture_rate_hz = 0.0;
  MotionOptions busy = calm;
  busy.gesture_rate_hz = 1.5;
  double calm_error = 0.0, busy_error = 0.0;
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    calm_error += InterpolationError(Keypoints(GenerateHandMotion(*model_, limits, ShapeVector::Zero(), calm, seed)), 10);
    busy_error += InterpolationError(Keypoints(GenerateHandMotion(*model_, limits, ShapeVector::Zero(), busy, seed)), 10);
  }
  EXPECT_GT(calm_error / 3, 0.001);          // even slow drift is not linear between key frames
  EXPECT_GT(busy_error, 1.5 * calm_error);   // gestures between key frames are missed
}

TEST_F(HandMotionTest, SpeedScalesHowFastTheHandMoves) {
  const JointLimits limits = MotionJointLimits(*model_);
  MotionOptions slow;
  slow.num_frames = 150;
  MotionOptions fast = slow;
  fast.speed = 2.5;
  auto mean_velocity = [&](const MotionOptions& o) {
    double sum = 0.0;
    for (uint64_t seed = 1; seed <= 3; ++seed) {
      const std::vector<KeypointMatrix> kp = Keypoints(GenerateHandMotion(*model_, limits, ShapeVector::Zero(), o, seed));
      for (size_t f = 1; f < kp.size(); ++f) sum += (kp[f] - kp[f - 1]).colwise().norm().mean();
    }
    return sum;
  };
  EXPECT_GT(mean_velocity(fast), 1.6 * mean_velocity(slow));
}

TEST_F(HandMotionTest, EstimatedJointFramesMatchOpenHandsDesignedOnes) {
  HandModel no_limits = *model_;
  no_limits.has_joint_limits = false;
  const JointLimits estimated = MotionJointLimits(no_limits);
  const JointLimits& designed = model_->joint_limits;
  for (int k = 0; k < kNumJoints; ++k) {
    const double angle = RotationAngleBetween(estimated.frames[k], designed.frames[k]) * 180.0 / 3.14159265358979;
    EXPECT_LT(angle, 10.0) << "joint " << k;  // measured: 2.9-6.7 degrees
  }
  EXPECT_EQ(estimated.min_deg, designed.min_deg);
}

TEST_F(HandMotionTest, LeftHandModelsAreRefused) {
  HandModel left = *model_;
  left.side = HandSide::kLeft;
  left.has_joint_limits = false;
  EXPECT_THROW(MotionJointLimits(left), InputError);
}

}  // namespace
}  // namespace handprop
