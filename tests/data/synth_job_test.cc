// SPDX-License-Identifier: Apache-2.0
// The generated dataset is checked against itself through independent paths: the project's
// calibration, the ground-truth store's 3D keypoints, the NPZ's 2D keypoints, the decoded
// images and the masks must all tell the same story.
#include "core/data/synth_job.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "core/data/synth_backgrounds.h"
#include "core/data/synth_plan.h"
#include "core/io/store/project_store.h"
#include "core/io/video/content_hash.h"
#include "core/io/video/video_source.h"
#include "core/util/error.h"
#include "core/model/hand_model_io.h"
#include "core/util/npz.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

SynthOptions TinyOptions(const std::string& out, SynthVideoFormat format) {
  SynthOptions options = SynthPreset("tiny");
  options.out = out;
  options.seed = 11;
  options.video_format = format;
  options.threads = 2;
  return options;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class SynthJobTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    png_ = RunSynth(TinyOptions(dir_->File("png"), SynthVideoFormat::kPng));
    mp4_ = RunSynth(TinyOptions(dir_->File("mp4"), SynthVideoFormat::kMp4));
  }
  static void TearDownTestSuite() { delete dir_; }
  static TempDir* dir_;
  static SynthResult png_, mp4_;
};
TempDir* SynthJobTest::dir_ = nullptr;
SynthResult SynthJobTest::png_, SynthJobTest::mp4_;

TEST_F(SynthJobTest, ProjectHoldsOnlyKeyFramesAndTheGroundTruthEveryFrame) {
  const SynthOptions options = TinyOptions("unused", SynthVideoFormat::kPng);
  ASSERT_EQ(png_.views, 4);  // 2 sequences x 2 cameras
  const ProjectStore project = ProjectStore::Open(png_.project_path);
  const ProjectStore truth = ProjectStore::Open(png_.ground_truth_path);
  EXPECT_EQ(project.Meta().role, ProjectRole::kProject);
  EXPECT_EQ(truth.Meta().role, ProjectRole::kGroundTruth);
  // tiny: 12 frames, a key frame every 4th and the last: 0, 4, 8, 11.
  const std::vector<int> keys = {0, 4, 8, 11};
  std::map<int64_t, std::vector<int>> frames_of_video;
  for (const LabelRecord& l : project.AllLabels()) {
    frames_of_video[l.video_id].push_back(l.frame_index);
    EXPECT_EQ(l.provenance, Provenance::kManual);
    EXPECT_EQ(l.author, "synth");
  }
  ASSERT_EQ(frames_of_video.size(), 4u);
  for (const auto& [video, frames] : frames_of_video) EXPECT_EQ(frames, keys);
  EXPECT_EQ(truth.AllLabels().size(), 4u * options.motion.num_frames);
  // The key-frame labels are the ground truth's, bit for bit (both files are written in the same
  // order, so their video and hand ids coincide).
  for (const LabelRecord& l : project.AllLabels()) {
    const std::optional<LabelRecord> t = truth.Label(l.video_id, l.frame_index, l.hand_id);
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->params.pose, l.params.pose);
    EXPECT_EQ(t->params.trans, l.params.trans);
  }
}

