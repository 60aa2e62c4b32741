// SPDX-License-Identifier: Apache-2.0
// `handprop eval` in-process: a perfect prediction, the report file's atomic write, and the
// one-line error of every kind of bad input. The metric formulas themselves are checked by
// tests/eval and, against FreiHAND's, by tests/python/freihand_eval_reference.py.
#include <gtest/gtest.h>

#include <Eigen/Core>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "app/command_table.h"
#include "core/util/atomic_file.h"
#include "tests/app/cli_test_util.h"
#include "tests/support/test_util.h"

namespace handprop::cli {
namespace {

constexpr int kHands = 4;
constexpr int kKeypoints = 21;
constexpr int kVertices = 200;

// N x K x 3 nested lists, FreiHAND's layout.
using PointLists = std::vector<Eigen::Matrix3Xd>;

nlohmann::json ToJson(const PointLists& sets) {
  nlohmann::json list = nlohmann::json::array();
  for (const Eigen::Matrix3Xd& points : sets) {
    nlohmann::json rows = nlohmann::json::array();
    for (Eigen::Index i = 0; i < points.cols(); ++i) rows.push_back({points(0, i), points(1, i), points(2, i)});
    list.push_back(rows);
  }
  return list;
}

// Hand-sized random point sets around z = 0.5 m.
PointLists RandomSets(int count, int points, std::mt19937* rng) {
  std::normal_distribution<double> spread(0.0, 0.03);
  PointLists sets;
  for (int n = 0; n < count; ++n) {
    Eigen::Matrix3Xd p(3, points);
    for (Eigen::Index i = 0; i < p.size(); ++i) p(i) = spread(*rng);
    p.row(2).array() += 0.5;
    sets.push_back(p);
  }
  return sets;
}

// Bad input: exit 1, one stderr line, containing every needle.
void ExpectBadEval(const std::vector<std::string>& args, const std::vector<std::string>& needles) {
  const CliResult r = RunCli(args);
  EXPECT_EQ(r.code, kExitBadInput) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  for (const std::string& needle : needles)
    EXPECT_NE(r.err.find(needle), std::string::npos) << needle << " in: " << r.err;
}

class EvalCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937 rng(20261121);
    keypoints_ = RandomSets(kHands, kKeypoints, &rng);
    vertices_ = RandomSets(kHands, kVertices, &rng);
    gt_ = Write("gt.json", nlohmann::json::array({ToJson(keypoints_), ToJson(vertices_)}));
  }

  std::string Write(const std::string& name, const nlohmann::json& doc) { return WriteText(name, doc.dump()); }
  std::string WriteText(const std::string& name, const std::string& text) {
    WriteFileAtomically(dir_.File(name), text);
    return dir_.File(name);
  }
  std::vector<std::string> FolderEntries() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) names.push_back(entry.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

  handprop::testing::TempDir dir_;
  PointLists keypoints_, vertices_;
  std::string gt_;
};

