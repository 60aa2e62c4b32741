// SPDX-License-Identifier: Apache-2.0
#include "core/geometry/rotation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::MatricesNear;

Eigen::Vector3d RandomAxisAngle(std::mt19937& rng, double max_angle) {
  std::normal_distribution<double> n(0, 1);
  std::uniform_real_distribution<double> u(0, max_angle);
  return Eigen::Vector3d(n(rng), n(rng), n(rng)).normalized() * u(rng);
}

TEST(RotationTest, RodriguesMatchesEigenAngleAxis) {
  std::mt19937 rng(1);
  for (int i = 0; i < 200; ++i) {
    const Eigen::Vector3d aa = RandomAxisAngle(rng, M_PI);
    const Eigen::Matrix3d expected = Eigen::AngleAxisd(aa.norm(), aa.normalized()).toRotationMatrix();
    EXPECT_TRUE(MatricesNear(AxisAngleToMatrix(aa), expected, 1e-14));
  }
}

TEST(RotationTest, SmallAnglesAreExact) {
  const Eigen::Vector3d tiny(1e-9, -2e-9, 3e-10);
  EXPECT_TRUE(MatricesNear(AxisAngleToMatrix(tiny), Eigen::Matrix3d::Identity() + Skew(tiny), 1e-17));
  EXPECT_TRUE(MatricesNear(MatrixToAxisAngle(AxisAngleToMatrix(tiny)), tiny, 1e-17));
  EXPECT_TRUE(MatricesNear(AxisAngleToMatrix(Eigen::Vector3d::Zero()), Eigen::Matrix3d::Identity(), 0.0));
}

TEST(RotationTest, AxisAngleRoundTripsThroughMatrixAndQuaternion) {
  std::mt19937 rng(2);
  for (int i = 0; i < 500; ++i) {
    const Eigen::Vector3d aa = RandomAxisAngle(rng, M_PI - 1e-6);
    EXPECT_TRUE(MatricesNear(MatrixToAxisAngle(AxisAngleToMatrix(aa)), aa, 1e-9));
    EXPECT_TRUE(MatricesNear(QuaternionToAxisAngle(AxisAngleToQuaternion(aa)), aa, 1e-12));
    EXPECT_TRUE(MatricesNear(QuaternionToMatrix(MatrixToQuaternion(AxisAngleToMatrix(aa))), AxisAngleToMatrix(aa), 1e-12));
  }
}

TEST(RotationTest, AngleAboveHalfTurnWrapsToTheEquivalentRotation) {
  const Eigen::Vector3d aa(0, 0, 1.5 * M_PI);  // equals -pi/2 about z
  EXPECT_TRUE(MatricesNear(MatrixToAxisAngle(AxisAngleToMatrix(aa)), Eigen::Vector3d(0, 0, -0.5 * M_PI), 1e-12));
}

TEST(RotationTest, HalfTurnIsRecovered) {
  const Eigen::Vector3d aa = Eigen::Vector3d(1, 2, 2).normalized() * M_PI;
  const Eigen::Vector3d back = MatrixToAxisAngle(AxisAngleToMatrix(aa));
  EXPECT_NEAR(back.norm(), M_PI, 1e-9);
  EXPECT_TRUE(MatricesNear(AxisAngleToMatrix(back), AxisAngleToMatrix(aa), 1e-12));
}

TEST(RotationTest, SlerpEndpointsMidpointAndShortArc) {
  const Eigen::Vector3d a(0, 0, 0.2), b(0, 0, 1.0);
  EXPECT_TRUE(MatricesNear(SlerpAxisAngle(a, b, 0.0), a, 1e-14));
  EXPECT_TRUE(MatricesNear(SlerpAxisAngle(a, b, 1.0), b, 1e-14));
  EXPECT_TRUE(MatricesNear(SlerpAxisAngle(a, b, 0.25), Eigen::Vector3d(0, 0, 0.4), 1e-14));
  // From +170 to -170 degrees about x the short way passes through 180, not 0.
  const Eigen::Vector3d p(170.0 * M_PI / 180, 0, 0), q(-170.0 * M_PI / 180, 0, 0);
  EXPECT_NEAR(SlerpAxisAngle(p, q, 0.5).norm(), M_PI, 1e-9);
}

TEST(RotationTest, SlerpHasConstantAngularSpeed) {
  std::mt19937 rng(3);
  const Eigen::Vector3d a = RandomAxisAngle(rng, 2.0), b = RandomAxisAngle(rng, 2.0);
  const double total = RotationAngleBetween(AxisAngleToMatrix(a), AxisAngleToMatrix(b));
  for (double t : {0.1, 0.3, 0.7}) {
    EXPECT_NEAR(RotationAngleBetween(AxisAngleToMatrix(a), AxisAngleToMatrix(SlerpAxisAngle(a, b, t))), t * total, 1e-9);
  }
}

}  // namespace
}  // namespace handprop