TEST_F(SynthJobTest, KeypointsIntrinsicsImagesAndMasksAgree) {
  const ProjectStore project = ProjectStore::Open(png_.project_path);
  const ProjectStore truth = ProjectStore::Open(png_.ground_truth_path);
  const NpzArchive npz = ReadNpz(png_.out + "/ground_truth.npz");
  const std::vector<double> kp2 = npz.at("keypoints2d").Values<double>();
  const std::vector<int32_t> seq = npz.at("sequence").Values<int32_t>(), cam = npz.at("camera").Values<int32_t>(),
                             frame = npz.at("frame").Values<int32_t>();
  const int n = static_cast<int>(seq.size());
  ASSERT_EQ(n, 48);
  std::map<std::pair<std::string, int>, int64_t> truth_video;
  for (const VideoRecord& v : truth.Videos()) truth_video[{v.sequence, v.camera_index}] = v.id;
  std::map<std::string, int64_t> truth_hand;
  for (const HandRecord& h : truth.Hands()) truth_hand[h.sequence] = h.id;
  int row = 0;
  double worst_px = 0.0;
  for (const VideoRecord& video : project.Videos()) {
    const std::unique_ptr<VideoSource> rgb = OpenVideoSource(video.path);
    const std::string masks = png_.out + "/masks/" + video.sequence + "_cam" + std::to_string(video.camera_index);
    for (int f = 0; f < video.frame_count; ++f, ++row) {
      ASSERT_EQ(cam[row], video.camera_index);
      ASSERT_EQ(frame[row], f);
      // 3D keypoints of the ground-truth store, projected with the project's intrinsics, land on
      // the NPZ's 2D keypoints.
      const std::optional<LabelRecord> label =
          truth.Label(truth_video.at({video.sequence, video.camera_index}), f, truth_hand.at(video.sequence));
      ASSERT_TRUE(label.has_value());
      const Eigen::Matrix2Xd uv = Project(video.intrinsics, Eigen::Matrix3Xd(label->keypoints));
      for (int k = 0; k < kNumKeypoints; ++k)
        worst_px = std::max(worst_px, (uv.col(k) - Eigen::Vector2d(kp2[(row * 21 + k) * 2], kp2[(row * 21 + k) * 2 + 1])).norm());
      // Every keypoint lies on the hand's silhouette (joints are inside the hand, tips on its
      // surface: allow 2 px for tips seen edge-on).
      char name[32];
      std::snprintf(name, sizeof(name), "/%06d.png", f);
      const cv::Mat mask = cv::imread(masks + name, cv::IMREAD_GRAYSCALE);
      ASSERT_FALSE(mask.empty()) << masks + name;
      cv::Mat grown;
      cv::dilate(mask, grown, cv::Mat::ones(5, 5, CV_8U));
      for (int k = 0; k < kNumKeypoints; ++k) {
        const int u = static_cast<int>(std::lround(uv(0, k))), v = static_cast<int>(std::lround(uv(1, k)));
        ASSERT_TRUE(u >= 0 && v >= 0 && u < mask.cols && v < mask.rows) << "keypoint " << k << " outside the image";
        EXPECT_EQ(grown.at<uint8_t>(v, u), 255) << video.sequence << " cam " << video.camera_index << " frame " << f
                                                << " keypoint " << k;
      }
      // The mask is exactly where the image differs from the empty background (PNG: lossless).
      const cv::Mat image = rgb->ReadFrame(f);
      const cv::Mat background = [&] {
        SynthOptions options = TinyOptions("unused", SynthVideoFormat::kPng);
        const std::vector<Subject> subjects = SampleSubjects(options.subjects, options.seed);
        const std::vector<SequencePlan> plans = PlanSequences(options, subjects);
        return SynthBackgrounds(options).Background(plans[seq[row]], video.camera_index);
      }();
      cv::Mat differs;
      cv::absdiff(image, background, differs);
      cv::cvtColor(differs, differs, cv::COLOR_BGR2GRAY);
      const cv::Mat outside_changed = (differs > 0) & (mask == 0);
      EXPECT_EQ(cv::countNonZero(outside_changed), 0) << "pixels changed outside the mask";
      EXPECT_GT(cv::countNonZero(mask), 100);
    }
  }
  EXPECT_LT(worst_px, 0.5);
  EXPECT_EQ(row, n);
}

TEST_F(SynthJobTest, Mp4FramesMatchThePngFramesUpToCompression) {
  const ProjectStore png = ProjectStore::Open(png_.project_path);
  const ProjectStore mp4 = ProjectStore::Open(mp4_.project_path);
  const std::vector<VideoRecord> a = png.Videos(), b = mp4.Videos();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    const std::unique_ptr<VideoSource> pa = OpenVideoSource(a[i].path), pb = OpenVideoSource(b[i].path);
    ASSERT_EQ(pb->frame_count(), 12);
    EXPECT_EQ(b[i].fps, 30.0);
    for (int f : {0, 7, 11}) {
      // H.264 through OpenCV 4.6 runs at a low bit rate (docs/synthetic-data.md): allow a mean
      // error of a few grey levels, but the decoded frame must be the right one: closer to its
      // own lossless frame than to one 4 frames away.
      const cv::Mat decoded = pb->ReadFrame(f), own = pa->ReadFrame(f), other = pa->ReadFrame((f + 4) % 12);
      cv::Mat diff_own, diff_other;
      cv::absdiff(decoded, own, diff_own);
      cv::absdiff(decoded, other, diff_other);
      const double error = cv::mean(diff_own)[0], error_other = cv::mean(diff_other)[0];
      EXPECT_LT(error, 14.0) << "frame " << f;
      EXPECT_LT(error, error_other) << "frame " << f;
    }
  }
}

