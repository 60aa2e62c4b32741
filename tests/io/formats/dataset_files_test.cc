// SPDX-License-Identifier: Apache-2.0
#include "core/io/formats/dataset_files.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/npz.h"
#include "tests/io/formats/formats_test_data.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::FormatsTestModel;
using testing::MakeTestDataset;

HandDataset RichDataset(const std::string& folder) {
  HandDataset dataset = MakeTestDataset(FormatsTestModel(), folder, {2, 2, 4, true, true, 11});
  dataset.views[0].video_path = folder + "/video.mp4";
  dataset.views[0].fps = 29.97;
  dataset.views[1].video_path = "/elsewhere/video.mp4";
  dataset.views[1].frames[1].image_path = "";
  HandLabel& keypoints_only = *dataset.views[2].frames[1].label;
  keypoints_only.has_params = false;
  keypoints_only.params = HandParams();
  keypoints_only.vertices.resize(3, 0);
  dataset.views[3].frames[0].label->params.trans.x() = 0.1 + 1e-17;  // needs all 17 digits
  return dataset;
}

TEST(DatasetFilesTest, JsonRoundTripIsExact) {
  testing::TempDir dir;
  const HandDataset dataset = RichDataset(dir.path());
  WriteDatasetJson(dataset, dir.File("set.json"));
  EXPECT_TRUE(testing::DatasetsNear(ReadDatasetJson(dir.File("set.json")), dataset, 0.0));
  const nlohmann::json doc = nlohmann::json::parse(ReadFileToString(dir.File("set.json")));
  EXPECT_EQ(doc["format"], "handprop-dataset");
  EXPECT_EQ(doc["version"], 1);
  EXPECT_EQ(doc["pose_convention"], "absolute_axis_angle");
  EXPECT_EQ(doc["views"][0]["video_path"], "video.mp4");  // inside the folder: relative
  EXPECT_EQ(doc["views"][1]["video_path"], "/elsewhere/video.mp4");
}

TEST(DatasetFilesTest, NpzRoundTripIsBitExact) {
  testing::TempDir dir;
  const HandDataset dataset = RichDataset(dir.path());
  WriteDatasetNpz(dataset, dir.File("set.npz"));
  EXPECT_TRUE(testing::DatasetsNear(ReadDatasetNpz(dir.File("set.npz")), dataset, 0.0));
  const NpzArchive archive = ReadNpz(dir.File("set.npz"));
  EXPECT_EQ(archive.at("pose").ShapeString(), "(16, 48)");
  EXPECT_EQ(archive.at("keypoints").ShapeString(), "(16, 21, 3)");
  EXPECT_EQ(archive.at("vertices").ShapeString(), "(8800, 3)");  // 11 labelled frames with vertices
}

TEST(DatasetFilesTest, NpzRejectsNonFiniteLabelsAndWrongShapes) {
  testing::TempDir dir;
  WriteDatasetNpz(RichDataset(dir.path()), dir.File("set.npz"));
  NpzArchive archive = ReadNpz(dir.File("set.npz"));
  std::vector<double> pose = archive.at("pose").Values<double>();
  pose[48 * 1 + 5] = std::numeric_limits<double>::quiet_NaN();
  NpzArchive nan = archive;
  nan["pose"] = NpyArray::FromDoubles(pose, {16, 48});
  WriteNpz(dir.File("nan.npz"), nan);
  try {
    ReadDatasetNpz(dir.File("nan.npz"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("nan.npz: pose of frame row 1 has a non-finite value"), std::string::npos)
        << e.what();
  }
  NpzArchive wrong = archive;
  wrong["betas"] = NpyArray::FromDoubles(std::vector<double>(16 * 9, 0.0), {16, 9});
  WriteNpz(dir.File("wrong.npz"), wrong);
  try {
    ReadDatasetNpz(dir.File("wrong.npz"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("wrong.npz: betas has shape (16, 9), expected (16, 10)"), std::string::npos)
        << e.what();
  }
}

TEST(DatasetFilesTest, WritersRejectNonFiniteParameters) {
  testing::TempDir dir;
  HandDataset dataset = RichDataset(dir.path());
  dataset.views[1].frames[3].label->params.betas(2) = std::numeric_limits<double>::infinity();
  try {
    WriteDatasetJson(dataset, dir.File("set.json"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("set.json: view 1 (sequence 0003, camera 1) frame 3: betas has a non-finite value"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(WriteDatasetNpz(dataset, dir.File("set.npz")), InputError);
  EXPECT_FALSE(std::filesystem::exists(dir.File("set.json")));
}

TEST(DatasetFilesTest, JsonReaderNamesTheBadEntry) {
  testing::TempDir dir;
  WriteDatasetJson(RichDataset(dir.path()), dir.File("set.json"));
  nlohmann::json doc = nlohmann::json::parse(ReadFileToString(dir.File("set.json")));
  auto expect_error = [&](const nlohmann::json& bad, const std::string& message) {
    WriteFileAtomically(dir.File("bad.json"), bad.dump());
    try {
      ReadDatasetJson(dir.File("bad.json"));
      ADD_FAILURE() << "no error for " << message;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("bad.json: " + message), std::string::npos) << e.what();
    }
  };
  nlohmann::json bad = doc;
  bad["views"][0]["fps"] = "fast";
  expect_error(bad, "views[0].fps is a string, expected a number");
  bad = doc;
  bad["views"][1]["frames"][0]["label"]["keypoints"].erase(0);
  expect_error(bad, "views[1].frames[0].label.keypoints has shape (20, 3), expected (21, 3)");
  bad = doc;
  bad["views"][0]["frames"][0]["K"][0][1] = 3.0;
  expect_error(bad, "views[0].frames[0].K K has skew 3");
  bad = doc;
  bad["views"][0]["frames"][0]["cam_from_world"][0][0] = 2.0;
  expect_error(bad, "views[0].frames[0].cam_from_world is not rigid");
  bad = doc;
  bad["version"] = 2;
  expect_error(bad, "\"version\" is 2; this build reads version 1");
}

}  // namespace
}  // namespace handprop
