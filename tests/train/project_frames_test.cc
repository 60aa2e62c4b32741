// SPDX-License-Identifier: Apache-2.0
// ProjectFrames on a tiny synthetic project (2 sequences x 2 cameras x 12 frames, key frames
// 0, 4, 8, 11): what it lists, what it refuses, and that its crops hold the hand, checked against
// the generator's masks and the project's own labels read independently.
#include "core/train/project_frames.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/data/synth_job.h"
#include "core/io/store/project_store.h"
#include "tests/support/test_util.h"
#include "tests/support/tiny_project.h"

namespace handprop {
namespace {

using testing::ErrorMessageOf;
using testing::TempDir;

class ProjectFramesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    synth_ = testing::RenderTinyProject(dir_->File("synth"), 5);
  }
  static void TearDownTestSuite() { delete dir_; }

  // The label of (video, frame) read straight from the store, for the right hand.
  static LabelRecord StoredLabel(int64_t video_id, int frame) {
    const ProjectStore store = ProjectStore::Open(synth_.project_path);
    for (const LabelRecord& l : store.Labels(video_id))
      if (l.frame_index == frame) return l;
    ADD_FAILURE() << "no label for video " << video_id << " frame " << frame;
    return {};
  }

  static TempDir* dir_;
  static SynthResult synth_;
};
TempDir* ProjectFramesTest::dir_ = nullptr;
SynthResult ProjectFramesTest::synth_;

TEST_F(ProjectFramesTest, ListsTheVideosAndTheirKeyFrames) {
  const ProjectFrames frames(synth_.project_path);
  ASSERT_EQ(frames.videos().size(), 4u);
  const std::vector<int> keys = {0, 4, 8, 11};
  for (const ProjectVideo& v : frames.videos()) {
    EXPECT_EQ(v.key_frames, keys) << v.path;
    EXPECT_EQ(v.num_frames, 12);
    EXPECT_GT(v.hand_id, 0);
    EXPECT_TRUE(std::filesystem::exists(v.path)) << v.path;
  }
  const std::vector<VideoKeyFrames> sampler_input = frames.KeyFrames();
  ASSERT_EQ(sampler_input.size(), 4u);
  for (const VideoKeyFrames& v : sampler_input) {
    EXPECT_EQ(v.num_frames, 12);
    EXPECT_EQ(v.key_frames, keys);
  }
  // A sampler accepts them as they are.
  PairSampler sampler(sampler_input, PairSamplerOptions{});
  EXPECT_EQ(sampler.videos().size(), 4u);
}

TEST_F(ProjectFramesTest, RefusesTheGroundTruthStore) {
  EXPECT_EQ(ErrorMessageOf([&] { ProjectFrames frames(synth_.ground_truth_path); }),
            synth_.ground_truth_path + ": is a ground-truth store; training reads the labels of a project");
}

TEST_F(ProjectFramesTest, NamesTheProjectAndTheMissingVideo) {
  // The project alone in another folder: its relative video paths now point nowhere.
  const std::string moved = dir_->File("moved");
  std::filesystem::create_directories(moved);
  std::filesystem::copy_file(synth_.project_path, moved + "/project.hpj");
  const std::string message = ErrorMessageOf([&] { ProjectFrames frames(moved + "/project.hpj"); });
  EXPECT_EQ(message.rfind(moved + "/project.hpj: video ", 0), 0u) << message;
  EXPECT_NE(message.find(moved + "/videos/"), std::string::npos) << message;
  EXPECT_NE(message.find("does not exist"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos);
}

TEST_F(ProjectFramesTest, RejectsBadOptionsUnknownVideosAndFrames) {
  ProjectFramesOptions bad;
  bad.unlabelled_extra_margin = -0.1;
  EXPECT_NE(bad.Check(), "");
  EXPECT_NE(ErrorMessageOf([&] { ProjectFrames frames(synth_.project_path, bad); }).find("unlabelled_extra_margin"),
            std::string::npos);
  EXPECT_EQ(ProjectFramesOptions{}.Check(), "");
  ProjectFrames frames(synth_.project_path);
  const int64_t video = frames.videos()[0].video_id;
  EXPECT_NE(ErrorMessageOf([&] { frames.Frame(video + 100, 0); }).find("no video with id"), std::string::npos);
  EXPECT_NE(ErrorMessageOf([&] { frames.Frame(video, 12); }).find("out of range"), std::string::npos);
}

TEST_F(ProjectFramesTest, LabelledCropsHoldTheHand) {
  ProjectFrames frames(synth_.project_path);
  const ProjectFramesOptions& options = frames.options();
  const int size = options.crop.size;
  for (const ProjectVideo& video : frames.videos()) {
    const std::string masks = synth_.out + "/masks/" + video.sequence + "_cam" + std::to_string(video.camera_index);
    for (int k : video.key_frames) {
      const CropSample s = frames.Frame(video.video_id, k);
      ASSERT_TRUE(s.labelled);
      EXPECT_EQ(s.box_source_frame, k);
      ASSERT_EQ(s.crop.rows, size);
      ASSERT_EQ(s.crop.cols, size);
      ASSERT_EQ(s.crop.type(), CV_8UC3);
      const LabelRecord label = StoredLabel(video.video_id, k);
      EXPECT_EQ(s.keypoints, label.keypoints);
      EXPECT_EQ(s.params.pose, label.params.pose);
      EXPECT_EQ(s.params.betas, label.params.betas);
      // Every keypoint, projected with the crop's intrinsics, lies inside the crop's central
      // part: the box is the keypoints' extent times (1 + margin).
      const Eigen::Matrix2Xd uv = Project(s.intrinsics, Eigen::Matrix3Xd(s.keypoints));
      const double centre = 0.5 * size - 0.5, half = 0.5 * size / (1.0 + options.crop.margin);
      EXPECT_LE((uv.array() - centre).abs().maxCoeff(), half + 1e-9);
      // ... and on the hand: the mask warped through the same box (2 source pixels of slack for
      // fingertips seen edge-on, as in synth_job_test).
      char name[32];
      std::snprintf(name, sizeof(name), "/%06d.png", k);
      const cv::Mat mask = cv::imread(masks + name, cv::IMREAD_GRAYSCALE);
      ASSERT_FALSE(mask.empty()) << masks + name;
      const cv::Mat crop_mask = CropImage(mask, s.box, size);
      const int radius = static_cast<int>(std::ceil(2.0 * size / s.box.side));
      cv::Mat grown;
      cv::dilate(crop_mask, grown, cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * radius + 1, 2 * radius + 1}));
      for (int j = 0; j < kNumKeypoints; ++j) {
        const int u = static_cast<int>(std::lround(uv(0, j))), v = static_cast<int>(std::lround(uv(1, j)));
        EXPECT_GT(grown.at<uint8_t>(v, u), 0) << video.path << " frame " << k << " keypoint " << j;
      }
      // The crop shows the hand: the pixels under the mask are not black.
      cv::Mat grey;
      cv::cvtColor(s.crop, grey, cv::COLOR_BGR2GRAY);
      EXPECT_GT(cv::mean(grey, crop_mask > 127)[0], 20.0);
      EXPECT_GT(cv::countNonZero(crop_mask > 127), size * size / 20);
    }
  }
}