TEST_F(SynthJobTest, SameSeedSameBytesWhateverTheThreadCount) {
  SynthOptions options = TinyOptions(dir_->File("png-again"), SynthVideoFormat::kPng);
  options.threads = 1;  // the first run used 2
  const SynthResult again = RunSynth(options);
  const auto files = [](const std::string& root) {
    std::map<std::string, std::string> hashes;  // relative path -> content hash
    for (const auto& entry : fs::recursive_directory_iterator(root))
      if (entry.is_regular_file()) hashes[fs::relative(entry.path(), root).string()] = FileContentHash(entry.path().string());
    return hashes;
  };
  const std::map<std::string, std::string> a = files(png_.out), b = files(again.out);
  EXPECT_EQ(a.size(), b.size());
  EXPECT_EQ(a.size(), 100u);  // 48 frames, 48 masks, 2 projects, the NPZ and the manifest
  for (const auto& [path, hash] : a) EXPECT_EQ(b.count(path) ? b.at(path) : "(missing)", hash) << path;
}

TEST_F(SynthJobTest, TestSequencesUseUnseenSubjectsAndBackgrounds) {
  const NpzArchive npz = ReadNpz(png_.out + "/ground_truth.npz");
  const std::vector<int32_t> split = npz.at("test_split").Values<int32_t>(), subject = npz.at("subject").Values<int32_t>();
  std::set<int> train_subjects, test_subjects;
  for (size_t i = 0; i < split.size(); ++i) (split[i] ? test_subjects : train_subjects).insert(subject[i]);
  ASSERT_FALSE(test_subjects.empty());
  for (int s : test_subjects) EXPECT_EQ(train_subjects.count(s), 0u);
  // The backgrounds the manifest reports: procedural ids, the test pool after the train pool.
  const SynthOptions options = TinyOptions("unused", SynthVideoFormat::kPng);
  std::ifstream in(png_.out + "/synth.json");
  const nlohmann::json manifest = nlohmann::json::parse(in);
  int views = 0;
  for (const nlohmann::json& sequence : manifest.at("sequences")) {
    const bool test = sequence.at("split") == "test";
    for (const nlohmann::json& view : sequence.at("views")) {
      const std::string background = view.at("background");
      ASSERT_EQ(background.rfind("procedural:", 0), 0u) << background;
      EXPECT_EQ(std::stoi(background.substr(11)) >= options.num_train_backgrounds, test) << background;
      ++views;
    }
  }
  EXPECT_EQ(views, 4);
}

