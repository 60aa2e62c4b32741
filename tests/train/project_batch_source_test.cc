// SPDX-License-Identifier: Apache-2.0
// ProjectBatchSource on a tiny synthetic project (4 videos x 12 frames, key frames 0, 4, 8, 11):
// tensor shapes and types, the images' normalisation, that the intrinsics and targets are the
// crops' and labels' own, seeding, and loading unlabelled frames.
#include "core/train/project_batch_source.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <map>
#include <opencv2/imgproc.hpp>
#include <set>

#include "core/data/synth_job.h"
#include "tests/support/test_util.h"
#include "tests/support/tiny_project.h"

namespace handprop {
namespace {

using testing::ErrorMessageOf;
using testing::TempDir;

class ProjectBatchSourceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    synth_ = testing::RenderTinyProject(dir_->File("synth"), 3);
  }
  static void TearDownTestSuite() { delete dir_; }

  static ProjectBatchOptions Options(uint64_t seed, bool augment) {
    ProjectBatchOptions options;
    options.frames.crop.size = 48;
    options.seed = seed;
    options.crop_jitter_enabled = augment;
    options.colour_jitter_enabled = augment;
    return options;
  }

  static TempDir* dir_;
  static SynthResult synth_;
};
TempDir* ProjectBatchSourceTest::dir_ = nullptr;
SynthResult ProjectBatchSourceTest::synth_;

// The crop as the network sees it: RGB, img / 255 - 0.5, 3 x S x S.
torch::Tensor Normalised(const cv::Mat& bgr) {
  cv::Mat rgb;
  cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  const torch::Tensor t = torch::from_blob(rgb.data, {rgb.rows, rgb.cols, 3}, torch::kUInt8);
  return (t.permute({2, 0, 1}).to(torch::kFloat32) / 255.0 - 0.5).clone();
}

TEST_F(ProjectBatchSourceTest, LabelledBatchShapesTypesAndTargets) {
  ProjectBatchSource source(synth_.project_path, Options(1, /*augment=*/false));
  ASSERT_EQ(source.key_frames().size(), 16u);
  const TrainingBatch batch = source.NextLabelled(6);
  EXPECT_EQ(batch.images.sizes(), (std::vector<int64_t>{6, 3, 48, 48}));
  EXPECT_EQ(batch.intrinsics.sizes(), (std::vector<int64_t>{6, 4}));
  EXPECT_EQ(batch.keypoints.sizes(), (std::vector<int64_t>{6, 21, 3}));
  EXPECT_EQ(batch.pose.sizes(), (std::vector<int64_t>{6, 48}));
  EXPECT_EQ(batch.betas.sizes(), (std::vector<int64_t>{6, 10}));
  EXPECT_EQ(batch.labelled.sizes(), (std::vector<int64_t>{6}));
  for (const torch::Tensor& t : {batch.images, batch.intrinsics, batch.keypoints, batch.pose, batch.betas})
    EXPECT_EQ(t.scalar_type(), torch::kFloat32);
  EXPECT_EQ(batch.labelled.scalar_type(), torch::kBool);
  EXPECT_TRUE(batch.labelled.all().item<bool>());
  EXPECT_GE(batch.images.min().item<float>(), -0.5f);
  EXPECT_LE(batch.images.max().item<float>(), 0.5f);
  EXPECT_GT(batch.images.max().item<float>() - batch.images.min().item<float>(), 0.3f);  // not blank
  ASSERT_EQ(batch.video_ids.size(), 6u);
  ASSERT_EQ(batch.frames.size(), 6u);
  // Without augmentation every sample is exactly ProjectFrames' crop of that key frame.
  for (int i = 0; i < 6; ++i) {
    const CropSample s = source.frames().Frame(batch.video_ids[i], batch.frames[i]);
    ASSERT_TRUE(s.labelled) << "frame " << batch.frames[i] << " is not a key frame";
    const torch::Tensor k = batch.intrinsics[i];
    EXPECT_FLOAT_EQ(k[0].item<float>(), static_cast<float>(s.intrinsics.fx));
    EXPECT_FLOAT_EQ(k[1].item<float>(), static_cast<float>(s.intrinsics.fy));
    EXPECT_FLOAT_EQ(k[2].item<float>(), static_cast<float>(s.intrinsics.cx));
    EXPECT_FLOAT_EQ(k[3].item<float>(), static_cast<float>(s.intrinsics.cy));
    EXPECT_TRUE(torch::equal(batch.images[i], Normalised(s.crop)));
    for (int j : {0, 8, 20})
      for (int c = 0; c < 3; ++c)
        EXPECT_FLOAT_EQ(batch.keypoints[i][j][c].item<float>(), static_cast<float>(s.keypoints(c, j)));
    for (int j : {0, 5, 47}) EXPECT_FLOAT_EQ(batch.pose[i][j].item<float>(), static_cast<float>(s.params.pose(j)));
    for (int j : {0, 9}) EXPECT_FLOAT_EQ(batch.betas[i][j].item<float>(), static_cast<float>(s.params.betas(j)));
  }
}

