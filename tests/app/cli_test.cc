// SPDX-License-Identifier: Apache-2.0
// The `handprop` CLI in-process: dispatch, exit codes, one-line errors, and the model commands'
// outputs read back.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/command_table.h"
#include "app/commands/command_options.h"
#include "core/meshio/mesh_export.h"
#include "core/model/hand_model_io.h"
#include "core/model/lbs.h"
#include "tests/app/cli_test_util.h"
#include "tests/support/test_util.h"

namespace handprop::cli {
namespace {

using handprop::testing::MatricesNear;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    model_ = handprop::testing::RandomHandModel(800, 31);
    model_path_ = dir_.File("model.npz");
    SaveHandModel(model_path_, model_);
  }
  handprop::testing::TempDir dir_;
  HandModel model_;
  std::string model_path_;
};

TEST(CliOptionsTest, DefaultsAreValid) {
  EXPECT_EQ(ModelInfoOptions{}.Check(), "");
  EXPECT_EQ(ModelExportOptions{}.Check(), "");
  EXPECT_EQ(ModelPoseOptions{}.Check(), "");
  EXPECT_EQ(DemoOptions{}.Check(), "");
}

TEST(CliOptionsTest, CheckNamesTheConstraint) {
  ModelPoseOptions pose;
  pose.out = "hand.fbx";
  EXPECT_EQ(pose.Check(), "out must end in .obj, .ply, .glb or .json");
  pose.out = "hand.obj";
  pose.convention.num_pca = 50;
  EXPECT_EQ(pose.Check(), "convention.num_pca = 50 violates num_pca <= 45");
}

TEST_F(CliTest, VersionHelpAndUnknownCommand) {
  EXPECT_EQ(RunCli({"--version"}).out.rfind("handprop ", 0), 0u);
  const CliResult help = RunCli({"help"});
  EXPECT_EQ(help.code, kExitOk);
  for (const Command& c : Commands()) EXPECT_NE(help.out.find(c.name), std::string::npos) << c.name;
  EXPECT_EQ(RunCli({"model", "pose", "--help"}).code, kExitOk);
  ExpectBadInput({"frobnicate"}, "unknown command 'frobnicate'");
  ExpectBadInput({"model", "pose", "--no-such-flag"}, "--no-such-flag");
}

TEST_F(CliTest, InfoReportsTheModel) {
  const CliResult r = RunCli({"model", "info", model_path_});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("800 vertices"), std::string::npos) << r.out;
  const CliResult j = RunCli({"model", "info", model_path_, "--json"});
  EXPECT_EQ(nlohmann::json::parse(j.out)["faces"], 1600);
}

TEST_F(CliTest, ExportWritesAFileThatLoadsBackIdentically) {
  const std::string out = dir_.File("exported.npz");
  ASSERT_EQ(RunCli({"model", "export", "--model", model_path_, "--out", out}).code, kExitOk);
  const HandModel back = LoadHandModel(out);
  EXPECT_TRUE(MatricesNear(back.posedirs, model_.posedirs, 0));
}

TEST_F(CliTest, PoseWritesEveryFormatWithTheSameGeometry) {
  HandParams p;
  p.pose.head<3>() << 0.1, 0.2, 0.3;
  p.pose.tail<45>() = model_.pca_mean;  // the default convention adds the mean to the input
  p.pose[10] += 0.4;
  p.trans << 0.0, 0.01, 0.5;
  const HandMesh expected = HandLbs(model_).Forward(p);
  std::string pose = "0.1,0.2,0.3";
  for (int i = 3; i < 48; ++i) pose += i == 10 ? ",0.4" : ",0";
  for (const std::string ext : {"obj", "ply", "glb", "json"}) {
    const std::string out = dir_.File("posed." + ext);
    const CliResult r = RunCli({"model", "pose", "-m", model_path_, "--pose", pose, "--trans", "0,0.01,0.5", "--out", out});
    ASSERT_EQ(r.code, kExitOk) << r.err;
    if (ext == "json") {
      const nlohmann::json j = nlohmann::json::parse(std::ifstream(out));
      EXPECT_NEAR(j["vertices"][17][2].get<double>(), expected.vertices(2, 17), 1e-12);
      EXPECT_NEAR(j["keypoints"][8][0].get<double>(), expected.keypoints(0, 8), 1e-12);
      continue;
    }
    Eigen::Matrix3Xd vertices;
    Eigen::Matrix3Xi faces;
    ReadMesh(out, &vertices, &faces);
    ASSERT_EQ(faces.cols(), model_.faces.cols()) << ext;
    double worst = 0;  // every face corner lands where the LBS put it (files store floats)
    for (Eigen::Index f = 0; f < faces.cols(); ++f)
      for (int c = 0; c < 3; ++c)
        worst = std::max(worst, (vertices.col(faces(c, f)) - expected.vertices.col(model_.faces(c, f))).norm());
    EXPECT_LT(worst, 1e-6) << ext;
    const nlohmann::json sidecar = nlohmann::json::parse(std::ifstream(out + ".keypoints.json"));
    EXPECT_EQ(sidecar["keypoints"].size(), 21u);
  }
}

