// SPDX-License-Identifier: Apache-2.0
#include "core/model/lbs.h"

#include <gtest/gtest.h>

#include <random>

#include "core/geometry/rotation.h"
#include "core/model/rigid_transform.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::MatricesNear;

HandParams RandomParams(std::mt19937& rng, double pose_scale = 0.4) {
  std::normal_distribution<double> n(0, 1);
  HandParams p;
  for (int i = 0; i < kPoseDim; ++i) p.pose[i] = pose_scale * n(rng);
  for (int i = 0; i < kNumBetas; ++i) p.betas[i] = n(rng);
  p.trans = Eigen::Vector3d(n(rng), n(rng), n(rng)) * 0.1;
  return p;
}

class LbsTest : public ::testing::Test {
 protected:
  HandModel model_ = testing::RandomHandModel(200, 7);
  HandLbs lbs_{model_};
};

TEST_F(LbsTest, ZeroPoseAndShapeGiveTheTemplate) {
  const HandMesh mesh = lbs_.Forward(HandParams{});
  EXPECT_TRUE(MatricesNear(mesh.vertices, model_.v_template, 1e-15));
  EXPECT_TRUE(MatricesNear(mesh.joints, Eigen::Matrix<double, 3, 16>(model_.v_template * model_.j_regressor.transpose()), 1e-15));
}

TEST_F(LbsTest, KeypointsAreJointsAndTipsInFreiHandOrder) {
  std::mt19937 rng(1);
  const HandMesh mesh = lbs_.Forward(RandomParams(rng));
  EXPECT_TRUE(MatricesNear(mesh.keypoints.col(0), mesh.joints.col(0), 0));   // wrist
  EXPECT_TRUE(MatricesNear(mesh.keypoints.col(1), mesh.joints.col(13), 0));  // thumb CMC
  EXPECT_TRUE(MatricesNear(mesh.keypoints.col(5), mesh.joints.col(1), 0));   // index MCP
  EXPECT_TRUE(MatricesNear(mesh.keypoints.col(17), mesh.joints.col(7), 0));  // pinky MCP
  EXPECT_TRUE(MatricesNear(mesh.keypoints.col(4), mesh.vertices.col(model_.tip_vertices[0]), 0));   // thumb tip
  EXPECT_TRUE(MatricesNear(mesh.keypoints.col(16), mesh.vertices.col(model_.tip_vertices[3]), 0));  // ring tip
}

TEST_F(LbsTest, TranslationMovesEverythingRigidly) {
  std::mt19937 rng(2);
  HandParams p = RandomParams(rng);
  const HandMesh a = lbs_.Forward(p);
  const Eigen::Vector3d shift(0.3, -0.2, 0.5);
  p.trans += shift;
  const HandMesh b = lbs_.Forward(p);
  EXPECT_TRUE(MatricesNear(b.vertices, Eigen::Matrix3Xd(a.vertices.colwise() + shift), 1e-14));
}

TEST_F(LbsTest, GlobalRotationPivotsAboutTheRestWrist) {
  HandParams p;
  p.pose.head<3>() << 0.3, -1.1, 0.6;
  p.betas.setConstant(0.5);
  const HandMesh mesh = lbs_.Forward(p);
  EXPECT_TRUE(MatricesNear(mesh.joints.col(0), RestJoints(model_, p.betas).col(0), 1e-14));
}

TEST_F(LbsTest, SingleJointRotationMovesOnlyItsDescendantsJoints) {
  HandParams p;
  p.pose.segment<3>(3 * 4) << 0.0, 0.0, 0.9;  // middle MCP
  const HandMesh rest = lbs_.Forward(HandParams{}), bent = lbs_.Forward(p);
  for (int k = 0; k < kNumJoints; ++k) {
    const bool descendant = k == 5 || k == 6;
    EXPECT_EQ((rest.joints.col(k) - bent.joints.col(k)).norm() > 1e-9, descendant) << "joint " << k;
  }
}

TEST_F(LbsTest, RigidReexpressionMovesTheMeshRigidlyAndRoundTrips) {
  std::mt19937 rng(3);
  const HandParams p = RandomParams(rng);
  const Eigen::Matrix3d r = AxisAngleToMatrix(Eigen::Vector3d(0.7, -0.2, 1.9));
  const Eigen::Vector3d tau(0.05, 0.4, -0.3);
  const HandParams q = TransformHandParams(model_, p, r, tau);
  const HandMesh a = lbs_.Forward(p), b = lbs_.Forward(q);
  EXPECT_TRUE(MatricesNear(b.vertices, Eigen::Matrix3Xd((r * a.vertices).colwise() + tau), 1e-12));
  EXPECT_TRUE(MatricesNear(b.keypoints, Eigen::Matrix<double, 3, 21>((r * a.keypoints).colwise() + tau), 1e-12));
  // The inverse motion restores the original parameters (up to the axis-angle's 2 pi period).
  const HandParams back = TransformHandParams(model_, q, r.transpose(), -r.transpose() * tau);
  EXPECT_TRUE(MatricesNear(AxisAngleToMatrix(back.pose.head<3>()), AxisAngleToMatrix(p.pose.head<3>()), 1e-12));
  EXPECT_TRUE(MatricesNear(back.trans, p.trans, 1e-12));
  EXPECT_TRUE(MatricesNear(back.pose.tail<45>(), p.pose.tail<45>(), 0));
}

TEST_F(LbsTest, RelativeMotionMapsOneFrameOntoAnother) {
  std::mt19937 rng(4);
  HandParams a = RandomParams(rng), b = RandomParams(rng);
  b.betas = a.betas;
  b.pose.tail<45>() = a.pose.tail<45>();
  Eigen::Matrix3d r;
  Eigen::Vector3d tau;
  RelativeRigidMotion(model_, a, b, &r, &tau);
  const HandMesh mb = lbs_.Forward(b), mapped = lbs_.Forward(TransformHandParams(model_, a, r, tau));
  EXPECT_TRUE(MatricesNear(mapped.vertices, mb.vertices, 1e-12));
}

}  // namespace
}  // namespace handprop