TEST_F(ProjectBatchSourceTest, SeedsDecideTheBatches) {
  ProjectBatchSource a(synth_.project_path, Options(7, true)), b(synth_.project_path, Options(7, true)),
      c(synth_.project_path, Options(8, true));
  for (int round = 0; round < 2; ++round) {
    const TrainingBatch ba = a.NextLabelled(5), bb = b.NextLabelled(5), bc = c.NextLabelled(5);
    EXPECT_TRUE(torch::equal(ba.images, bb.images));
    EXPECT_TRUE(torch::equal(ba.intrinsics, bb.intrinsics));
    EXPECT_TRUE(torch::equal(ba.keypoints, bb.keypoints));
    EXPECT_EQ(ba.frames, bb.frames);
    EXPECT_EQ(ba.video_ids, bb.video_ids);
    EXPECT_FALSE(torch::equal(ba.images, bc.images));
    EXPECT_FALSE(torch::equal(ba.intrinsics, bc.intrinsics));
  }
}

TEST_F(ProjectBatchSourceTest, AugmentationMovesTheCropAndItsIntrinsicsTogether) {
  ProjectBatchSource source(synth_.project_path, Options(2, true));
  const TrainingBatch batch = source.NextLabelled(8);
  EXPECT_GE(batch.images.min().item<float>(), -0.5f);
  EXPECT_LE(batch.images.max().item<float>(), 0.5f);
  for (int i = 0; i < 8; ++i) {
    const CropSample plain = source.frames().Frame(batch.video_ids[i], batch.frames[i]);
    // The jittered crop's intrinsics still project the label onto the crop, near its centre.
    CameraIntrinsics k;
    k.fx = batch.intrinsics[i][0].item<float>();
    k.fy = batch.intrinsics[i][1].item<float>();
    k.cx = batch.intrinsics[i][2].item<float>();
    k.cy = batch.intrinsics[i][3].item<float>();
    EXPECT_NE(k.cx, static_cast<float>(plain.intrinsics.cx));
    // The box behind them (fx' = s fx, cx' = s (cx - centre_u) + S/2 - 0.5) is the plain box
    // moved by at most 0.1 side and scaled by 1 +- 0.1 (the default CropJitterOptions).
    const CameraIntrinsics frame_k = source.frames().FrameIntrinsics(batch.video_ids[i], batch.frames[i]);
    const double s = k.fx / frame_k.fx, side = 48.0 / s;
    const double centre_u = frame_k.cx - (k.cx - 23.5) / s, centre_v = frame_k.cy - (k.cy - 23.5) / s;
    EXPECT_NEAR(side / plain.box.side, 1.0, 0.1 + 1e-4);
    EXPECT_LE(std::abs(centre_u - plain.box.centre_u), 0.1 * plain.box.side + 1e-3);
    EXPECT_LE(std::abs(centre_v - plain.box.centre_v), 0.1 * plain.box.side + 1e-3);
    // ... so the label still projects onto the crop.
    const Eigen::Matrix2Xd uv = Project(k, Eigen::Matrix3Xd(plain.keypoints));
    EXPECT_GT(uv.minCoeff(), -0.05 * 48);
    EXPECT_LT(uv.maxCoeff(), 1.05 * 48);
  }
}

