// SPDX-License-Identifier: Apache-2.0
// `handprop synth` and `handprop project ...` end to end: a synthetic project exported to every
// dataset format and imported back keeps its labels; every command's bad input gives one line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/io/store/project_store.h"
#include "core/io/store/sqlite_db.h"
#include "tests/app/cli_test_util.h"
#include "tests/support/test_util.h"

namespace handprop::cli {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

class ProjectCommandTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const CliResult r = RunCli({"synth", "--preset", "tiny", "--seed", "3", "--out", dir_->File("synth")});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string Synth() { return dir_->File("synth/project.hpj"); }

  // Every label of `a` has a label in `b` at the same (sequence, camera, frame) with parameters
  // within `tolerance`.
  static void ExpectSameLabels(const std::string& a_path, const std::string& b_path, double tolerance) {
    const ProjectStore a = ProjectStore::Open(a_path), b = ProjectStore::Open(b_path);
    std::map<int64_t, std::pair<std::string, int>> view_a;
    for (const VideoRecord& v : a.Videos()) view_a[v.id] = {v.sequence, v.camera_index};
    std::map<std::tuple<std::string, int, int>, LabelRecord> labels_b;
    std::map<int64_t, std::pair<std::string, int>> view_b;
    for (const VideoRecord& v : b.Videos()) view_b[v.id] = {v.sequence, v.camera_index};
    for (const LabelRecord& l : b.AllLabels()) {
      const auto& [seq, cam] = view_b.at(l.video_id);
      labels_b[{seq, cam, l.frame_index}] = l;
    }
    const std::vector<LabelRecord> labels_a = a.AllLabels();
    ASSERT_EQ(labels_a.size(), labels_b.size());
    for (const LabelRecord& l : labels_a) {
      const auto& [seq, cam] = view_a.at(l.video_id);
      const auto found = labels_b.find({seq, cam, l.frame_index});
      ASSERT_NE(found, labels_b.end()) << seq << " cam " << cam << " frame " << l.frame_index;
      EXPECT_TRUE(testing::MatricesNear(found->second.params.pose, l.params.pose, tolerance));
      EXPECT_TRUE(testing::MatricesNear(found->second.params.betas, l.params.betas, tolerance));
      EXPECT_TRUE(testing::MatricesNear(found->second.params.trans, l.params.trans, tolerance));
      EXPECT_TRUE(testing::MatricesNear(found->second.keypoints, l.keypoints, 1e-6));
    }
  }

  static TempDir* dir_;
};
TempDir* ProjectCommandTest::dir_ = nullptr;

