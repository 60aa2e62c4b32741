// SPDX-License-Identifier: Apache-2.0
// BuildOpenHand's model as a whole: valid, deterministic, and identical to the file that
// handprop-make-openhand writes and the build ships.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "core/model/hand_model_io.h"
#include "core/model/openhand/openhand.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/openhand/openhand_test_util.h"

#ifndef HANDPROP_MAKE_OPENHAND
#error "HANDPROP_MAKE_OPENHAND (path of handprop-make-openhand) must be defined by the build"
#endif

namespace handprop {
namespace {

using testing::OpenHandModel;

void ExpectSameModel(const HandModel& a, const HandModel& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.side, b.side);
  EXPECT_TRUE(testing::MatricesNear(a.v_template, b.v_template, 0.0));
  EXPECT_TRUE(testing::MatricesNear(a.shapedirs, b.shapedirs, 0.0));
  EXPECT_TRUE(testing::MatricesNear(a.posedirs, b.posedirs, 0.0));
  EXPECT_TRUE(testing::MatricesNear(a.j_regressor, b.j_regressor, 0.0));
  EXPECT_TRUE(testing::MatricesNear(a.weights, b.weights, 0.0));
  EXPECT_TRUE(a.faces == b.faces);
  EXPECT_TRUE(testing::MatricesNear(a.pca_components, b.pca_components, 0.0));
  EXPECT_TRUE(testing::MatricesNear(a.pca_mean, b.pca_mean, 0.0));
  EXPECT_EQ(a.tip_vertices, b.tip_vertices);
  ASSERT_EQ(a.has_joint_limits, b.has_joint_limits);
  EXPECT_TRUE(testing::MatricesNear(a.joint_limits.min_deg, b.joint_limits.min_deg, 0.0));
  EXPECT_TRUE(testing::MatricesNear(a.joint_limits.max_deg, b.joint_limits.max_deg, 0.0));
  for (int k = 0; k < kNumJoints; ++k) EXPECT_TRUE(testing::MatricesNear(a.joint_limits.frames[k], b.joint_limits.frames[k], 0.0));
  ASSERT_EQ(a.shape_directions.size(), b.shape_directions.size());
  for (size_t l = 0; l < a.shape_directions.size(); ++l) EXPECT_EQ(a.shape_directions[l].meaning, b.shape_directions[l].meaning);
}

TEST(OpenHandModel, IsAValidRightHandWithLimits) {
  const HandModel& m = OpenHandModel();
  EXPECT_EQ(ValidateHandModel(m), "");
  EXPECT_EQ(m.name, "openhand");
  EXPECT_EQ(m.side, HandSide::kRight);
  EXPECT_TRUE(m.has_joint_limits);
  EXPECT_NE(m.source.find("OpenHand generator"), std::string::npos);
  EXPECT_EQ(m.parents, kManoParents);
}

TEST(OpenHandModel, DefaultOptionsAreValidAndBadOnesAreRejected) {
  EXPECT_EQ(OpenHandOptions().Check(), "");
  OpenHandOptions bad;
  bad.num_prior_samples = 10;
  EXPECT_NE(bad.Check().find("num_prior_samples"), std::string::npos);
  EXPECT_THROW(BuildOpenHand(bad), InputError);
  bad = {};
  bad.corrective_ridge = 0.0;
  EXPECT_NE(bad.Check(), "");
}

TEST(OpenHandModel, IsTheSameBytesEveryTime) {
  EXPECT_EQ(SerializeNpz(HandModelToNpz(BuildOpenHand())), SerializeNpz(HandModelToNpz(OpenHandModel())));
}

TEST(OpenHandModel, GeneratorWritesAFileThatLoadsBackIdentical) {
  testing::TempDir dir;
  const std::string path = dir.File("models/openhand_right.npz");
  const std::string command = std::string("\"") + HANDPROP_MAKE_OPENHAND + "\" --quiet \"" + path + "\"";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  ExpectSameModel(LoadHandModel(path), OpenHandModel());
  EXPECT_EQ(ReadFileToString(path), SerializeNpz(HandModelToNpz(OpenHandModel())));
}

TEST(OpenHandModel, ShippedFileIsTheBuiltModel) {
  // The build's data folder (HANDPROP_DATA_DIR, set by ctest) holds the file openhand_model made.
  ExpectSameModel(LoadHandModelByName("openhand"), OpenHandModel());
}

}  // namespace
}  // namespace handprop
