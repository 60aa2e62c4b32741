// SPDX-License-Identifier: Apache-2.0
// OpenHand's pose correctives (posedirs) make LBS follow the volume-preserving target on poses
// they were not fitted on.
#include <gtest/gtest.h>

#include "core/model/openhand/pose_correctives.h"
#include "core/model/openhand/pose_prior.h"
#include "core/model/openhand/skinning.h"
#include "tests/openhand/openhand_test_util.h"

namespace handprop {
namespace {

using testing::OpenHandModel;

TEST(OpenHandCorrectives, AreRealAndLocal) {
  const HandModel& m = OpenHandModel();
  const double largest = m.posedirs.cwiseAbs().maxCoeff();
  EXPECT_GT(largest, 1e-4);
  EXPECT_LT(largest, 0.02);  // metres per unit of (R - I): millimetre-scale corrections
  for (int i = 0; i < m.NumVertices(); ++i)
    for (int k = 1; k < kNumJoints; ++k) {
      if (m.weights(i, k) != 0.0) continue;
      ASSERT_EQ(m.posedirs.block(3 * i, 9 * (k - 1), 3, 9).cwiseAbs().maxCoeff(), 0.0) << i << " " << k;
    }
}

TEST(OpenHandCorrectives, DualQuaternionTargetOfTheRestPoseIsZero) {
  const HandModel& m = OpenHandModel();
  const Eigen::Matrix3Xd t = openhand::CorrectiveTarget(m.v_template, m.weights, RestJoints(m, ShapeVector::Zero()), PoseVector::Zero());
  EXPECT_LT(t.cwiseAbs().maxCoeff(), 1e-12);
}

TEST(OpenHandCorrectives, ReduceDistanceToTargetAndVolumeLossOnHeldOutPoses) {
  const HandModel& m = OpenHandModel();
  HandModel plain = m;
  plain.posedirs.setZero();
  const JointMatrix joints = RestJoints(m, ShapeVector::Zero());
  const double rest_volume = testing::EnclosedVolume(m.v_template, m.faces);
  const Eigen::MatrixXd poses = openhand::SamplePosePrior(m.joint_limits, 200, 4242);  // not a training seed
  double error_plain = 0, error_corrected = 0, loss_plain = 0, loss_corrected = 0;
  for (Eigen::Index s = 0; s < poses.cols(); ++s) {
    PoseVector pose = PoseVector::Zero();
    pose.tail<kArticulationDim>() = poses.col(s);
    const Eigen::Matrix3Xd target =
        openhand::DualQuaternionSkinning(m.v_template, m.weights, openhand::ComputeSkinningTransforms(joints, pose));
    const Eigen::Matrix3Xd corrected = testing::PoseOpenHand(m, poses.col(s)).vertices;
    const Eigen::Matrix3Xd lbs = testing::PoseOpenHand(plain, poses.col(s)).vertices;
    error_corrected += (corrected - target).colwise().norm().mean();
    error_plain += (lbs - target).colwise().norm().mean();
    loss_corrected += std::abs(testing::EnclosedVolume(corrected, m.faces) / rest_volume - 1.0);
    loss_plain += std::abs(testing::EnclosedVolume(lbs, m.faces) / rest_volume - 1.0);
  }
  // The target itself loses ~1% (fingers pressed together in fists); plain LBS loses twice that.
  EXPECT_LT(error_corrected, 0.3 * error_plain);
  EXPECT_LT(loss_corrected, 0.6 * loss_plain);
  EXPECT_GT(loss_plain / poses.cols(), 0.005);  // plain LBS does lose volume on these poses
}

}  // namespace
}  // namespace handprop