TEST_F(CliTest, ParamsFileAndFlagsCombine) {
  const std::string params = dir_.File("params.json");
  // FreiHAND-style nested pose with a single value: a flag must override it; shape and trans
  // come from the file.
  std::ofstream(params) << R"({"pose": [[0.5]], "shape": [1,0,0,0,0,0,0,0,0,0], "trans": [0,0,1]})";
  std::string pose = "0";
  for (int i = 1; i < 48; ++i) pose += ",0";
  const std::string out = dir_.File("p.json");
  ASSERT_EQ(RunCli({"model", "pose", "-m", model_path_, "--params", params, "--pose", pose, "--flat-hand-mean", "--out", out}).code,
            kExitOk);
  const nlohmann::json j = nlohmann::json::parse(std::ifstream(out));
  EXPECT_EQ(j["trans"][2], 1.0);
  EXPECT_EQ(j["shape"][0], 1.0);
  // Without the flag the one-value pose from the file is rejected, naming the file.
  ExpectBadInput({"model", "pose", "-m", model_path_, "--params", params, "--out", out}, params + ": pose has 1 values, expected 48");
}

TEST_F(CliTest, BadInputsGiveOneLineErrorsAndExitOne) {
  const std::string out = dir_.File("x.obj");
  ExpectBadInput({"model", "info", dir_.File("missing.npz")}, "missing.npz: cannot open file");
  ExpectBadInput({"model", "pose", "-m", model_path_, "--shape", "1,2,3", "--out", out}, "--shape: shape has 3 values, expected 10");
  ExpectBadInput({"model", "pose", "-m", model_path_, "--trans", "0,inf,0", "--out", out}, "not finite");
  ExpectBadInput({"model", "pose", "-m", model_path_, "--trans", "0,abc,0", "--out", out}, "--trans: 'abc' is not a number");
  ExpectBadInput({"model", "pose", "-m", model_path_, "--out", dir_.File("x.fbx")}, "out must end in .obj, .ply, .glb or .json");
  ExpectBadInput({"model", "pose", "-m", model_path_, "--pca", "60", "--out", out}, "num_pca = 60");
  std::ofstream(dir_.File("broken.json")) << "{\"pose\": [1, 2";
  ExpectBadInput({"model", "pose", "-m", model_path_, "--params", dir_.File("broken.json"), "--out", out},
                 "broken.json: malformed JSON");
  std::ofstream(dir_.File("junk.npz")) << "junk";
  ExpectBadInput({"model", "info", dir_.File("junk.npz")}, "junk.npz: not a .npz archive");
  EXPECT_FALSE(std::filesystem::exists(out));  // nothing half-written
}

TEST_F(CliTest, UnwritableOutputIsARuntimeFailure) {
  const CliResult r = RunCli({"model", "pose", "-m", model_path_, "--out", "/nonexistent/dir/hand.json"});
  EXPECT_EQ(r.code, kExitRuntimeFailure);
  EXPECT_NE(r.err.find("/nonexistent/dir/hand.json"), std::string::npos) << r.err;
}

TEST_F(CliTest, DemoRunsOnTheBuiltInModel) {
  const std::string out_dir = dir_.File("demo");
  // The tiny project and a few training steps: the whole pipeline, not the accuracy.
  const CliResult r = RunCli({"demo", "--out-dir", out_dir, "--preset", "tiny", "--stage1-steps", "2", "--stage2-steps",
                              "1", "--stage3-steps", "1", "--crop-size", "32"});
  ASSERT_EQ(r.code, kExitOk) << r.err << r.out;
  EXPECT_NE(r.out.find("metrics self-check: passed"), std::string::npos) << r.out;
  for (const char* row : {"baseline + align", "propagation", "bidirectional", "interpolation", "copy_nearest"})
    EXPECT_NE(r.out.find(row), std::string::npos) << row << "\n" << r.out;
  EXPECT_TRUE(std::filesystem::exists(out_dir + "/model/propagator.ckpt"));
  EXPECT_TRUE(std::filesystem::exists(out_dir + "/table.md"));
  EXPECT_NE(r.out.find("propagated labels with per-keypoint confidence written"), std::string::npos) << r.out;
  EXPECT_TRUE(std::filesystem::exists(out_dir + "/hand_posed.obj"));
  EXPECT_TRUE(std::filesystem::exists(out_dir + "/hand_posed.glb"));
  EXPECT_TRUE(std::filesystem::exists(out_dir + "/hand_posed.json"));
}

}  // namespace
}  // namespace handprop::cli
