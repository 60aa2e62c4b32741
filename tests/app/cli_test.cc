// SPDX-License-Identifier: Apache-2.0
// The `handprop` CLI in-process: dispatch, exit codes, one-line errors, the model commands'
// outputs read back, and interpolation / propagation previews on a tiny synthetic project.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/command_table.h"
#include "app/commands/command_options.h"
#include "core/meshio/mesh_export.h"
#include "core/model/hand_model_io.h"
#include "core/model/lbs.h"
#include "core/io/store/project_store.h"
#include "core/propagate/interpolated_labels.h"
#include "core/propagate/label_set_file.h"
#include "tests/app/cli_test_util.h"
#include "tests/support/test_util.h"
#include "tests/support/tiny_project.h"

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

StoreOpenOptions ReadOnly() {
  StoreOpenOptions o;
  o.read_only = true;
  return o;
}

std::vector<LabelRecord> ProjectLabels(const std::string& project) {
  return ProjectStore::Open(project, ReadOnly()).AllLabels();
}

TEST_F(CliTest, InterpolatePreviewWritesAFileAndLeavesTheProject) {
  const std::string project = handprop::testing::RenderTinyProject(dir_.File("synth"), 3).project_path;
  const std::vector<LabelRecord> before = ProjectLabels(project);
  const int64_t video = before.front().video_id;
  const std::string preview = dir_.File("interp.json");
  const CliResult r =
      RunCli({"interpolate", "--project", project, "--video", std::to_string(video), "--frames", "1:7", "--preview", preview});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("the project's labels were not changed"), std::string::npos) << r.out;
  const LabelSet set = ReadLabelSet(preview);
  EXPECT_EQ(set.method, "interpolation");
  EXPECT_EQ(set.model_id, "");
  // Frames 1..7 without the key frame 4, for the video's labelled hand; exactly the library's labels.
  const std::vector<LabelRecord> expected =
      InterpolatedLabels(LoadHandModelByName("openhand"),
                         ProjectStore::Open(project, ReadOnly()).Labels(video), 1, 7, "job:interpolate");
  ASSERT_EQ(set.labels.size(), 6u);
  ASSERT_EQ(expected.size(), 6u);
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(set.labels[i].frame_index, expected[i].frame_index);
    EXPECT_EQ(set.labels[i].params.pose, expected[i].params.pose);
    EXPECT_EQ(set.labels[i].keypoints, expected[i].keypoints);
    EXPECT_EQ(set.labels[i].source_frames, expected[i].source_frames);
  }
  EXPECT_EQ(ProjectLabels(project).size(), before.size());
}

TEST_F(CliTest, InterpolateWritesMachineLabelsAndKeepsHumanOnes) {
  const std::string project = handprop::testing::RenderTinyProject(dir_.File("synth"), 3).project_path;
  const size_t keys = ProjectLabels(project).size();  // 4 videos x key frames 0, 4, 8, 11
  const CliResult r = RunCli({"interpolate", "--project", project});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("32 interpolated labels written, 16 human labels left as they were, 4 videos"), std::string::npos)
      << r.out;
  const std::vector<LabelRecord> after = ProjectLabels(project);
  EXPECT_EQ(after.size(), keys + 32);
  for (const LabelRecord& l : after) {
    const bool key = l.frame_index % 4 == 0 || l.frame_index == 11;
    EXPECT_EQ(l.provenance, key ? Provenance::kManual : Provenance::kInterpolated) << l.frame_index;
  }
  // Again: the machine labels are replaced, the human ones kept.
  EXPECT_NE(RunCli({"interpolate", "--project", project}).out.find("32 interpolated labels written"), std::string::npos);
  EXPECT_EQ(ProjectLabels(project).size(), keys + 32);
}

TEST_F(CliTest, InterpolateAndPropagateRejectBadSpansAndPaths) {
  const std::string project = handprop::testing::RenderTinyProject(dir_.File("synth"), 3).project_path;
  ExpectBadInput({"interpolate", "--project", project, "--frames", "5:2"}, "--frames: '5:2' is not first:last");
  ExpectBadInput({"interpolate", "--project", project, "--frames", "a:b"}, "--frames: 'a:b' is not first:last");
  ExpectBadInput({"interpolate", "--project", project, "--video", "1", "--frames", "3:40"},
                 "--frames: 3:40 is outside video 1 (frames 0:11)");
  ExpectBadInput({"interpolate", "--project", dir_.File("nope.hpj")}, "nope.hpj: no such project");
  ExpectBadInput({"interpolate", "--project", project, "--video", "99"}, "has no video '99'");
  const std::string nowhere = dir_.File("no/such/p.json");
  ExpectBadInput({"interpolate", "--project", project, "--preview", nowhere}, nowhere + ": folder");
  ExpectBadInput({"propagate", "--project", project, "--model", dir_.File("m"), "--preview", nowhere}, nowhere + ": folder");
  ExpectBadInput({"propagate", "--project", project, "--model", dir_.File("m"), "--frames", "9:3"},
                 "frames must be first:last with first <= last");
  EXPECT_FALSE(std::filesystem::exists(dir_.File("no")));
  for (const LabelRecord& l : ProjectLabels(project)) EXPECT_EQ(l.provenance, Provenance::kManual);
}

TEST_F(CliTest, PropagatePreviewWithJsonProgress) {
  const std::string project = handprop::testing::RenderTinyProject(dir_.File("synth"), 3).project_path;
  const std::vector<LabelRecord> before = ProjectLabels(project);
  const CliResult trained = RunCli({"train", "propagator", "--project", project, "--out", dir_.File("m"), "--stage1-steps",
                                    "1", "--stage2-steps", "1", "--stage3-steps", "1", "--crop-size", "32"});
  ASSERT_EQ(trained.code, kExitOk) << trained.err << trained.out;
  const std::string preview = dir_.File("prop.json");
  const CliResult r = RunCli({"propagate", "--project", project, "--model", dir_.File("m"), "--video",
                              std::to_string(before.front().video_id), "--preview", preview, "--progress-json"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  // Only JSON lines on stdout: progress events, then one done event.
  std::istringstream lines(r.out);
  std::vector<nlohmann::json> events;
  for (std::string line; std::getline(lines, line);) events.push_back(nlohmann::json::parse(line));
  ASSERT_GE(events.size(), 2u) << r.out;
  for (size_t i = 0; i + 1 < events.size(); ++i) {
    EXPECT_EQ(events[i]["event"], "progress");
    EXPECT_EQ(events[i]["video"], 1);
    EXPECT_EQ(events[i]["videos"], 1);
    EXPECT_LE(events[i]["done"].get<int>(), events[i]["frames"].get<int>());
    EXPECT_GE(events[i]["elapsed_s"].get<double>(), 0.0);
  }
  const nlohmann::json& done = events.back();
  EXPECT_EQ(done["event"], "done");
  EXPECT_EQ(done["preview_labels"], 8);
  EXPECT_EQ(done["written"], 0);
  EXPECT_EQ(done["cancelled"], false);
  EXPECT_EQ(ReadLabelSet(preview).labels.size(), 8u);
  EXPECT_EQ(ProjectLabels(project).size(), before.size());
}

}  // namespace
}  // namespace handprop::cli
