// SPDX-License-Identifier: Apache-2.0
// OpenHand's skeleton, joint regressor and skinning weights.
#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <cmath>

#include "core/model/openhand/skeleton.h"
#include "tests/openhand/openhand_test_util.h"

namespace handprop {
namespace {

using testing::OpenHandModel;

constexpr double kDegree = 3.14159265358979323846 / 180.0;

JointMatrix Joints() { return RestJoints(OpenHandModel(), ShapeVector::Zero()); }
double Distance(const JointMatrix& j, int a, int b) { return (j.col(a) - j.col(b)).norm() * 1e3; }

TEST(OpenHandRigging, RegressedJointsAreTheDesignedOnes) {
  const JointMatrix designed = openhand::BuildSkeleton({}).Joints();
  EXPECT_TRUE(testing::MatricesNear(Joints(), designed, 1e-9));
}

TEST(OpenHandRigging, RegressorRowsAreConvexRingsAroundTheirJoints) {
  const HandModel& m = OpenHandModel();
  const JointMatrix j = Joints();
  for (int k = 0; k < kNumJoints; ++k) {
    SCOPED_TRACE(kJointNames[k]);
    EXPECT_GE(m.j_regressor.row(k).minCoeff(), 0.0);
    EXPECT_NEAR(m.j_regressor.row(k).sum(), 1.0, 1e-12);
    int support = 0;
    for (int i = 0; i < m.NumVertices(); ++i) {
      if (m.j_regressor(k, i) == 0.0) continue;
      ++support;
      EXPECT_LT((m.v_template.col(i) - j.col(k)).norm(), 0.04);
    }
    EXPECT_GE(support, 8);
  }
}

// hand-anatomy.md's bone lengths (male-ish) x 0.95, the sex-neutral scale of anatomy.h.
TEST(OpenHandRigging, BoneLengthsMatchTheDocumentedOnes) {
  const JointMatrix j = Joints();
  const double s = 0.95;
  // Thumb: metacarpal (CMC-MCP), proximal (MCP-IP).
  EXPECT_NEAR(Distance(j, 13, 14), 46 * s, 0.5);
  EXPECT_NEAR(Distance(j, 14, 15), 32 * s, 0.5);
  // Fingers: proximal (MCP-PIP), middle (PIP-DIP).
  const int mcp[4] = {1, 4, 10, 7};  // index, middle, ring, little
  const double proximal[4] = {40, 45, 41, 33}, middle[4] = {22, 26, 26, 18};
  for (int f = 0; f < 4; ++f) {
    EXPECT_NEAR(Distance(j, mcp[f], mcp[f] + 1), proximal[f] * s, 0.5) << "finger " << f;
    EXPECT_NEAR(Distance(j, mcp[f] + 1, mcp[f] + 2), middle[f] * s, 0.5) << "finger " << f;
  }
  // Distal phalanx plus pad: DIP to fingertip vertex (16-17 mm bone + a few mm of pad).
  const HandModel& m = OpenHandModel();
  const double distal[5] = {22, 16, 17, 17, 16};  // thumb..little
  const int last[5] = {15, 3, 6, 12, 9};
  for (int t = 0; t < 5; ++t) {
    const double length = (m.v_template.col(m.tip_vertices[t]) - j.col(last[t])).norm() * 1e3;
    EXPECT_GT(length, distal[t] * s + 2.0) << "digit " << t;
    EXPECT_LT(length, distal[t] * s + 5.0) << "digit " << t;
  }
}

TEST(OpenHandRigging, McpHeadsLieOnAnArcAndTheThumbSitsRadially) {
  const JointMatrix j = Joints();
  const Eigen::Vector3d distal = -Eigen::Vector3d::UnitX(), radial = Eigen::Vector3d::UnitZ();
  auto along = [&](int k) { return (j.col(k) - j.col(0)).dot(distal) * 1e3; };
  EXPECT_GT(along(4), along(1));                  // middle MCP furthest
  EXPECT_GT(along(4), along(10));
  EXPECT_NEAR(along(4) - along(7), 12.5, 2.5);   // little 10-15 mm closer to the wrist
  EXPECT_GT(along(13), 25.0);                     // thumb CMC 30-40 mm distal of the wrist
  EXPECT_LT(along(13), 40.0);
  EXPECT_GT((j.col(13) - j.col(0)).dot(radial), 0.01);
  // Rest thumb: 40-50 degrees from the index finger, tilted out of the palm plane (-y).
  const Eigen::Vector3d thumb = (j.col(14) - j.col(13)).normalized(), index = (j.col(2) - j.col(1)).normalized();
  const double angle = std::acos(thumb.dot(index)) / kDegree;
  EXPECT_GT(angle, 40.0);
  EXPECT_LT(angle, 50.0);
  EXPECT_LT(thumb.y(), -std::sin(5 * kDegree));
}

TEST(OpenHandRigging, AnatomicalFramesAreRightHandedAndAlongTheBones) {
  const HandModel& m = OpenHandModel();
  const JointMatrix j = Joints();
  for (int k = 0; k < kNumJoints; ++k) {
    const Eigen::Matrix3d& f = m.joint_limits.frames[k];
    EXPECT_TRUE(testing::MatricesNear(f.transpose() * f, Eigen::Matrix3d::Identity(), 1e-12)) << k;
    EXPECT_NEAR(f.determinant(), 1.0, 1e-12) << k;
  }
  // The twist axis of each digit joint points along its segment, towards the next joint.
  for (int k = 1; k < kNumJoints; ++k) {
    if (k % 3 == 0) continue;  // last joint of a digit: its segment ends at the tip
    EXPECT_NEAR(m.joint_limits.frames[k].col(2).dot((j.col(k + 1) - j.col(k)).normalized()), 1.0, 1e-9) << k;
  }
}

TEST(OpenHandRigging, SkinningWeightsAreConvexAndLocal) {
  const HandModel& m = OpenHandModel();
  EXPECT_GE(m.weights.minCoeff(), 0.0);
  for (int i = 0; i < m.NumVertices(); ++i) {
    ASSERT_NEAR(m.weights.row(i).sum(), 1.0, 1e-12) << i;
    // Every influence is the vertex's main joint, its parent, a child, or (in the webs between
    // the fingers) a sibling.
    int main = 0;
    m.weights.row(i).maxCoeff(&main);
    for (int k = 0; k < kNumJoints; ++k) {
      if (m.weights(i, k) == 0.0 || k == main) continue;
      const bool neighbour = kManoParents[main] == k || kManoParents[k] == main || kManoParents[k] == kManoParents[main];
      EXPECT_TRUE(neighbour) << "vertex " << i << " main " << main << " also " << k;
    }
  }
}

TEST(OpenHandRigging, SkinningWeightsAreSmoothAndRigidAwayFromJoints) {
  const HandModel& m = OpenHandModel();
  double steepest = 0.0;
  for (Eigen::Index f = 0; f < m.faces.cols(); ++f)
    for (int k = 0; k < 3; ++k)
      steepest = std::max(steepest, (m.weights.row(m.faces(k, f)) - m.weights.row(m.faces((k + 1) % 3, f))).cwiseAbs().maxCoeff());
  EXPECT_LT(steepest, 0.5);
  // Fingertips move with their distal joint; every joint owns some vertices outright.
  const int last[5] = {15, 3, 6, 12, 9};
  for (int t = 0; t < 5; ++t) EXPECT_GT(m.weights(m.tip_vertices[t], last[t]), 0.95);
  for (int k = 0; k < kNumJoints; ++k) EXPECT_GT((m.weights.col(k).array() > 0.9).count(), 5) << kJointNames[k];
}

}  // namespace
}  // namespace handprop