TEST_F(ProjectFramesTest, UnlabelledCropsComeFromTheNearestKeyFrame) {
  ProjectFrames frames(synth_.project_path);
  const ProjectFramesOptions& options = frames.options();
  HandCropOptions wider = options.crop;
  wider.margin += options.unlabelled_extra_margin;
  // frame -> nearest key frame among 0, 4, 8, 11 (2 is a tie: the earlier key wins).
  const std::vector<std::pair<int, int>> nearest = {{1, 0}, {2, 0}, {3, 4}, {6, 4}, {7, 8}, {9, 8}, {10, 11}};
  for (const ProjectVideo& video : frames.videos()) {
    const CameraIntrinsics k = frames.FrameIntrinsics(video.video_id, 0);
    for (const auto& [frame, key] : nearest) {
      const CropSample s = frames.Frame(video.video_id, frame);
      EXPECT_FALSE(s.labelled);
      EXPECT_EQ(s.box_source_frame, key);
      EXPECT_EQ(s.keypoints, KeypointMatrix::Zero());
      EXPECT_EQ(s.params.pose, PoseVector::Zero());
      const HandCropBox expected = CropBoxFromPoints(k, StoredLabel(video.video_id, key).keypoints, wider);
      EXPECT_DOUBLE_EQ(s.box.centre_u, expected.centre_u) << "frame " << frame;
      EXPECT_DOUBLE_EQ(s.box.centre_v, expected.centre_v) << "frame " << frame;
      EXPECT_DOUBLE_EQ(s.box.side, expected.side) << "frame " << frame;
      const CameraIntrinsics ck = CropIntrinsics(k, expected, options.crop.size);
      EXPECT_DOUBLE_EQ(s.intrinsics.fx, ck.fx);
      EXPECT_DOUBLE_EQ(s.intrinsics.cx, ck.cx);
      EXPECT_DOUBLE_EQ(s.intrinsics.cy, ck.cy);
    }
  }
}

TEST_F(ProjectFramesTest, SameCallsSameBytesInAnyOrder) {
  ProjectFramesOptions small;
  small.cache_bytes_per_video = 0;  // no cache: every frame decoded again
  ProjectFrames a(synth_.project_path), b(synth_.project_path, small);
  const int64_t v0 = a.videos()[0].video_id, v3 = a.videos()[3].video_id;
  const std::vector<std::pair<int64_t, int>> calls = {{v0, 0}, {v3, 5}, {v0, 11}, {v3, 8}, {v0, 3}};
  std::vector<cv::Mat> first;
  for (const auto& [video, frame] : calls) first.push_back(a.Frame(video, frame).crop);
  for (int i = static_cast<int>(calls.size()) - 1; i >= 0; --i) {
    const cv::Mat again = b.Frame(calls[i].first, calls[i].second).crop;
    EXPECT_EQ(cv::norm(first[i], again, cv::NORM_INF), 0.0) << "call " << i;
  }
  // Jitter: the same seed gives the same box and bytes, another seed another box.
  const CropSample j1 = a.Frame(v3, 4, uint64_t{7}), j2 = b.Frame(v3, 4, uint64_t{7}), j3 = a.Frame(v3, 4, uint64_t{8});
  EXPECT_EQ(cv::norm(j1.crop, j2.crop, cv::NORM_INF), 0.0);
  EXPECT_EQ(j1.box.centre_u, j2.box.centre_u);
  EXPECT_NE(j1.box.centre_u, j3.box.centre_u);
  const HandCropBox plain = a.CropBox(v3, 4);
  EXPECT_NE(j1.box.side, plain.side);
  EXPECT_LE(std::abs(j1.box.centre_u - plain.centre_u), 0.1 * plain.side + 1e-9);
}

}  // namespace
}  // namespace handprop
