// SPDX-License-Identifier: Apache-2.0
// Each OpenHand shape direction does what its description says, and only that.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/model/openhand/shape_space.h"
#include "core/model/openhand/skeleton.h"
#include "tests/openhand/openhand_test_util.h"

namespace handprop {
namespace {

using testing::OpenHandModel;

// Measurements of the shaped rest hand, in millimetres.
struct Hand {
  Eigen::Matrix3Xd vertices;
  JointMatrix joints;

  explicit Hand(const ShapeVector& betas) {
    const HandModel& m = OpenHandModel();
    const Eigen::VectorXd offsets = m.shapedirs * betas;
    vertices = m.v_template + Eigen::Map<const Eigen::Matrix3Xd>(offsets.data(), 3, m.NumVertices());
    joints = RestJoints(m, betas);
  }
  Eigen::Vector3d Tip(int digit) const { return vertices.col(OpenHandModel().tip_vertices[digit]); }
  double Length(int joint, int digit) const { return (Tip(digit) - joints.col(joint)).norm() * 1e3; }
  double HandLength() const { return Length(0, 2); }
  double Joint(int a, int b) const { return (joints.col(a) - joints.col(b)).norm() * 1e3; }
  // Extent of the vertices mostly skinned to `joint` within `slab` metres of the plane through
  // `centre` perpendicular to `axis`, along `direction`.
  double Extent(int joint, const Eigen::Vector3d& centre, const Eigen::Vector3d& axis, const Eigen::Vector3d& direction,
                double slab = 0.002) const {
    double lo = 1, hi = -1;
    for (Eigen::Index i = 0; i < vertices.cols(); ++i) {
      const Eigen::Vector3d v = vertices.col(i) - centre;
      if (std::abs(v.dot(axis)) > slab || OpenHandModel().weights(i, joint) < 0.5) continue;
      lo = std::min(lo, v.dot(direction));
      hi = std::max(hi, v.dot(direction));
    }
    EXPECT_GT(hi, lo) << "no vertices in the slab";
    return (hi - lo) * 1e3;
  }
  double MiddleProximalWidth() const {
    const Eigen::Vector3d axis = (joints.col(5) - joints.col(4)).normalized();
    return Extent(4, 0.5 * (joints.col(4) + joints.col(5)), axis, Eigen::Vector3d::UnitZ());
  }
  double MiddlePadWidth() const {
    const Eigen::Vector3d axis = (Tip(2) - joints.col(6)).normalized();
    return Extent(6, joints.col(6) + 0.6 * (Tip(2) - joints.col(6)), axis, Eigen::Vector3d::UnitZ());
  }
  double PalmThickness() const {
    const Eigen::Vector3d centre = joints.col(0) + 0.6 * (joints.col(4) - joints.col(0));
    return Extent(0, centre, -Eigen::Vector3d::UnitX(), Eigen::Vector3d::UnitY(), 0.006);
  }
};

ShapeVector Unit(int l) {
  ShapeVector b = ShapeVector::Zero();
  b[l] = 1.0;
  return b;
}

enum Beta { kSize, kPalmWidth, kPalmLength, kFingerLength, kThumbLength, kFingerThickness, kPalmThickness, kIndexRing, kLittle, kTipWidth };

const Hand& Mean() {
  static const Hand hand(ShapeVector::Zero());
  return hand;
}

TEST(OpenHandShape, EveryDirectionHasAUniqueNameAndAMeaning) {
  const HandModel& m = OpenHandModel();
  ASSERT_EQ(m.shape_directions.size(), static_cast<size_t>(kNumBetas));
  std::set<std::string> names;
  for (const ShapeDirectionInfo& d : m.shape_directions) {
    EXPECT_FALSE(d.meaning.empty()) << d.name;
    names.insert(d.name);
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(kNumBetas));
  EXPECT_EQ(m.shape_directions[kSize].name, "overall_size");
}

TEST(OpenHandShape, OverallSizeScalesEverythingByFivePercent) {
  const Hand h(Unit(kSize));
  EXPECT_NEAR(h.HandLength() / Mean().HandLength(), 1.05, 0.002);  // 180 -> 189 mm
  EXPECT_NEAR(h.Joint(13, 14) / Mean().Joint(13, 14), 1.05, 0.002);
  EXPECT_NEAR(h.MiddleProximalWidth() / Mean().MiddleProximalWidth(), 1.05, 0.01);
  EXPECT_TRUE(testing::MatricesNear(h.joints.col(0), Mean().joints.col(0), 1e-9));  // about the wrist
}

TEST(OpenHandShape, PalmWidthSpreadsTheMcpsOnly) {
  const Hand h(Unit(kPalmWidth));
  EXPECT_NEAR(h.Joint(1, 7) / Mean().Joint(1, 7), 1.045, 0.01);  // index to little MCP
  EXPECT_NEAR(h.Length(4, 2), Mean().Length(4, 2), 0.3);          // middle finger unchanged
  EXPECT_NEAR(h.MiddleProximalWidth(), Mean().MiddleProximalWidth(), 0.2);
}

TEST(OpenHandShape, PalmLengthMovesTheMcpsDistally) {
  const Hand h(Unit(kPalmLength));
  EXPECT_NEAR(h.Joint(0, 4) / Mean().Joint(0, 4), 1.04, 0.004);  // 93 -> 96.7 mm
  EXPECT_NEAR(h.Length(4, 2), Mean().Length(4, 2), 0.3);
}

TEST(OpenHandShape, FingerLengthLengthensTheFourFingersOnly) {
  const Hand h(Unit(kFingerLength));
  const int mcp[5] = {13, 1, 4, 10, 7};
  for (int digit = 1; digit < 5; ++digit) EXPECT_NEAR(h.Length(mcp[digit], digit) / Mean().Length(mcp[digit], digit), 1.04, 0.004);
  EXPECT_NEAR(h.Length(13, 0), Mean().Length(13, 0), 0.3);  // thumb unchanged
  EXPECT_NEAR(h.Joint(0, 4), Mean().Joint(0, 4), 0.3);      // palm unchanged
}

TEST(OpenHandShape, ThumbLengthLengthensTheThumbOnly) {
  const Hand h(Unit(kThumbLength));
  EXPECT_NEAR(h.Length(13, 0) / Mean().Length(13, 0), 1.05, 0.004);  // 99 -> 104 mm
  EXPECT_NEAR(h.Length(1, 1), Mean().Length(1, 1), 0.3);
}

TEST(OpenHandShape, FingerThicknessWidensTheDigitsNotTheirLengths) {
  const Hand h(Unit(kFingerThickness));
  EXPECT_NEAR(h.MiddleProximalWidth() / Mean().MiddleProximalWidth(), 1.06, 0.012);
  EXPECT_NEAR(h.Length(4, 2), Mean().Length(4, 2), 0.3);
}

TEST(OpenHandShape, PalmThicknessThickensThePalm) {
  const Hand h(Unit(kPalmThickness));
  EXPECT_NEAR(h.PalmThickness() / Mean().PalmThickness(), 1.07, 0.012);
  EXPECT_NEAR(h.HandLength(), Mean().HandLength(), 0.3);
}

TEST(OpenHandShape, IndexRingRatioTradesIndexForRingLength) {
  const Hand h(Unit(kIndexRing));
  const double ratio = (h.Length(1, 1) / h.Length(10, 3)) / (Mean().Length(1, 1) / Mean().Length(10, 3));
  EXPECT_NEAR(ratio, 1.02 / 0.98, 0.005);
  EXPECT_NEAR(h.Length(4, 2), Mean().Length(4, 2), 0.3);
}

TEST(OpenHandShape, LittleFingerLengthLengthensTheLittleFingerOnly) {
  const Hand h(Unit(kLittle));
  EXPECT_NEAR(h.Length(7, 4) / Mean().Length(7, 4), 1.05, 0.004);
  EXPECT_NEAR(h.Length(10, 3), Mean().Length(10, 3), 0.3);
}

TEST(OpenHandShape, FingertipWidthWidensThePadsOnly) {
  const Hand h(Unit(kTipWidth));
  EXPECT_NEAR(h.MiddlePadWidth() / Mean().MiddlePadWidth(), 1.07, 0.012);
  EXPECT_NEAR(h.MiddleProximalWidth(), Mean().MiddleProximalWidth(), 0.2);
  EXPECT_NEAR(h.HandLength(), Mean().HandLength(), 0.3);
}

TEST(OpenHandShape, StandardNormalBetasGiveAdultHands) {
  std::mt19937 rng(7);
  std::normal_distribution<double> normal;
  for (int n = 0; n < 50; ++n) {
    ShapeVector b;
    for (int l = 0; l < kNumBetas; ++l) b[l] = normal(rng);
    const Hand h(b);
    EXPECT_GT(h.HandLength(), 155.0);  // adult hand lengths, +-3 SD
    EXPECT_LT(h.HandLength(), 210.0);
    EXPECT_GT(testing::EnclosedVolume(h.vertices, OpenHandModel().faces), 0.0);
  }
}

}  // namespace
}  // namespace handprop
