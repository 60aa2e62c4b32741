// SPDX-License-Identifier: Apache-2.0
// OpenHand's pose prior, PCA and joint limits.
#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <cmath>

#include "core/model/openhand/anatomical_pose.h"
#include "core/model/openhand/gestures.h"
#include "core/model/openhand/openhand.h"
#include "core/model/openhand/pose_prior.h"
#include "tests/openhand/openhand_test_util.h"

namespace handprop {
namespace {

using openhand::AnatomicalPose;
using openhand::Gesture;
using testing::OpenHandModel;

Eigen::VectorXd GesturePose(Gesture g) { return openhand::ToArticulation(openhand::Expand(openhand::GestureCurl(g)), OpenHandModel().joint_limits); }

TEST(OpenHandPrior, ComponentsAreOrthogonalAndOrderedByVariance) {
  const Eigen::MatrixXd& c = OpenHandModel().pca_components;
  ASSERT_EQ(c.rows(), kArticulationDim);
  const Eigen::MatrixXd gram = c * c.transpose();
  const Eigen::VectorXd variance = gram.diagonal();
  EXPECT_TRUE(testing::MatricesNear(gram, Eigen::MatrixXd(variance.asDiagonal()), 1e-12));
  for (int i = 1; i < kArticulationDim; ++i) EXPECT_LE(variance[i], variance[i - 1]);
  EXPECT_GT(std::sqrt(variance[kArticulationDim - 1]), 0.005);  // full rank, like MANO's (1.3 .. 0.036)
  EXPECT_GT(std::sqrt(variance[0]), 0.5);
}

// Coefficients of articulations x: components^T c = x - mean (least squares, exact here).
Eigen::MatrixXd Coefficients(const Eigen::MatrixXd& x) {
  const HandModel& m = OpenHandModel();
  return m.pca_components.transpose().colPivHouseholderQr().solve(x.colwise() - m.pca_mean);
}

TEST(OpenHandPrior, CoefficientsOfThePriorAreWhitened) {
  const OpenHandOptions options;
  const Eigen::MatrixXd samples = openhand::SamplePosePrior(OpenHandModel().joint_limits, options.num_prior_samples, options.seed);
  const Eigen::MatrixXd c = Coefficients(samples);
  const double n = static_cast<double>(c.cols());
  EXPECT_LT(c.rowwise().mean().cwiseAbs().maxCoeff(), 1e-9);
  EXPECT_TRUE(testing::MatricesNear(c * c.transpose() / n, Eigen::MatrixXd::Identity(kArticulationDim, kArticulationDim), 1e-8));
  // Fresh samples from the same prior: still about unit variance.
  const Eigen::MatrixXd fresh = Coefficients(openhand::SamplePosePrior(OpenHandModel().joint_limits, 4000, 99));
  for (int i = 0; i < 10; ++i) {
    const double sd = std::sqrt((fresh.row(i).array() - fresh.row(i).mean()).square().mean());
    EXPECT_NEAR(sd, 1.0, 0.1) << "component " << i;
  }
}

TEST(OpenHandPrior, SamplingIsSeededAndDeterministic) {
  const JointLimits& limits = OpenHandModel().joint_limits;
  EXPECT_TRUE(testing::MatricesNear(openhand::SamplePosePrior(limits, 50, 3), openhand::SamplePosePrior(limits, 50, 3), 0.0));
  EXPECT_GT((openhand::SamplePosePrior(limits, 50, 3) - openhand::SamplePosePrior(limits, 50, 4)).norm(), 1.0);
}

TEST(OpenHandPrior, MeanPoseIsARelaxedHandWithinTheLimits) {
  const HandModel& m = OpenHandModel();
  const AnatomicalPose mean = openhand::FromArticulation(m.pca_mean, m.joint_limits);
  EXPECT_LE(openhand::LimitViolation(mean, m.joint_limits), 1e-9);
  // hand-anatomy.md's relaxed hand: MCP 20-40, PIP 30-50, DIP 10-30 degrees. The mean also
  // averages fists and flat hands, and the ring and little fingers curl more: 10 degrees of slack.
  for (int mcp : {1, 4, 7, 10}) {
    EXPECT_GT(mean(mcp - 1, 0), 20.0) << kJointNames[mcp];
    EXPECT_LT(mean(mcp - 1, 0), 50.0) << kJointNames[mcp];
    EXPECT_GT(mean(mcp, 0), 30.0) << kJointNames[mcp + 1];
    EXPECT_LT(mean(mcp, 0), 60.0) << kJointNames[mcp + 1];
    EXPECT_GT(mean(mcp + 1, 0), 10.0) << kJointNames[mcp + 2];
    EXPECT_LT(mean(mcp + 1, 0), 40.0) << kJointNames[mcp + 2];
    EXPECT_LT(std::abs(mean(mcp, 1)), 1.0);  // no sideways bending of PIPs on average
  }
  // The index curls least and the little finger most (the cascade of a resting hand).
  EXPECT_LT(mean(0, 0), mean(6, 0));
}

TEST(OpenHandPrior, EverySampleAndGestureIsWithinTheLimits) {
  const JointLimits& limits = OpenHandModel().joint_limits;
  for (const AnatomicalPose& pose : openhand::SampleAnatomicalPoses(limits, 500, 11))
    ASSERT_LE(openhand::LimitViolation(pose, limits), 1e-12);
  for (int g = 0; g < openhand::kNumGestures; ++g) {
    const AnatomicalPose pose = openhand::Expand(openhand::GestureCurl(static_cast<Gesture>(g)));
    EXPECT_EQ(openhand::LimitViolation(pose, limits), 0.0) << openhand::GestureName(static_cast<Gesture>(g));
  }
}

TEST(OpenHandPrior, FollowsTheNaturalCoupling) {
  const std::vector<AnatomicalPose> poses = openhand::SampleAnatomicalPoses(OpenHandModel().joint_limits, 3000, 5);
  // Least-squares slope of DIP on PIP flexion (index), and correlations between fingers' PIPs.
  auto column = [&](int row) {
    Eigen::VectorXd x(poses.size());
    for (size_t n = 0; n < poses.size(); ++n) x[n] = poses[n](row, 0);
    return Eigen::VectorXd(x.array() - x.mean());
  };
  const Eigen::VectorXd pip = column(1), dip = column(2);
  EXPECT_NEAR(pip.dot(dip) / pip.dot(pip), 2.0 / 3.0, 0.08);
  auto corr = [](const Eigen::VectorXd& a, const Eigen::VectorXd& b) { return a.dot(b) / (a.norm() * b.norm()); };
  const Eigen::VectorXd index = column(1), middle = column(4), ring = column(10), little = column(7);
  EXPECT_GT(corr(ring, middle), corr(index, middle));
  EXPECT_GT(corr(little, ring), 0.8);
}

TEST(OpenHandPrior, AnatomicalAnglesRoundTrip) {
  const JointLimits& limits = OpenHandModel().joint_limits;
  const AnatomicalPose pose = openhand::SampleAnatomicalPoses(limits, 1, 8)[0];
  EXPECT_TRUE(testing::MatricesNear(openhand::FromArticulation(openhand::ToArticulation(pose, limits), limits), pose, 1e-10));
}

TEST(OpenHandPrior, AnatomicalAxesBendTheWayTheirNamesSay) {
  const HandModel& m = OpenHandModel();
  const HandMesh rest = testing::PoseOpenHand(m, Eigen::VectorXd::Zero(kArticulationDim));
  auto moved = [&](int joint, int axis, double degrees, int keypoint) {
    AnatomicalPose a = AnatomicalPose::Zero();
    a(joint - 1, axis) = degrees;
    return Eigen::Vector3d(testing::PoseOpenHand(m, openhand::ToArticulation(a, m.joint_limits)).keypoints.col(keypoint) -
                           rest.keypoints.col(keypoint));
  };
  EXPECT_LT(moved(1, 0, 60, 8).y(), -0.03);   // index MCP flexion: tip towards the palm (-y)
  EXPECT_GT(moved(1, 1, 20, 8).z(), 0.01);    // index MCP abduction: tip radially (+z)
  EXPECT_GT(moved(7, 1, 20, 20).z(), 0.01);   // abduction is radial for the little finger too
  EXPECT_LT(moved(15, 0, 60, 4).y(), -0.005); // thumb IP flexion: tip towards the palm
}

TEST(OpenHandPrior, FistBringsTheFingertipsToThePalm) {
  const HandModel& m = OpenHandModel();
  const HandMesh fist = testing::PoseOpenHand(m, GesturePose(Gesture::kFist));
  const HandMesh flat = testing::PoseOpenHand(m, Eigen::VectorXd::Zero(kArticulationDim));
  for (int keypoint : {8, 12, 16, 20}) {
    double nearest = 1.0;
    for (int i = 0; i < m.NumVertices(); ++i)
      if (m.weights(i, 0) > 0.95) nearest = std::min(nearest, (fist.vertices.col(i) - fist.keypoints.col(keypoint)).norm());
    EXPECT_LT(nearest, 0.025) << kKeypointNames[keypoint];
    EXPECT_LT((fist.keypoints.col(keypoint) - fist.keypoints.col(0)).norm(),
              0.6 * (flat.keypoints.col(keypoint) - flat.keypoints.col(0)).norm()) << kKeypointNames[keypoint];
    EXPECT_LT(fist.keypoints(1, keypoint), fist.keypoints(1, 0) - 0.01) << "palmar side";
  }
}

TEST(OpenHandPrior, PinchAndTripodBringTheThumbToTheFingertips) {
  const HandMesh pinch = testing::PoseOpenHand(OpenHandModel(), GesturePose(Gesture::kPinch));
  EXPECT_LT((pinch.keypoints.col(4) - pinch.keypoints.col(8)).norm(), 0.015);
  const HandMesh tripod = testing::PoseOpenHand(OpenHandModel(), GesturePose(Gesture::kTripod));
  EXPECT_LT((tripod.keypoints.col(4) - tripod.keypoints.col(8)).norm(), 0.015);
  EXPECT_LT((tripod.keypoints.col(4) - tripod.keypoints.col(12)).norm(), 0.018);
}

}  // namespace
}  // namespace handprop
