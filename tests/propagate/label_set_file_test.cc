// SPDX-License-Identifier: Apache-2.0
// Label set files: an exact round trip of every field, and one-line errors naming the file and
// the field for malformed JSON, NaN, wrong sizes and human provenances (nothing written then).
#include "core/propagate/label_set_file.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/util/atomic_file.h"
#include "tests/io/store/sample_labels.h"
#include "tests/support/label_matchers.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::ErrorMessageOf;

LabelSet SampleSet() {
  LabelSet set;
  set.project = "/data/p.hpj";
  set.method = "bidirectional";
  set.model_id = "propagator:0123abcd";
  const Provenance machine[] = {Provenance::kPropagated, Provenance::kInterpolated, Provenance::kPredicted};
  for (int i = 0; i < 6; ++i) {
    LabelRecord l = testing::SampleLabel(1 + i % 2, 3 * i, 1 + i % 3, 40 + i);
    l.provenance = machine[i % 3];
    l.model_id = i % 3 == 1 ? "" : set.model_id;
    l.source_frames = i % 3 == 2 ? std::vector<int>{} : std::vector<int>{3 * i - 2, 3 * i + 5};
    l.author = "job:propagate";
    l.confidence(4) = 1.0 / 3.0;                    // not a short decimal
    l.params.trans(1) = std::nextafter(0.1, 1.0);   // one ulp above 0.1
    set.labels.push_back(l);
  }
  return set;
}

// Rewrites the file with `edit` applied to its JSON.
template <typename F>
void EditJson(const std::string& path, F&& edit) {
  nlohmann::json j = nlohmann::json::parse(ReadFileToString(path));
  edit(j);
  std::ofstream(path) << j.dump();
}

TEST(LabelSetFileTest, RoundTripIsExact) {
  testing::TempDir dir;
  const LabelSet set = SampleSet();
  WriteLabelSet(dir.File("p.json"), set);
  const LabelSet back = ReadLabelSet(dir.File("p.json"));
  EXPECT_EQ(back.project, set.project);
  EXPECT_EQ(back.method, set.method);
  EXPECT_EQ(back.model_id, set.model_id);
  ASSERT_EQ(back.labels.size(), set.labels.size());
  for (size_t i = 0; i < set.labels.size(); ++i) testing::ExpectSameLabel(back.labels[i], set.labels[i]);  // bit-exact
  // An empty set (a span without frames to fill) is a valid file too.
  WriteLabelSet(dir.File("empty.json"), {"/p.hpj", "interpolation", "", {}});
  EXPECT_TRUE(ReadLabelSet(dir.File("empty.json")).labels.empty());
}

TEST(LabelSetFileTest, BadFilesNameTheFileAndTheField) {
  testing::TempDir dir;
  const std::string path = dir.File("p.json");
  std::ofstream(path) << "{\"format\": \"handprop-label-set\", \"labels\": [";
  EXPECT_EQ(ErrorMessageOf([&] { ReadLabelSet(path); }).rfind(path + ": malformed JSON", 0), 0u);
  EXPECT_EQ(ErrorMessageOf([&] { ReadLabelSet(dir.File("missing.json")); }),
            dir.File("missing.json") + ": cannot open file (no such file)");

  const auto bad = [&](auto edit) {
    WriteLabelSet(path, SampleSet());
    EditJson(path, edit);
    return ErrorMessageOf([&] { ReadLabelSet(path); });
  };
  EXPECT_EQ(bad([](nlohmann::json& j) { j["labels"][3]["params"]["pose"].erase(0); }),
            path + ": labels[3].params.pose: expected 48 finite numbers");
  EXPECT_EQ(bad([](nlohmann::json& j) { j["labels"][0]["keypoints"].push_back(0.0); }),
            path + ": labels[0].keypoints: expected 63 finite numbers");
  // NaN has no JSON spelling: a writer emits null, which is rejected like a wrong size.
  EXPECT_EQ(bad([](nlohmann::json& j) { j["labels"][1]["params"]["trans"][2] = nullptr; }),
            path + ": labels[1].params.trans: expected 3 finite numbers");
  EXPECT_EQ(bad([](nlohmann::json& j) { j["labels"][2]["params"]["betas"] = "zero"; }),
            path + ": labels[2].params.betas: expected 10 finite numbers");
  EXPECT_EQ(bad([](nlohmann::json& j) { j["labels"][0]["confidence"][0] = 1.5; }),
            path + ": labels[0]: confidence: expected 21 numbers in [0, 1]");
  EXPECT_EQ(bad([](nlohmann::json& j) { j["labels"][4]["provenance"] = "verified"; }),
            path + ": labels[4]: provenance: a label set holds machine labels, not verified ones");
  EXPECT_EQ(bad([](nlohmann::json& j) { j["labels"][4]["provenance"] = "guessed"; }),
            path + ": labels[4].provenance: 'guessed' is not a provenance");
  EXPECT_EQ(bad([](nlohmann::json& j) { j["labels"][5].erase("author"); }), path + ": labels[5].author: missing");
  EXPECT_EQ(bad([](nlohmann::json& j) { j["method"] = "magic"; }), path + ": method: 'magic' is not a propagation method");
  EXPECT_EQ(bad([](nlohmann::json& j) { j["format"] = "other"; }), path + ": format: expected 'handprop-label-set'");
}

TEST(LabelSetFileTest, WritingRejectsWhatReadingWouldAndLeavesNoFile) {
  testing::TempDir dir;
  const std::string path = dir.File("p.json");
  LabelSet set = SampleSet();
  set.labels[2].params.trans(0) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(ErrorMessageOf([&] { WriteLabelSet(path, set); }), path + ": labels[2]: params.trans: expected 3 finite numbers");
  set = SampleSet();
  set.labels[1].provenance = Provenance::kManual;
  EXPECT_EQ(ErrorMessageOf([&] { WriteLabelSet(path, set); }),
            path + ": labels[1]: provenance: a label set holds machine labels, not manual ones");
  EXPECT_FALSE(std::filesystem::exists(path));

  EXPECT_EQ(ErrorMessageOf([&] { CheckLabelSetDestination(dir.File("no/such/p.json")); }),
            dir.File("no/such/p.json") + ": folder " + dir.File("no/such") + " does not exist");
  EXPECT_EQ(ErrorMessageOf([&] { CheckLabelSetDestination(dir.path()); }), dir.path() + ": is a folder, not a file");
  EXPECT_EQ(ErrorMessageOf([&] { CheckLabelSetDestination(path); }), "");
}

}  // namespace
}  // namespace handprop
