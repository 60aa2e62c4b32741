// SPDX-License-Identifier: Apache-2.0
#include "core/eval/hand_set_io.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/eval/json_arrays.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::MatricesNear;

// Expects `f` to throw InputError whose message contains `fragment`.
template <typename F>
void ExpectInputError(F f, const std::string& fragment) {
  try {
    f();
    ADD_FAILURE() << "no InputError, expected one containing '" << fragment << "'";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << "message must be one line";
  }
}

Eigen::Matrix3Xd Points(std::initializer_list<double> xyz) {
  const std::vector<double> v(xyz);
  return Eigen::Map<const Eigen::Matrix3Xd>(v.data(), 3, static_cast<Eigen::Index>(v.size() / 3));
}

TEST(JsonArraysTest, ReadsShapesAndValuesInRowMajorOrder) {
  const JsonNumericChildren doc =
      ParseJsonNumericChildren(R"([[[1, 2, 3], [4, 5, 6.5]], [], 7, [[], []], [[1e-3]]])", "doc");
  EXPECT_FALSE(doc.is_object);
  ASSERT_EQ(doc.arrays.size(), 5u);
  EXPECT_EQ(doc.arrays[0].shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(doc.arrays[0].values, (std::vector<double>{1, 2, 3, 4, 5, 6.5}));
  EXPECT_EQ(doc.arrays[1].shape, (std::vector<int64_t>{0}));
  EXPECT_TRUE(doc.arrays[2].shape.empty());
  EXPECT_EQ(doc.arrays[2].values, (std::vector<double>{7}));
  EXPECT_EQ(doc.arrays[3].shape, (std::vector<int64_t>{2, 0}));
  EXPECT_EQ(doc.arrays[4].shape, (std::vector<int64_t>{1, 1}));
  EXPECT_EQ(ShapeToString({3960, 21, 3}), "(3960, 21, 3)");
  EXPECT_EQ(ShapeToString({5}), "(5,)");

  const JsonNumericChildren obj = ParseJsonNumericChildren(R"({"a": [1, 2], "b": 3})", "doc");
  EXPECT_TRUE(obj.is_object);
  EXPECT_EQ(obj.keys, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(obj.arrays[0].shape, (std::vector<int64_t>{2}));
}

TEST(JsonArraysTest, RejectsWhatIsNotARectangularNumericArray) {
  const auto parse = [](const char* text) { return [text] { ParseJsonNumericChildren(text, "f.json"); }; };
  ExpectInputError(parse(R"([[[1, 2], [3]]])"), "f.json: ragged array");
  ExpectInputError(parse(R"([[[1, 2], 3]])"), "mixes numbers and arrays");
  ExpectInputError(parse(R"([[1, [2]]])"), "mixes numbers and arrays");
  ExpectInputError(parse(R"([[[[]], [1]]])"), "mixes numbers and arrays");
  ExpectInputError(parse(R"([[1, "x"]])"), "a string is not a number");
  ExpectInputError(parse(R"({"xyz": [null]})"), "null is not a number in child 0 (\"xyz\")");
  ExpectInputError(parse(R"([{"a": 1}])"), "nested objects");
  ExpectInputError(parse("42"), "top level must be an array or an object");
  ExpectInputError(parse("[[1, 2], [3,"), "f.json: invalid JSON");
  ExpectInputError(parse(""), "f.json: invalid JSON");
  ExpectInputError(parse("[1e999]"), "f.json: invalid JSON (byte 6): number overflow");
  ExpectInputError([] { ReadJsonNumericChildren("/nonexistent/pred.json"); }, "/nonexistent/pred.json: cannot open");
}

TEST(HandSetIoTest, ReadsTheThreeLayouts) {
  const Eigen::Matrix3Xd k0 = Points({1, 2, 3, 4, 5, 6}), k1 = Points({7, 8, 9, 10, 11, 12});
  const Eigen::Matrix3Xd v0 = Points({0.1, 0.2, 0.3}), v1 = Points({0.4, 0.5, 0.6});
  const std::string xyz = "[[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]]";
  const std::string verts = "[[[0.1, 0.2, 0.3]], [[0.4, 0.5, 0.6]]]";
  for (const std::string& text : {"[" + xyz + ", " + verts + "]", R"({"verts": )" + verts + R"(, "xyz": )" + xyz + "}"}) {
    const std::vector<HandSample> s = ParseHandSetJson(text, "pred.json");
    ASSERT_EQ(s.size(), 2u) << text;
    EXPECT_TRUE(MatricesNear(s[0].keypoints, k0, 0));
    EXPECT_TRUE(MatricesNear(s[1].keypoints, k1, 0));
    EXPECT_TRUE(MatricesNear(s[0].vertices, v0, 0));
    EXPECT_TRUE(MatricesNear(s[1].vertices, v1, 0));
  }
  for (const std::string& text : {"[" + xyz + ", []]", R"({"xyz": )" + xyz + "}", xyz}) {
    const std::vector<HandSample> s = ParseHandSetJson(text, "gt.json");
    ASSERT_EQ(s.size(), 2u) << text;
    EXPECT_TRUE(MatricesNear(s[1].keypoints, k1, 0));
    EXPECT_EQ(s[1].vertices.cols(), 0);
  }
}

TEST(HandSetIoTest, BadLayoutsNameTheFileAndTheProblem) {
  const auto parse = [](const std::string& text) { return [text] { ParseHandSetJson(text, "p.json"); }; };
  ExpectInputError(parse("[]"), "p.json: no samples");
  ExpectInputError(parse(R"({"xyz": [[[1, 2]]]})"), "p.json: \"xyz\" has shape (1, 1, 2), expected (N, K, 3)");
  ExpectInputError(parse(R"({"joints": [[[1, 2, 3]]]})"), "unknown key \"joints\"");
  ExpectInputError(parse(R"({"verts": [[[1, 2, 3]]]})"), "missing key \"xyz\"");
  ExpectInputError(parse(R"([[[[1, 2, 3]]], [[[1, 2, 3]], [[1, 2, 3]]]])"), "verts_list has 2 samples but xyz_list has 1");
  ExpectInputError(parse(R"([[[1, 2, 3]], [[1, 2]]])"), "sample 1 has shape (1, 2)");
}

TEST(HandSetIoTest, ReadsFilesAndSeparateVertices) {
  testing::TempDir dir;
  WriteFileAtomically(dir.File("xyz.json"), "[[[1, 2, 3]], [[4, 5, 6]]]");
  WriteFileAtomically(dir.File("verts.json"), "[[[0, 0, 1], [0, 1, 0]], [[1, 0, 0], [1, 1, 1]]]");
  WriteFileAtomically(dir.File("three.json"), "[[[0, 0, 1]], [[0, 0, 1]], [[0, 0, 1]]]");
  std::vector<HandSample> s = ReadHandSetJson(dir.File("xyz.json"));
  ReadVerticesJson(dir.File("verts.json"), &s);
  EXPECT_TRUE(MatricesNear(s[1].vertices, Points({1, 0, 0, 1, 1, 1}), 0));
  ExpectInputError([&] { ReadVerticesJson(dir.File("three.json"), &s); }, "three.json: 3 vertex sets for 2 samples");
  ExpectInputError([&] { ReadHandSetJson(dir.File("missing.json")); }, "missing.json: cannot open file");
}

TEST(HandSetIoTest, ReportJsonHasEveryMetricAndNullForNaN) {
  HandEvalReport r;
  r.num_samples = 2;
  r.mpjpe = 0.012;
  r.mpvpe = std::numeric_limits<double>::quiet_NaN();
  r.fscore_thresholds = {0.005};
  r.fscore = {0.5};
  r.fscore_p = {0.75};
  r.pck.thresholds = Eigen::Vector2d(0, 0.05);
  r.pck.curve = Eigen::Vector2d(0.1, 0.9);
  r.pck.auc = 0.5;
  r.samples.resize(2);
  r.samples[1].fscores_p = {FScore{0.005, 1.0, 0.5, 2.0 / 3.0}};
  const nlohmann::json brief = nlohmann::json::parse(HandEvalReportToJson(r, false));
  EXPECT_EQ(brief["units"], "metres");
  EXPECT_EQ(brief["num_samples"], 2);
  EXPECT_DOUBLE_EQ(brief["mpjpe"].get<double>(), 0.012);
  EXPECT_TRUE(brief["mpvpe"].is_null());
  EXPECT_DOUBLE_EQ(brief["fscore"][0]["f_procrustes"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(brief["pck"]["curve"][1].get<double>(), 0.9);
  for (const char* key : {"mpjpe_translation", "mpjpe_scale_depth", "mpjpe_procrustes", "mpjpe_root_bone_scale",
                          "mpvpe_procrustes", "pck_procrustes", "pck_root_bone_scale"})
    EXPECT_TRUE(brief.contains(key)) << key;
  EXPECT_FALSE(brief.contains("samples"));
  const nlohmann::json full = nlohmann::json::parse(HandEvalReportToJson(r, true));
  ASSERT_EQ(full["samples"].size(), 2u);
  EXPECT_TRUE(full["samples"][0]["mpvpe"].is_null());  // NaN by default: no vertices
  EXPECT_DOUBLE_EQ(full["samples"][1]["fscore_procrustes"][0]["recall"].get<double>(), 0.5);
}

TEST(HandSetIoTest, HandPropLayoutAndFormatSelection) {
  const std::string kp = "[[[0,0,0],[1,0,0]],[[0,1,0],[0,0,1]]]";
  const std::vector<HandSample> a = ParseHandSetJson("{\"keypoints\": " + kp + "}", "hp.json", HandSetFormat::kHandProp);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[1].keypoints(2, 1), 1.0);
  EXPECT_EQ(ParseHandSetJson("{\"keypoints\": " + kp + "}", "hp.json").size(), 2u);  // auto
  EXPECT_THROW(ParseHandSetJson("{\"keypoints\": " + kp + "}", "hp.json", HandSetFormat::kFreiHand), InputError);
  EXPECT_THROW(ParseHandSetJson("{\"xyz\": " + kp + "}", "fh.json", HandSetFormat::kHandProp), InputError);
  EXPECT_THROW(ParseHandSetJson(kp, "fh.json", HandSetFormat::kHandProp), InputError);
  EXPECT_EQ(ParseHandSetJson(kp, "fh.json", HandSetFormat::kFreiHand).size(), 2u);
}

TEST(HandSetIoTest, FreiHandFolderWithXyzAndVerts) {
  testing::TempDir dir;
  WriteFileAtomically(dir.File("evaluation_xyz.json"), "[[[0,0,0],[1,0,0]]]");
  WriteFileAtomically(dir.File("evaluation_verts.json"), "[[[0,0,0],[1,0,0],[0,1,0]]]");
  const std::vector<HandSample> s = ReadHandSetJson(dir.path(), HandSetFormat::kFreiHand);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].vertices.cols(), 3);
  EXPECT_THROW(ReadHandSetJson(dir.path(), HandSetFormat::kHandProp), InputError);
  WriteFileAtomically(dir.File("training_xyz.json"), "[[[0,0,0],[1,0,0]]]");  // now ambiguous
  try {
    ReadHandSetJson(dir.path());
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("expected one *_xyz.json in the folder, found 2"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace handprop