TEST_F(SynthJobTest, CameraAndWorldParametersReproduceTheirKeypointsAndPixels) {
  // Independent paths: LBS of the stored parameters against the stored keypoints, and the world
  // keypoints carried into each camera by the stored extrinsics and K against the 2D keypoints.
  const HandModel model = LoadHandModelByName("openhand");
  const HandLbs lbs(model);
  const ProjectStore truth = ProjectStore::Open(png_.ground_truth_path);
  double worst_m = 0.0;
  for (const LabelRecord& label : truth.AllLabels())
    worst_m = std::max(worst_m, (lbs.Forward(label.params).keypoints - label.keypoints).cwiseAbs().maxCoeff());
  EXPECT_LT(worst_m, 1e-9);

  const NpzArchive npz = ReadNpz(png_.out + "/ground_truth.npz");
  const std::vector<double> pose = npz.at("pose_world").Values<double>(), trans = npz.at("trans_world").Values<double>(),
                            betas = npz.at("betas").Values<double>(), world = npz.at("keypoints3d_world").Values<double>(),
                            k = npz.at("K").Values<double>(), m = npz.at("cam_from_world").Values<double>(),
                            uv = npz.at("keypoints2d").Values<double>();
  const int n = static_cast<int>(npz.at("frame").NumElements());
  double worst_world = 0.0, worst_px = 0.0;
  for (int row = 0; row < n; ++row) {
    HandParams p;
    p.pose = Eigen::Map<const PoseVector>(&pose[row * kPoseDim]);
    p.betas = Eigen::Map<const ShapeVector>(&betas[row * kNumBetas]);
    p.trans = Eigen::Map<const Eigen::Vector3d>(&trans[row * 3]);
    const KeypointMatrix stored = Eigen::Map<const KeypointMatrix>(&world[row * 63]);
    worst_world = std::max(worst_world, (lbs.Forward(p).keypoints - stored).cwiseAbs().maxCoeff());
    const Eigen::Matrix3d K = Eigen::Map<const Eigen::Matrix<double, 3, 3, Eigen::RowMajor>>(&k[row * 9]);
    const Eigen::Matrix4d M = Eigen::Map<const Eigen::Matrix<double, 4, 4, Eigen::RowMajor>>(&m[row * 16]);
    for (int j = 0; j < kNumKeypoints; ++j) {
      const Eigen::Vector3d cam = M.topLeftCorner<3, 3>() * stored.col(j) + M.topRightCorner<3, 1>();
      const Eigen::Vector3d h = K * cam;
      worst_px = std::max(worst_px, (h.head<2>() / h.z() - Eigen::Vector2d(uv[(row * 21 + j) * 2], uv[(row * 21 + j) * 2 + 1])).norm());
    }
  }
  EXPECT_LT(worst_world, 1e-9);
  EXPECT_LT(worst_px, 0.5);  // the bound; in fact ~1e-12
  EXPECT_LT(worst_px, 1e-6);
}

TEST_F(SynthJobTest, PhotoBackgroundsKeepTheLastFifthForTestSequences) {
  TempDir photos;
  for (int i = 0; i < 5; ++i) {  // five flat photos of different colours: photo4 is the test pool
    cv::Mat photo(80, 100, CV_8UC3, cv::Scalar(40 * i, 200 - 30 * i, 90));
    cv::imwrite(photos.File("photo" + std::to_string(i) + ".png"), photo);
  }
  SynthOptions options = TinyOptions(dir_->File("photos"), SynthVideoFormat::kPng);
  options.backgrounds = photos.path();
  const SynthResult result = RunSynth(options);
  std::ifstream in(result.out + "/synth.json");
  const std::string manifest((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Sequence 0000 is the train sequence, 0001 the test one (tiny: 1 + 1).
  const size_t test_begin = manifest.find("\"name\": \"0001\"");
  ASSERT_NE(test_begin, std::string::npos);
  EXPECT_EQ(manifest.find("photo4.png"), manifest.find("photo4.png", test_begin));  // only in the test sequence
  EXPECT_NE(manifest.find("photo4.png", test_begin), std::string::npos);
  // The pixels outside the hand are the photo's colour.
  const cv::Mat frame = cv::imread(result.out + "/videos/0001_cam0/000000.png");
  const cv::Mat mask = cv::imread(result.out + "/masks/0001_cam0/000000.png", cv::IMREAD_GRAYSCALE);
  const cv::Scalar background = cv::mean(frame, mask == 0);
  EXPECT_NEAR(background[0], 160, 1.0);
  EXPECT_NEAR(background[1], 80, 1.0);
  // Too few photos to keep test backgrounds apart: one line naming the folder.
  TempDir one;
  cv::imwrite(one.File("only.png"), cv::Mat(8, 8, CV_8UC3, cv::Scalar::all(9)));
  options.out = dir_->File("one-photo");
  options.backgrounds = one.path();
  EXPECT_NE(testing::ErrorMessageOf([&] { RunSynth(options); }).find(one.path() + ": needs at least 2 photos"), std::string::npos);
}

TEST_F(SynthJobTest, RefusesANonEmptyOutputFolderAndWritesNothing) {
  const std::string out = dir_->File("busy");
  fs::create_directories(out);
  std::ofstream(out + "/keep.txt") << "precious";
  try {
    RunSynth(TinyOptions(out, SynthVideoFormat::kPng));
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(out + ": folder is not empty"), std::string::npos) << e.what();
  }
  EXPECT_EQ(ReadBytes(out + "/keep.txt"), "precious");
  for (const auto& entry : fs::directory_iterator(dir_->path()))  // no temporary folder left behind
    EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
}

}  // namespace
}  // namespace handprop
