// SPDX-License-Identifier: Apache-2.0
#include "core/io/formats/mano_vector.h"

#include <gtest/gtest.h>

#include <random>

#include "core/util/error.h"
#include "tests/io/formats/formats_test_data.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::FormatsTestModel;
using testing::MatricesNear;

HandParams RandomParams(std::mt19937* rng) {
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  HandParams p;
  for (int i = 0; i < kPoseDim; ++i) p.pose(i) = 0.5 * unit(*rng);
  for (int i = 0; i < kNumBetas; ++i) p.betas(i) = unit(*rng);
  p.trans = Eigen::Vector3d(0.05 * unit(*rng), 0.05 * unit(*rng), 0.5 + 0.05 * unit(*rng));
  return p;
}

TEST(ManoVectorTest, PoseOffsetsAreAbsoluteMinusHandsMean) {
  std::mt19937 rng(3);
  const HandModel& model = FormatsTestModel();
  const PoseVector absolute = RandomParams(&rng).pose;
  const PoseVector offsets = PoseOffsetsFromAbsolute(model, absolute);
  EXPECT_TRUE(MatricesNear(offsets.head<3>(), absolute.head<3>(), 0.0));
  EXPECT_TRUE(MatricesNear(offsets.tail<45>(), absolute.tail<45>() - model.pca_mean, 1e-14));
  EXPECT_TRUE(MatricesNear(AbsoluteFromPoseOffsets(model, offsets), absolute, 1e-14));
}

TEST(ManoVectorTest, SixtyOneVectorRoundTripsAndEncodesTheRoot) {
  std::mt19937 rng(4);
  const HandLbs lbs(FormatsTestModel());
  const CameraIntrinsics k{480.0, 470.0, 112.0, 108.0};
  for (int trial = 0; trial < 5; ++trial) {
    const HandParams p = RandomParams(&rng);
    const ManoVector v = ManoVectorFromParams(lbs, k, p);
    const Eigen::Vector3d root = lbs.Forward(p).keypoints.col(9);
    EXPECT_TRUE(MatricesNear(v.segment<2>(58), Project(k, root), 1e-9));
    EXPECT_NEAR(v(60), k.MeanFocal() / root.z(), 1e-9);
    EXPECT_TRUE(MatricesNear(v.segment<10>(48), p.betas, 0.0));
    const HandParams back = ParamsFromManoVector(lbs, k, v);
    EXPECT_TRUE(MatricesNear(back.pose, p.pose, 1e-14));
    EXPECT_TRUE(MatricesNear(back.betas, p.betas, 0.0));
    EXPECT_TRUE(MatricesNear(back.trans, p.trans, 1e-9));
  }
}

TEST(ManoVectorTest, FreiHandRootDecodingAgreesWithContraHandWhenFxEqualsFy) {
  std::mt19937 rng(5);
  const HandLbs lbs(FormatsTestModel());
  const CameraIntrinsics k{500.0, 500.0, 112.0, 110.0};
  const ManoVector v = ManoVectorFromParams(lbs, k, RandomParams(&rng));
  const double u = v(58), vv = v(59), s = v(60);
  const Eigen::Vector3d freihand((u - k.cx) / s, (vv - k.cy) / s, k.MeanFocal() / s);
  EXPECT_TRUE(MatricesNear(RootFromUvScale(k, v.tail<3>()), freihand, 1e-12));
  // With fx != fy the two decodings differ, which is why the test above needs fx == fy.
  const CameraIntrinsics skewed{520.0, 480.0, 112.0, 110.0};
  EXPECT_GT((RootFromUvScale(skewed, v.tail<3>()) - Eigen::Vector3d((u - skewed.cx) / s, (vv - skewed.cy) / s,
                                                                    skewed.MeanFocal() / s)).norm(), 1e-4);
}

TEST(ManoVectorTest, RejectsBadVectorsAndHandsBehindTheCamera) {
  const HandLbs lbs(FormatsTestModel());
  const CameraIntrinsics k{500.0, 500.0, 112.0, 112.0};
  ManoVector v = ManoVector::Zero();
  v(60) = -1.0;
  EXPECT_THROW(ParamsFromManoVector(lbs, k, v), InputError);
  v(60) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(ParamsFromManoVector(lbs, k, v), InputError);
  HandParams behind;
  behind.trans.z() = -0.5;
  EXPECT_THROW(ManoVectorFromParams(lbs, k, behind), InputError);
}

TEST(ManoVectorTest, WorldAndCameraParamsDescribeTheSameMesh) {
  std::mt19937 rng(6);
  const HandModel& model = FormatsTestModel();
  const HandLbs lbs(model);
  const Rigid3d cam_from_world = LookAt(Eigen::Vector3d(0.4, -0.3, 0.2), Eigen::Vector3d::Zero(), Eigen::Vector3d::UnitZ());
  HandParams world = RandomParams(&rng);
  world.trans.z() = 0.0;
  const HandParams camera = CameraParamsFromWorld(model, cam_from_world, world);
  EXPECT_TRUE(MatricesNear(lbs.Forward(camera).vertices, cam_from_world * lbs.Forward(world).vertices, 1e-12));
  const HandParams back = WorldParamsFromCamera(model, cam_from_world, camera);
  EXPECT_TRUE(MatricesNear(back.pose, world.pose, 1e-12));
  EXPECT_TRUE(MatricesNear(back.trans, world.trans, 1e-12));
}

}  // namespace
}  // namespace handprop
