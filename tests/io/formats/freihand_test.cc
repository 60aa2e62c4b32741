// SPDX-License-Identifier: Apache-2.0
#include "core/io/formats/freihand.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <opencv2/imgcodecs.hpp>

#include "core/io/formats/mano_vector.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/io/formats/formats_test_data.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::FormatsTestModel;
using testing::MakeTestDataset;
using testing::MatricesNear;

std::vector<const ViewFrame*> LabelledFrames(const HandDataset& d) {
  std::vector<const ViewFrame*> out;
  for (const DatasetView& view : d.views)
    for (const ViewFrame& frame : view.frames)
      if (frame.label) out.push_back(&frame);
  return out;
}

TEST(FreiHandTest, WriteThenReadRoundTrips) {
  testing::TempDir images, out;
  const HandModel& model = FormatsTestModel();
  const HandDataset dataset = MakeTestDataset(model, images.path(), {});
  FreiHandWriteOptions write;
  write.write_vertices = true;
  const int n = WriteFreiHand(dataset, model, out.path(), write);
  const std::vector<const ViewFrame*> labelled = LabelledFrames(dataset);
  ASSERT_EQ(n, static_cast<int>(labelled.size()));
  ASSERT_EQ(n, 2 * 3 * 3);
  EXPECT_EQ(CountLabels(dataset), n);

  const HandDataset back = ReadFreiHand(out.path(), model);
  ASSERT_EQ(back.views.size(), 1u);
  const DatasetView& view = back.views[0];
  EXPECT_EQ(view.sequence, "training");
  ASSERT_EQ(view.frames.size(), labelled.size());
  const HandLbs lbs(model);
  for (int i = 0; i < n; ++i) {
    const ViewFrame& a = *labelled[i];
    const ViewFrame& b = view.frames[i];
    EXPECT_EQ(b.index, i);
    EXPECT_TRUE(MatricesNear(b.camera.intrinsics.Matrix(), a.camera.intrinsics.Matrix(), 0.0));
    ASSERT_TRUE(b.label.has_value());
    EXPECT_TRUE(b.label->has_params);
    EXPECT_TRUE(MatricesNear(b.label->params.pose, a.label->params.pose, 1e-12));
    EXPECT_TRUE(MatricesNear(b.label->params.betas, a.label->params.betas, 0.0));
    EXPECT_TRUE(MatricesNear(b.label->params.trans, a.label->params.trans, 1e-9));
    EXPECT_TRUE(MatricesNear(b.label->keypoints, a.label->keypoints, 0.0));
    EXPECT_TRUE(MatricesNear(b.label->vertices, lbs.Forward(a.label->params).vertices, 0.0));
    EXPECT_EQ(b.image_path, FreiHandImagePath(out.path(), "training", i));
    // JPEG is lossy: the decoded pixels stay within a few grey levels of the smooth source.
    const cv::Mat original = cv::imread(a.image_path), written = cv::imread(b.image_path);
    ASSERT_EQ(written.size(), original.size());
    EXPECT_LT(cv::norm(original, written, cv::NORM_L1) / original.total() / 3.0, 3.0);
    EXPECT_EQ(b.mask_path.empty(), a.mask_path.empty()) << i;
  }
  // The scale file holds |xyz9 - xyz10| per sample.
  const std::string scale = ReadFileToString(out.File("training_scale.json"));
  EXPECT_EQ(scale.front(), '[');
  EXPECT_TRUE(std::filesystem::exists(out.File("training/rgb/00000017.jpg")));
  EXPECT_FALSE(std::filesystem::exists(out.File("training/rgb/00000018.jpg")));
}

TEST(FreiHandTest, ImageVariantPicksTheShiftedImageId) {
  testing::TempDir images, out;
  const HandModel& model = FormatsTestModel();
  const HandDataset dataset = MakeTestDataset(model, images.path(), {1, 1, 4, false, false, 2});
  WriteFreiHand(dataset, model, out.path());
  FreiHandReadOptions read;
  read.image_variant = 2;
  const HandDataset back = ReadFreiHand(out.path(), model, read);
  ASSERT_EQ(back.views[0].frames.size(), 3u);
  EXPECT_EQ(back.views[0].frames[1].image_path, FreiHandImagePath(out.path(), "training", 1 + 3 * 2));
  EXPECT_EQ(back.views[0].frames[0].camera.width, 224);
}

TEST(FreiHandTest, KeypointOnlyLabelsReadWithoutParams) {
  testing::TempDir images, out;
  const HandModel& model = FormatsTestModel();
  HandDataset dataset = MakeTestDataset(model, images.path(), {1, 1, 4, false, false, 3});
  for (ViewFrame& frame : dataset.views[0].frames)
    if (frame.label) {
      frame.label->has_params = false;
      frame.label->params = HandParams();
    }
  FreiHandWriteOptions write;
  write.split = "evaluation";
  WriteFreiHand(dataset, model, out.path(), write);
  EXPECT_FALSE(std::filesystem::exists(out.File("evaluation_mano.json")));
  FreiHandReadOptions read;
  read.split = "evaluation";
  const HandDataset back = ReadFreiHand(out.path(), model, read);
  ASSERT_EQ(back.views[0].frames.size(), 3u);
  EXPECT_FALSE(back.views[0].frames[0].label->has_params);
  EXPECT_TRUE(MatricesNear(back.views[0].frames[2].label->keypoints, dataset.views[0].frames[3].label->keypoints, 0.0));
}

TEST(FreiHandTest, MixedParamsAreRefused) {
  testing::TempDir images, out;
  const HandModel& model = FormatsTestModel();
  HandDataset dataset = MakeTestDataset(model, images.path(), {1, 1, 4, false, false, 4});
  dataset.views[0].frames[1].label->has_params = false;
  dataset.views[0].frames[1].label->params = HandParams();
  try {
    WriteFreiHand(dataset, model, out.path());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("frame 1 has keypoints but no MANO parameters"), std::string::npos) << e.what();
  }
}

// A source that fails on the 3rd image leaves the annotation files of an earlier export as they
// were (the JSON files are written last) and no temporary file behind.
TEST(FreiHandTest, FailingImageSourceLeavesTheEarlierExportIntact) {
  testing::TempDir images, out;
  const HandModel& model = FormatsTestModel();
  WriteFreiHand(MakeTestDataset(model, images.path(), {1, 2, 4, false, false, 5}), model, out.path());
  const std::string k_before = ReadFileToString(out.File("training_K.json"));
  const std::string mano_before = ReadFileToString(out.File("training_mano.json"));
  FrameImageSource failing = DefaultFrameImageSource();
  int calls = 0;
  const ImageProvider inner = failing.image;
  failing.image = [&](const DatasetView& v, const ViewFrame& f) {
    if (++calls == 3) throw RuntimeError("decoder failed");
    return inner(v, f);
  };
  const HandDataset other = MakeTestDataset(model, images.path(), {2, 2, 4, false, false, 6});
  EXPECT_THROW(WriteFreiHand(other, model, out.path(), {}, failing), RuntimeError);
  EXPECT_EQ(ReadFileToString(out.File("training_K.json")), k_before);
  EXPECT_EQ(ReadFileToString(out.File("training_mano.json")), mano_before);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(out.path()))
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
  EXPECT_EQ(ReadFreiHand(out.path(), model).views[0].frames.size(), 6u);
}

}  // namespace
}  // namespace handprop
