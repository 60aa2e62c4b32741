// SPDX-License-Identifier: Apache-2.0
#include "core/geometry/rigid3d.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/geometry/rotation.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::MatricesNear;

Rigid3d Example(double angle, const Eigen::Vector3d& t) {
  return Rigid3d(AxisAngleToMatrix(angle * Eigen::Vector3d(0.3, -0.5, 0.8).normalized()), t);
}

TEST(Rigid3dTest, AppliesRotationThenTranslation) {
  const Rigid3d a(AxisAngleToMatrix(Eigen::Vector3d(0, 0, EIGEN_PI / 2)), Eigen::Vector3d(1, 2, 3));
  EXPECT_TRUE(MatricesNear(a * Eigen::Vector3d(1, 0, 0), Eigen::Vector3d(1, 3, 3), 1e-15));
  Eigen::Matrix3Xd points(3, 2);
  points << 1, 0, 0, 1, 0, 0;
  Eigen::Matrix3Xd expected(3, 2);
  expected << 1, 0, 3, 2, 3, 3;
  EXPECT_TRUE(MatricesNear(a * points, expected, 1e-15));
}

TEST(Rigid3dTest, InverseAndCompositionAgreeWithPointMaps) {
  const Rigid3d a = Example(0.7, Eigen::Vector3d(0.1, -0.2, 0.3));
  const Rigid3d b = Example(-2.1, Eigen::Vector3d(-0.4, 0.05, 1.0));
  const Eigen::Vector3d x(0.02, 0.3, -0.7);
  EXPECT_TRUE(MatricesNear((a * b) * x, a * (b * x), 1e-14));
  EXPECT_TRUE(MatricesNear(a.Inverse() * (a * x), x, 1e-14));
  const Rigid3d identity = a * a.Inverse();
  EXPECT_TRUE(MatricesNear(identity.rotation, Eigen::Matrix3d::Identity(), 1e-14));
  EXPECT_TRUE(MatricesNear(identity.translation, Eigen::Vector3d::Zero(), 1e-14));
}

TEST(Rigid3dTest, MatrixRoundTrip) {
  const Rigid3d a = Example(1.3, Eigen::Vector3d(5, 6, 7));
  const Eigen::Matrix4d m = a.ToMatrix();
  EXPECT_TRUE(MatricesNear(m.row(3), Eigen::RowVector4d(0, 0, 0, 1), 0));
  const Rigid3d back = Rigid3d::FromMatrix(m);
  EXPECT_TRUE(MatricesNear(back.rotation, a.rotation, 0));
  EXPECT_TRUE(MatricesNear(back.translation, a.translation, 0));
  const Rigid3d from34 = Rigid3d::FromMatrix(Eigen::Matrix<double, 3, 4>(m.topRows<3>()));
  EXPECT_TRUE(MatricesNear(from34.translation, a.translation, 0));
}

TEST(Rigid3dTest, CheckRotationMatrixNamesTheProblem) {
  EXPECT_EQ(CheckRotationMatrix(Example(2.0, Eigen::Vector3d::Zero()).rotation), "");
  const Eigen::Matrix3d mirror = Eigen::Vector3d(1, 1, -1).asDiagonal();
  EXPECT_NE(CheckRotationMatrix(mirror).find("det(R) = -1"), std::string::npos);
  EXPECT_NE(CheckRotationMatrix(1.2 * Eigen::Matrix3d::Identity()).find("R^T R differs"), std::string::npos);
  Eigen::Matrix3d nan = Eigen::Matrix3d::Identity();
  nan(1, 2) = std::nan("");
  EXPECT_NE(CheckRotationMatrix(nan).find("non-finite"), std::string::npos);
}

}  // namespace
}  // namespace handprop
