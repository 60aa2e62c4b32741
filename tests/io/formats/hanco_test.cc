// SPDX-License-Identifier: Apache-2.0
#include "core/io/formats/hanco.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/io/formats/json_io.h"
#include "core/io/formats/mano_vector.h"
#include "core/io/formats/numeric_list.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/io/formats/formats_test_data.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::FormatsTestModel;
using testing::MakeTestDataset;
using testing::MatricesNear;

TEST(HanCoTest, WriteThenReadRoundTripsEveryCamera) {
  testing::TempDir images, out;
  const HandModel& model = FormatsTestModel();
  const HandDataset dataset = MakeTestDataset(model, images.path(), {});
  EXPECT_EQ(WriteHanCo(dataset, model, out.path()), 2 * 3 * 4);
  const HandDataset back = ReadHanCo(out.path(), model);
  // Paths change (they now point into the HanCo tree), everything else is kept.
  HandDataset expected = dataset;
  for (DatasetView& view : expected.views)
    for (ViewFrame& frame : view.frames) {
      frame.image_path = HanCoCameraFile(out.path(), "rgb", std::stoi(view.sequence), view.camera_index, frame.index, ".jpg");
      frame.mask_path = frame.mask_path.empty() ? ""
                        : HanCoCameraFile(out.path(), "mask_hand", std::stoi(view.sequence), view.camera_index,
                                          frame.index, ".jpg");
    }
  EXPECT_TRUE(testing::DatasetsNear(back, expected, 1e-9));
  EXPECT_EQ(back.views[0].sequence, "0003");
  EXPECT_EQ(back.views[0].subject_id, 10);
  EXPECT_FALSE(back.views[4].frames[2].label.has_value());
  EXPECT_FALSE(back.views[4].frames[3].label->is_valid);

  // The camera 61-vectors decode to the same camera-frame parameters.
  const HandLbs lbs(model);
  const ViewFrame& frame = dataset.views[4].frames[1];
  const NumericList cam_shape = ReadNumericList(HanCoCameraFile(out.path(), "shape", 4, 1, 1, ".json"), 1 << 20, "");
  const HandParams decoded = ParamsFromManoVector(lbs, frame.camera.intrinsics, cam_shape.Entry(0, 1, 61).transpose());
  EXPECT_TRUE(MatricesNear(decoded.trans, frame.label->params.trans, 1e-9));
  EXPECT_TRUE(MatricesNear(decoded.pose, frame.label->params.pose, 1e-9));

  // World files: xyz is world coordinates, shape's global_t is the world trans, meta is [sid][fid].
  const nlohmann::json meta = nlohmann::json::parse(ReadFileToString(out.File("meta.json")));
  EXPECT_EQ(meta["has_fit"][3].size(), 4u);
  EXPECT_TRUE(meta["has_fit"][3][0].get<bool>());
  EXPECT_FALSE(meta["has_fit"][3][2].get<bool>());
  EXPECT_TRUE(meta["subject_id"][0].empty());
  const nlohmann::json xyz = nlohmann::json::parse(ReadFileToString(HanCoFrameFile(out.path(), "xyz", 3, 0)));
  const Eigen::Matrix3Xd world = JsonToMatrix(xyz, 21, 3, "xyz", "xyz").transpose();
  const ViewFrame& f0 = dataset.views[1].frames[0];
  EXPECT_TRUE(MatricesNear(f0.camera.cam_from_world * world, f0.label->keypoints, 1e-12));
}

TEST(HanCoTest, ReadOptionsFilterSequencesCamerasAndFits) {
  testing::TempDir images, out;
  const HandModel& model = FormatsTestModel();
  WriteHanCo(MakeTestDataset(model, images.path(), {2, 3, 4, false, false, 7}), model, out.path());
  HanCoReadOptions options;
  options.sequences = {4};
  options.cameras = {1, 2};
  const HandDataset some = ReadHanCo(out.path(), model, options);
  ASSERT_EQ(some.views.size(), 2u);
  EXPECT_EQ(some.views[0].sequence, "0004");
  EXPECT_EQ(some.views[0].camera_index, 1);
  options = {};
  options.require_fit = true;  // frame 2 has no fit in either sequence
  EXPECT_TRUE(ReadHanCo(out.path(), model, options).views.empty());
  options = {};
  options.sequences = {9};
  EXPECT_NE(testing::ErrorMessageOf([&] { ReadHanCo(out.path(), model, options); }).find("rgb/0009: missing"), std::string::npos);
}

TEST(HanCoTest, XyzThatDisagreesWithTheFitKeepsBoth) {
  testing::TempDir images, out;
  const HandModel& model = FormatsTestModel();
  const HandDataset dataset = MakeTestDataset(model, images.path(), {1, 2, 2, false, false, 8});
  WriteHanCo(dataset, model, out.path());
  const std::string xyz_path = HanCoFrameFile(out.path(), "xyz", 3, 1);
  Eigen::MatrixXd world = JsonToMatrix(nlohmann::json::parse(ReadFileToString(xyz_path)), 21, 3, xyz_path, "xyz");
  world.col(0).array() += 0.01;  // 1 cm off the fit
  WriteJsonFile(xyz_path, MatrixToJson(world));
  const HandDataset back = ReadHanCo(out.path(), model);
  const HandLabel& label = *back.views[1].frames[1].label;
  const HandLabel& original = *dataset.views[1].frames[1].label;
  EXPECT_TRUE(MatricesNear(label.params.trans, original.params.trans, 1e-9));
  EXPECT_NEAR((label.keypoints - original.keypoints).colwise().norm().mean(), 0.01, 1e-9);
}

TEST(HanCoTest, WriterChecksTheSequenceLayout) {
  testing::TempDir images, out;
  const HandModel& model = FormatsTestModel();
  HandDataset dataset = MakeTestDataset(model, images.path(), {1, 2, 2, false, false, 9});
  HandDataset disagree = dataset;
  disagree.views[1].frames[0].label->keypoints(0, 0) += 0.001;
  EXPECT_NE(testing::ErrorMessageOf([&] { WriteHanCo(disagree, model, out.path()); })
                .find("sequence 0003 frame 0: camera 1's label disagrees with camera 0's"),
            std::string::npos);
  HandDataset named = dataset;
  for (DatasetView& view : named.views) view.sequence = "kitchen";
  EXPECT_NE(testing::ErrorMessageOf([&] { WriteHanCo(named, model, out.path()); }).find("\"kitchen\" is not a decimal HanCo sid"),
            std::string::npos);
  HandDataset gap = dataset;
  gap.views[1].camera_index = 2;
  EXPECT_NE(testing::ErrorMessageOf([&] { WriteHanCo(gap, model, out.path()); }).find("not camera 1"), std::string::npos);
  HandDataset frames = dataset;
  frames.views[1].frames[1].index = 5;
  EXPECT_NE(testing::ErrorMessageOf([&] { WriteHanCo(frames, model, out.path()); }).find("cameras must share frame indices"),
            std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(out.File("meta.json")));
}

}  // namespace
}  // namespace handprop