TEST_F(EvalCommandTest, PerfectPredictionGivesZeroErrorsAndFOne) {
  const std::string report = dir_.File("report.json");
  const CliResult r = RunCli({"eval", "--pred", gt_, "--gt", gt_, "--out", report, "--per-sample"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("4 samples, 4 with vertices"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1.0000 / 1.0000"), std::string::npos) << r.out;

  const nlohmann::json j = nlohmann::json::parse(ReadFileToString(report));
  EXPECT_EQ(j["num_samples"], kHands);
  EXPECT_EQ(j["num_with_mpvpe"], kHands);
  for (const char* key : {"mpjpe", "mpjpe_translation", "mpjpe_scale_depth", "mpjpe_procrustes",
                          "mpjpe_root_bone_scale", "mpvpe", "mpvpe_procrustes"}) {
    ASSERT_TRUE(j[key].is_number()) << key;
    // Procrustes follows FreiHAND's eval.py, whose 1e-8 norm guards leave a few nanometres.
    EXPECT_NEAR(j[key].get<double>(), 0.0, std::string(key).find("procrustes") != std::string::npos ? 1e-8 : 1e-12) << key;
  }
  ASSERT_EQ(j["fscore"].size(), 2u);
  for (const nlohmann::json& f : j["fscore"]) {
    EXPECT_EQ(f["f"].get<double>(), 1.0) << f;
    EXPECT_EQ(f["f_procrustes"].get<double>(), 1.0) << f;
  }
  EXPECT_NEAR(j["pck"]["auc"].get<double>(), 1.0, 1e-12);
  EXPECT_NEAR(j["pck_root_bone_scale"]["auc"].get<double>(), 1.0, 1e-12);
  // After Procrustes the errors are round-off, not exactly 0: only the 0 mm threshold may miss.
  const nlohmann::json& curve = j["pck_procrustes"]["curve"];
  ASSERT_EQ(curve.size(), 100u);
  for (size_t t = 1; t < curve.size(); ++t) EXPECT_EQ(curve[t].get<double>(), 1.0) << t;
  EXPECT_GE(j["pck_procrustes"]["auc"].get<double>(), 1.0 - 1.0 / 198 - 1e-12);
  ASSERT_EQ(j["samples"].size(), static_cast<size_t>(kHands));
  EXPECT_EQ(j["samples"][3]["fscore_procrustes"][0]["precision"].get<double>(), 1.0);
  EXPECT_EQ(j["samples"][3]["mpjpe"].get<double>(), 0.0);
}

TEST_F(EvalCommandTest, KeypointsOnlyPredictionLeavesMeshMetricsUndefined) {
  const std::string pred = Write("pred.json", nlohmann::json::array({ToJson(keypoints_), nlohmann::json::array()}));
  const std::string report = dir_.File("report.json");
  const CliResult r = RunCli({"eval", "--pred", pred, "--gt", gt_, "--out", report});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("n/a"), std::string::npos) << r.out;
  const nlohmann::json j = nlohmann::json::parse(ReadFileToString(report));
  EXPECT_EQ(j["num_with_vertices"], 0);
  EXPECT_TRUE(j["mpvpe"].is_null());
  EXPECT_TRUE(j["fscore"][0]["f_procrustes"].is_null());
  EXPECT_EQ(j["mpjpe"].get<double>(), 0.0);
}

TEST_F(EvalCommandTest, ReportIsWrittenAtomicallyAndKeptOnBadInput) {
  const std::string report = dir_.File("report.json");
  ASSERT_EQ(RunCli({"eval", "--pred", gt_, "--gt", gt_, "--out", report}).code, kExitOk);
  EXPECT_EQ(FolderEntries(), (std::vector<std::string>{"gt.json", "report.json"}));  // no temporary left
  const std::string before = ReadFileToString(report);
  ASSERT_NE(before.find("\"mpjpe\""), std::string::npos);

  const std::string truncated = WriteText("truncated.json", ReadFileToString(gt_).substr(0, 500));
  ExpectBadEval({"eval", "--pred", truncated, "--gt", gt_, "--out", report}, {"truncated.json"});
  ExpectBadEval({"eval", "--pred", gt_, "--gt", dir_.File("missing.json"), "--out", report}, {"missing.json"});
  EXPECT_EQ(ReadFileToString(report), before);
  EXPECT_EQ(FolderEntries(), (std::vector<std::string>{"gt.json", "report.json", "truncated.json"}));
}

TEST_F(EvalCommandTest, EachBadInputIsOneLineNamingTheFileAndTheProblem) {
  const std::string good = ReadFileToString(gt_);
  const std::string out = dir_.File("report.json");
  const auto eval = [&](const std::string& pred) {
    return std::vector<std::string>{"eval", "--pred", pred, "--gt", gt_, "--out", out};
  };
  ExpectBadEval(eval(dir_.File("missing.json")), {"missing.json: cannot open file"});
  ExpectBadEval(eval(WriteText("malformed.json", "[[[0, 0, 0.5]], oops]")),
                {"malformed.json: invalid JSON", "invalid literal"});
  ExpectBadEval(eval(WriteText("truncated.json", good.substr(0, good.size() / 2))),
                {"truncated.json: invalid JSON", "unexpected end of input"});
  // JSON has no NaN or infinity; writers that emit them produce an invalid literal or an overflow.
  std::string nan = good, inf = good, null = good;
  const size_t number = good.find("0.", 10);
  ASSERT_NE(number, std::string::npos);
  nan.replace(number, 2, "NaN");
  inf.replace(number, 2, "1e999");
  null.replace(number, 2, "null");
  ExpectBadEval(eval(WriteText("nan.json", nan)), {"nan.json: invalid JSON", "invalid literal"});
  ExpectBadEval(eval(WriteText("inf.json", inf)), {"inf.json: invalid JSON", "number overflow"});
  ExpectBadEval(eval(WriteText("null.json", null)), {"null.json: null is not a number"});

  std::mt19937 rng(7);
  const PointLists twenty = RandomSets(kHands, kKeypoints - 1, &rng);
  ExpectBadEval(eval(Write("pred20.json", nlohmann::json::array({ToJson(twenty), ToJson(vertices_)}))),
                {"pred20.json vs ", "gt.json: ", "20 keypoints, expected 21"});
  const PointLists three(keypoints_.begin(), keypoints_.end() - 1), three_v(vertices_.begin(), vertices_.end() - 1);
  ExpectBadEval(eval(Write("pred3.json", nlohmann::json::array({ToJson(three), ToJson(three_v)}))),
                {"pred3.json vs ", "3 predictions but 4 ground-truth samples"});
  ExpectBadEval(eval(WriteText("empty.json", "[]")), {"empty.json: no samples"});
  // The ground truth side is named the same way.
  ExpectBadEval({"eval", "--pred", gt_, "--gt", dir_.File("nan.json"), "--out", out}, {"nan.json: invalid JSON"});
  ExpectBadEval({"eval", "--pred", gt_, "--gt", gt_, "--out", dir_.File("report.txt")}, {"--out must end in .json"});
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace handprop::cli