TEST_F(ProjectCommandTest, InfoListsVideosAndLabelsByProvenance) {
  const CliResult r = RunCli({"project", "info", Synth()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("labels: manual 16"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0001 cam1  12 frames @ 30 fps  64x64  4 labelled"), std::string::npos) << r.out;
  const CliResult json = RunCli({"project", "info", dir_->File("synth/ground_truth.hpj"), "--json"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_NE(json.out.find("\"role\": \"ground_truth\""), std::string::npos);
}

TEST_F(ProjectCommandTest, EveryFormatRoundTripsThroughExportAndImport) {
  const struct {
    const char* format;
    const char* target;
    double tolerance;
  } cases[] = {{"json", "labels.json", 0.0}, {"npz", "labels.npz", 0.0}, {"freihand", "freihand", 1e-9}, {"hanco", "hanco", 1e-9}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.format);
    const std::string target = dir_->File(std::string("export-") + c.target);
    const std::string project = dir_->File(std::string("imported-") + c.format + ".hpj");
    CliResult r = RunCli({"project", "export", Synth(), "--format", c.format, "--to", target});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("exported 16 labelled frames"), std::string::npos) << r.out;
    r = RunCli({"project", "import", project, "--format", c.format, "--from", target});
    ASSERT_EQ(r.code, 0) << r.err;
    if (std::string(c.format) == "freihand") {
      // FreiHAND is one flat list of images: the views become one sequence of 16 frames, in the
      // export's order (views, then frames), which is the project's label order.
      EXPECT_NE(r.out.find("imported 1 videos and 16 labels"), std::string::npos) << r.out;
      const std::vector<LabelRecord> a = ProjectStore::Open(Synth()).AllLabels(), b = ProjectStore::Open(project).AllLabels();
      ASSERT_EQ(a.size(), b.size());
      for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_TRUE(testing::MatricesNear(b[i].params.pose, a[i].params.pose, c.tolerance)) << i;
        EXPECT_TRUE(testing::MatricesNear(b[i].params.betas, a[i].params.betas, c.tolerance)) << i;
        EXPECT_TRUE(testing::MatricesNear(b[i].params.trans, a[i].params.trans, c.tolerance)) << i;
        EXPECT_TRUE(testing::MatricesNear(b[i].keypoints, a[i].keypoints, 1e-6)) << i;
      }
      continue;
    }
    EXPECT_NE(r.out.find("16 labels"), std::string::npos) << r.out;
    ExpectSameLabels(Synth(), project, c.tolerance);
  }
  EXPECT_TRUE(fs::exists(dir_->File("export-freihand/training/rgb/00000015.jpg")));
  EXPECT_TRUE(fs::exists(dir_->File("export-hanco/rgb/0001/cam1/00000011.jpg")));
}

TEST_F(ProjectCommandTest, MeshesAreExportedPerLabelledFrame) {
  const CliResult r = RunCli({"project", "export", Synth(), "--format", "meshes", "--mesh-format", "ply", "--to", dir_->File("meshes")});
  ASSERT_EQ(r.code, 0) << r.err;
  int plys = 0;
  for (const auto& e : fs::directory_iterator(dir_->File("meshes"))) plys += e.path().extension() == ".ply";
  EXPECT_EQ(plys, 16);
}

TEST_F(ProjectCommandTest, CreateThenAddVideoReadsSizeRateAndFrames) {
  const std::string project = dir_->File("fresh.hpj");
  ASSERT_EQ(RunCli({"project", "create", project}).code, 0);
  const CliResult r = RunCli({"project", "add-video", project, dir_->File("synth/videos/0000_cam0.mp4"), "--sequence", "clip"});
  ASSERT_EQ(r.code, 0) << r.err;
  const ProjectStore store = ProjectStore::Open(project);
  ASSERT_EQ(store.Videos().size(), 1u);
  const VideoRecord v = store.Videos().front();
  EXPECT_EQ(v.frame_count, 12);
  EXPECT_EQ(v.width, 64);
  EXPECT_DOUBLE_EQ(v.fps, 30.0);
  EXPECT_EQ(v.sequence, "clip");
  EXPECT_EQ(v.content_hash.rfind("xxh64:", 0), 0u);
}

TEST_F(ProjectCommandTest, UpgradeMigratesAnOlderProjectOnceAndKeepsItsLabels) {
  const std::string path = dir_->File("old.hpj");
  fs::copy_file(Synth(), path);
  const size_t labels = ProjectStore::Open(path, StoreOpenOptions::ReadOnly()).AllLabels().size();
  {
    // Back to version 2: the step 2 -> 3 only adds the edit journal.
    SqliteDb db = SqliteDb::Open(path, {false, false, 1000});
    db.Exec("DROP TABLE edits; PRAGMA user_version = 2");
  }
  const CliResult refused = RunCli({"project", "info", path});
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.err.find("run `handprop project upgrade` on it"), std::string::npos) << refused.err;

  const CliResult r = RunCli({"project", "upgrade", path});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "upgraded " + path + " from schema 2 to 3\n");
  const ProjectStore store = ProjectStore::Open(path, StoreOpenOptions::ReadOnly());
  EXPECT_EQ(store.Info().schema_version, 3);
  EXPECT_EQ(store.AllLabels().size(), labels);
  EXPECT_EQ(RunCli({"project", "upgrade", path}).out, path + " is already at schema 3\n");
  ExpectBadInput({"project", "upgrade", dir_->File("nope.hpj")}, "nope.hpj");
}

TEST_F(ProjectCommandTest, BadInputGivesOneLineNamingTheFile) {
  const std::string missing = dir_->File("nope.hpj");
  ExpectBadInput({"project", "info", missing}, missing);
  ExpectBadInput({"project", "create", Synth()}, Synth());  // never clobbers a project
  ExpectBadInput({"project", "add-video", Synth(), dir_->File("no-such.mp4")}, "no-such.mp4");
  const std::string bad_json = dir_->File("bad.json");
  std::ofstream(bad_json) << "{\"format\": \"handprop-dataset\", \"views\": [";
  ExpectBadInput({"project", "import", dir_->File("x.hpj"), "--format", "json", "--from", bad_json}, "bad.json");
  EXPECT_FALSE(fs::exists(dir_->File("x.hpj")));  // the dataset is read before the project is made
  ExpectBadInput({"project", "export", Synth(), "--format", "fbx", "--to", dir_->File("y")}, "fbx");
  ExpectBadInput({"synth", "--preset", "huge", "--out", dir_->File("z")}, "huge");
  ExpectBadInput({"synth", "--preset", "tiny", "--out", dir_->File("synth")}, "not empty");
  ExpectBadInput({"synth", "--preset", "tiny", "--cameras", "9", "--out", dir_->File("w")}, "num_cameras");
}

}  // namespace
}  // namespace handprop::cli
