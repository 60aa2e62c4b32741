// SPDX-License-Identifier: Apache-2.0
// The propagation table's plumbing, on a tiny synthetic dataset: a method that returns the ground
// truth scores zero, one that is 10 mm off scores 10 mm, and every unlabelled frame of every
// split is counted once per method.
#include "core/propagate/propagation_benchmark.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/data/synth_job.h"
#include "core/eval/propagation_report.h"
#include "core/io/store/project_store.h"
#include "tests/support/test_util.h"
#include "tests/support/tiny_project.h"

namespace handprop {
namespace {

using testing::TempDir;

class PropagationBenchmarkTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    result_ = testing::RenderTinyProject(dir_->File("data"), 0);
  }
  static void TearDownTestSuite() { delete dir_; }
  static PropagationBenchmarkOptions Options() {
    PropagationBenchmarkOptions o;
    o.project = result_.project_path;
    o.truth = result_.ground_truth_path;
    o.manifest = result_.out + "/synth.json";
    o.threads = 2;
    return o;
  }
  // The ground truth of a view, read from the truth store (what no real method may do).
  static PropagationMethod TruthPlus(const Eigen::Vector3d& offset) {
    return [offset](const VideoRecord& video, const std::map<int, HandParams>&) {
      const ProjectStore truth = ProjectStore::Open(result_.ground_truth_path);
      std::vector<HandParams> frames(video.frame_count);
      for (const VideoRecord& v : truth.Videos())
        if (v.sequence == video.sequence && v.camera_index == video.camera_index)
          for (const LabelRecord& l : truth.Labels(v.id)) {
            frames[l.frame_index] = l.params;
            frames[l.frame_index].trans += offset;
          }
      return frames;
    };
  }
  static TempDir* dir_;
  static SynthResult result_;
};
TempDir* PropagationBenchmarkTest::dir_ = nullptr;
SynthResult PropagationBenchmarkTest::result_;

TEST_F(PropagationBenchmarkTest, ExactAndShiftedMethodsScoreWhatGeometrySays) {
  const PropagationTable table = RunPropagationBenchmark(
      Options(), {{"truth", TruthPlus(Eigen::Vector3d::Zero())}, {"shifted", TruthPlus(Eigen::Vector3d(0.006, 0, 0.008))}});
  EXPECT_EQ(table.methods, (std::vector<std::string>{"copy_nearest", "interpolation", "truth", "shifted"}));
  for (const char* split : {"train", "test"}) {
    for (const std::string& method : table.methods) EXPECT_EQ(table.all.at({method, split}).count, 2 * 8) << method << split;
    const PropagationScores& exact = table.all.at({"truth", split});
    EXPECT_NEAR(exact.mpjpe, 0.0, 1e-12);
    EXPECT_NEAR(exact.fscore5, 1.0, 1e-12);
    const PropagationScores& shifted = table.all.at({"shifted", split});
    EXPECT_NEAR(shifted.mpjpe, 0.010, 1e-9);
    EXPECT_NEAR(shifted.mpvpe, 0.010, 1e-9);
    EXPECT_NEAR(shifted.mpjpe_t, 0.0, 1e-9);
    EXPECT_NEAR(shifted.mpjpe_p, 0.0, 1e-6);
    EXPECT_GT(table.all.at({"interpolation", split}).mpjpe, 0.0);
  }
  // Distances: keys 0 4 8 11 leave frames at distances 1, 2 and 1 (5, 6, 7; 9, 10 ...).
  int counted = 0;
  for (const auto& [key, scores] : table.by_distance) {
    EXPECT_GE(std::get<2>(key), 1);
    EXPECT_LE(std::get<2>(key), 2);
    if (std::get<0>(key) == "truth") counted += scores.count;
  }
  EXPECT_EQ(counted, 32);
}

TEST_F(PropagationBenchmarkTest, ReportsRenderEveryRowAndTheCurve) {
  const PropagationTable table = RunPropagationBenchmark(Options());
  const std::string markdown = PropagationTableMarkdown(table);
  EXPECT_NE(markdown.find("| copy_nearest | 16 |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("Unlabelled frames of the test videos"), std::string::npos);
  const std::string csv = PropagationCurveCsv(table);
  EXPECT_EQ(csv.rfind("method,split,distance,frames,mpjpe_mm,mpjpe_p_mm\n", 0), 0u);
  EXPECT_NE(csv.find("interpolation,test,2,"), std::string::npos) << csv;
  WritePropagationCurvePng(table, "test", dir_->File("curve.png"));
  EXPECT_GT(std::filesystem::file_size(dir_->File("curve.png")), 1000u);
}

TEST_F(PropagationBenchmarkTest, TheTruthMustBeAnotherFile) {
  PropagationBenchmarkOptions o = Options();
  o.truth = o.project;
  EXPECT_NE(testing::ErrorMessageOf([&] { RunPropagationBenchmark(o); }).find("different file"), std::string::npos);
}

}  // namespace
}  // namespace handprop