TEST_F(ProjectBatchSourceTest, SamplesEveryKeyFrameOfEveryVideo) {
  ProjectBatchSource source(synth_.project_path, Options(4, false));
  std::map<std::pair<int64_t, int>, int> counts;
  for (int i = 0; i < 20; ++i) {
    const TrainingBatch batch = source.NextLabelled(16);
    for (int j = 0; j < 16; ++j) ++counts[{batch.video_ids[j], batch.frames[j]}];
  }
  EXPECT_EQ(counts.size(), 16u);  // 320 draws over 16 key frames: each expected 20 times
  for (const auto& [key, n] : counts) {
    EXPECT_TRUE(key.second == 0 || key.second == 4 || key.second == 8 || key.second == 11);
    EXPECT_GE(n, 5);
    EXPECT_LE(n, 40);
  }
}

TEST_F(ProjectBatchSourceTest, LoadsGivenFramesWithZerosWhereUnlabelled) {
  ProjectBatchSource source(synth_.project_path, Options(0, true));
  const int64_t video = source.frames().videos()[1].video_id;
  const TrainingBatch batch = source.Load({{video, 4}, {video, 6}, {video, 11}}, /*augment=*/false);
  EXPECT_EQ(batch.frames, (std::vector<int>{4, 6, 11}));
  EXPECT_EQ(batch.video_ids, (std::vector<int64_t>{video, video, video}));
  EXPECT_TRUE(batch.labelled[0].item<bool>());
  EXPECT_FALSE(batch.labelled[1].item<bool>());
  EXPECT_TRUE(batch.labelled[2].item<bool>());
  EXPECT_EQ(batch.keypoints[1].abs().sum().item<float>(), 0.0f);
  EXPECT_EQ(batch.pose[1].abs().sum().item<float>(), 0.0f);
  EXPECT_EQ(batch.betas[1].abs().sum().item<float>(), 0.0f);
  EXPECT_GT(batch.keypoints[0].abs().sum().item<float>(), 0.0f);
  const CropSample unlabelled = source.frames().Frame(video, 6);
  EXPECT_TRUE(torch::equal(batch.images[1], Normalised(unlabelled.crop)));
  EXPECT_FLOAT_EQ(batch.intrinsics[1][2].item<float>(), static_cast<float>(unlabelled.intrinsics.cx));
  EXPECT_NE(ErrorMessageOf([&] { source.Load({}, false); }), "");
  EXPECT_NE(ErrorMessageOf([&] { source.NextLabelled(0); }), "");
}

TEST_F(ProjectBatchSourceTest, OptionsAreChecked) {
  EXPECT_EQ(ProjectBatchOptions{}.Check(), "");
  ProjectBatchOptions bad;
  bad.colour_jitter.contrast = 1.0;
  EXPECT_NE(bad.Check().find("colour_jitter.contrast"), std::string::npos) << bad.Check();
  EXPECT_NE(ErrorMessageOf([&] { ProjectBatchSource source(synth_.project_path, bad); }).find("contrast"),
            std::string::npos);
}

}  // namespace
}  // namespace handprop

namespace handprop {
namespace {

// A resumed trainer skips the batches it already used; the skip must leave the generator where
// drawing them would have, for every combination of augmentations.
TEST_F(ProjectBatchSourceTest, SkipLabelledEqualsDrawingTheBatches) {
  for (const bool crop : {false, true}) {
    for (const bool colour : {false, true}) {
      ProjectBatchOptions options = Options(21, true);
      options.crop_jitter_enabled = crop;
      options.colour_jitter_enabled = colour;
      ProjectBatchSource drawn(synth_.project_path, options), skipped(synth_.project_path, options);
      for (int i = 0; i < 3; ++i) drawn.NextLabelled(2);
      skipped.SkipLabelled(3, 2);
      const TrainingBatch a = drawn.NextLabelled(3), b = skipped.NextLabelled(3);
      EXPECT_EQ(a.frames, b.frames) << crop << colour;
      EXPECT_TRUE(torch::equal(a.images, b.images)) << crop << colour;
    }
  }
}

}  // namespace
}  // namespace handprop
