// SPDX-License-Identifier: Apache-2.0
#include "core/io/store/project_store.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include "core/io/store/sqlite_db.h"
#include "core/util/error.h"
#include "tests/io/store/sample_labels.h"
#include "tests/io/store/store_test_util.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::LabelsEqual;
using testing::SampleLabel;

TEST(ProjectStoreTest, EveryFieldSurvivesCloseAndReopenBitExactly) {
  testing::TempDir dir;
  const std::string path = dir.File("p.hpj");
  VideoRecord video = testing::SampleVideo(dir.File("clips/a.mp4"), "seq", 2, 12);
  LabelRecord label = SampleLabel(0, 5, 0, 2);  // propagated: model id and source frames set
  label.params.pose[0] = -0.0;
  label.params.betas[1] = std::numeric_limits<double>::denorm_min();
  label.params.trans[2] = 0.1 + 0.2;  // not representable in few digits
  EmbeddingRecord embedding;
  RunRecord run;
  {
    ProjectStore store = ProjectStore::Create(path, {"my project", ProjectRole::kGroundTruth, 0, ""});
    video.id = store.AddVideo(video);
    const int64_t hand = store.AddHand({0, "seq", HandSide::kLeft, "left"});
    label.video_id = video.id;
    label.hand_id = hand;
    store.PutLabel(label);
    store.PutFrame({video.id, 3, CameraIntrinsics{500.5, 501.5, 300.25, 200.75}, dir.File("frames/3.png")});
    embedding = {video.id, 5, hand, "moco@1", Eigen::VectorXf::LinSpaced(16, -1.5f, 2.25f)};
    store.PutEmbedding(embedding);
    run.kind = "train";
    run.options_json = R"({"lr":0.001})";
    run.status = RunStatus::kRunning;
    run.started_at_ms = 1700000000123;
    run.id = store.AddRun(run);
    run.status = RunStatus::kFinished;
    run.finished_at_ms = 1700000009999;
    run.metrics_json = R"({"mpjpe_mm":7.5})";
    run.checkpoint_path = dir.File("runs/1/model.pt");
    store.UpdateRun(run);
  }
  const ProjectStore store = ProjectStore::Open(path, {true, 1000});
  const ProjectMeta meta = store.Meta();
  EXPECT_EQ(meta.name, "my project");
  EXPECT_EQ(meta.role, ProjectRole::kGroundTruth);
  EXPECT_GT(meta.created_at_ms, 1600000000000);
  EXPECT_FALSE(meta.created_by_version.empty());

  const VideoRecord v = store.Video(video.id);
  EXPECT_EQ(v.path, dir.File("clips/a.mp4"));
  EXPECT_EQ(v.content_hash, video.content_hash);
  EXPECT_EQ(v.fps, video.fps);
  EXPECT_EQ(v.width, 640);
  EXPECT_EQ(v.height, 480);
  EXPECT_EQ(v.frame_count, 12);
  EXPECT_EQ(v.sequence, "seq");
  EXPECT_EQ(v.camera_index, 2);
  EXPECT_EQ(v.subject_id, std::optional<int64_t>(7));
  EXPECT_EQ(v.intrinsics.fx, video.intrinsics.fx);
  EXPECT_EQ(v.intrinsics.cy, video.intrinsics.cy);
  EXPECT_TRUE(v.cam_from_world.rotation == video.cam_from_world.rotation);
  EXPECT_TRUE(v.cam_from_world.translation == video.cam_from_world.translation);
  ASSERT_EQ(store.Videos().size(), 1u);

  const FrameRecord f3 = store.Frame(video.id, 3);
  ASSERT_TRUE(f3.intrinsics.has_value());
  EXPECT_EQ(f3.intrinsics->fx, 500.5);
  EXPECT_EQ(f3.intrinsics->cy, 200.75);
  EXPECT_EQ(f3.image_path, dir.File("frames/3.png"));
  EXPECT_FALSE(store.Frame(video.id, 4).intrinsics.has_value());
  EXPECT_EQ(store.FramesWithOverrides(video.id).size(), 1u);

  ASSERT_EQ(store.Hands().size(), 1u);
  EXPECT_EQ(store.Hands()[0].side, HandSide::kLeft);
  EXPECT_EQ(store.Hands()[0].name, "left");

  const auto read = store.Label(video.id, 5, label.hand_id);
  ASSERT_TRUE(read.has_value());
  EXPECT_TRUE(LabelsEqual(*read, label));
  EXPECT_TRUE(std::signbit(read->params.pose[0]));
  EXPECT_EQ(read->created_at_ms, read->updated_at_ms);
  EXPECT_FALSE(store.Label(video.id, 6, label.hand_id).has_value());

  const auto embeddings = store.Embeddings("moco@1");
  ASSERT_EQ(embeddings.size(), 1u);
  EXPECT_TRUE(embeddings[0].vector == embedding.vector);
  EXPECT_EQ(embeddings[0].frame_index, 5);
  EXPECT_TRUE(store.Embeddings("other").empty());

  const RunRecord r = store.Run(run.id);
  EXPECT_EQ(r.kind, "train");
  EXPECT_EQ(r.options_json, run.options_json);
  EXPECT_EQ(r.metrics_json, run.metrics_json);
  EXPECT_EQ(r.status, RunStatus::kFinished);
  EXPECT_EQ(r.started_at_ms, run.started_at_ms);
  EXPECT_EQ(r.finished_at_ms, run.finished_at_ms);
  EXPECT_EQ(r.checkpoint_path, run.checkpoint_path);
  EXPECT_EQ(store.Runs().size(), 1u);
}

TEST(ProjectStoreTest, PathsInsideTheProjectFolderAreStoredRelative) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.File("proj"));
  const std::string path = dir.File("proj/p.hpj");
  int64_t inside = 0, outside = 0;
  {
    ProjectStore store = ProjectStore::Create(path, {});
    inside = store.AddVideo(testing::SampleVideo(dir.File("proj/videos/../videos/a.mp4"), "a", 0, 1));
    outside = store.AddVideo(testing::SampleVideo(dir.File("elsewhere/b.mp4"), "b", 0, 1));
  }
  SqliteDb raw = SqliteDb::Open(path, {true, false, 1000});
  SqliteStatement q(raw, "SELECT path FROM videos ORDER BY id");
  ASSERT_TRUE(q.Step());
  EXPECT_EQ(q.Text(0), "videos/a.mp4");
  ASSERT_TRUE(q.Step());
  EXPECT_EQ(q.Text(0), dir.File("elsewhere/b.mp4"));
  q.Reset();
  // Moving the whole project folder keeps the inside video resolvable.
  std::filesystem::rename(dir.File("proj"), dir.File("moved"));
  const ProjectStore moved = ProjectStore::Open(dir.File("moved/p.hpj"));
  EXPECT_EQ(moved.Video(inside).path, dir.File("moved/videos/a.mp4"));
  EXPECT_EQ(moved.Video(outside).path, dir.File("elsewhere/b.mp4"));
}

TEST(ProjectStoreTest, EveryProvenanceRoundTrips) {
  testing::TempDir dir;
  const auto sample = testing::CreateSampleProject(dir.File("p.hpj"), 10);
  ProjectStore store = ProjectStore::Open(dir.File("p.hpj"));
  std::vector<LabelRecord> labels;
  for (int p = 0; p < kNumProvenances; ++p) labels.push_back(SampleLabel(sample.video_id, p, sample.hand_id, p));
  store.PutLabels(labels);
  const auto all = store.AllLabels();
  ASSERT_EQ(all.size(), labels.size());
  for (int p = 0; p < kNumProvenances; ++p) {
    EXPECT_EQ(all[p].provenance, static_cast<Provenance>(p)) << ProvenanceName(static_cast<Provenance>(p));
    EXPECT_TRUE(LabelsEqual(all[p], labels[p]));
    EXPECT_EQ(ParseProvenance(ProvenanceName(static_cast<Provenance>(p))), static_cast<Provenance>(p));
  }
  EXPECT_FALSE(ParseProvenance("guessed").has_value());
  const StoreInfo info = store.Info();
  EXPECT_EQ(info.schema_version, 3);
  EXPECT_EQ(info.rows.at("labels"), kNumProvenances);
  EXPECT_EQ(info.rows.at("history"), kNumProvenances);
  EXPECT_EQ(info.rows.at("frames"), 10);
  for (const auto& [provenance, count] : info.labels_per_provenance) EXPECT_EQ(count, 1) << ProvenanceName(provenance);
  EXPECT_GT(info.file_bytes, 0);
}

TEST(ProjectStoreTest, LabelsComeBackSortedByVideoFrameAndHand) {
  testing::TempDir dir;
  ProjectStore store = ProjectStore::Create(dir.File("p.hpj"), {});
  const int64_t v1 = store.AddVideo(testing::SampleVideo("a.mp4", "s", 0, 20));
  const int64_t v2 = store.AddVideo(testing::SampleVideo("b.mp4", "s", 1, 20));
  const int64_t right = store.AddHand({0, "s", HandSide::kRight, "right"});
  const int64_t left = store.AddHand({0, "s", HandSide::kLeft, "left"});
  for (int frame : {9, 3, 15})
    for (int64_t video : {v2, v1})
      for (int64_t hand : {left, right}) store.PutLabel(SampleLabel(video, frame, hand, 6 * frame));
  const auto all = store.AllLabels();
  ASSERT_EQ(all.size(), 12u);
  for (size_t i = 1; i < all.size(); ++i) {
    const auto key = [](const LabelRecord& l) { return std::tuple(l.video_id, l.frame_index, l.hand_id); };
    EXPECT_LT(key(all[i - 1]), key(all[i]));
  }
  const auto only_v2 = store.Labels(v2);
  ASSERT_EQ(only_v2.size(), 6u);
  for (const auto& l : only_v2) EXPECT_EQ(l.video_id, v2);
  EXPECT_EQ(store.LabelCount(), 12);
}

TEST(ProjectStoreTest, InvalidLabelsAreRejectedAndNothingIsWritten) {
  testing::TempDir dir;
  const std::string path = dir.File("p.hpj");
  const auto sample = testing::CreateSampleProject(path, 10);
  ProjectStore store = ProjectStore::Open(path);
  store.PutLabel(SampleLabel(sample.video_id, 0, sample.hand_id, 0));
  const auto before = store.Info().rows;

  LabelRecord nan_pose = SampleLabel(sample.video_id, 1, sample.hand_id, 0);
  nan_pose.params.pose[7] = std::nan("");
  EXPECT_EQ(testing::ErrorMessageOf([&] { store.PutLabel(nan_pose); }),
            path + ": label (video 1, frame 1, hand 1): pose[7] = nan is not finite");
  LabelRecord inf_kp = SampleLabel(sample.video_id, 1, sample.hand_id, 0);
  inf_kp.keypoints(2, 4) = std::numeric_limits<double>::infinity();
  EXPECT_NE(testing::ErrorMessageOf([&] { store.PutLabel(inf_kp); }).find("keypoints[14] = inf is not finite"), std::string::npos);
  LabelRecord bad_conf = SampleLabel(sample.video_id, 1, sample.hand_id, 0);
  bad_conf.confidence[3] = 1.5;
  EXPECT_NE(testing::ErrorMessageOf([&] { store.PutLabel(bad_conf); }).find("confidence[3] = 1.5 is outside [0, 1]"), std::string::npos);
  LabelRecord no_model = SampleLabel(sample.video_id, 1, sample.hand_id, 3);  // predicted
  no_model.model_id.clear();
  EXPECT_NE(testing::ErrorMessageOf([&] { store.PutLabel(no_model); }).find("a predicted label needs a model_id"), std::string::npos);
  LabelRecord no_sources = SampleLabel(sample.video_id, 1, sample.hand_id, 1);  // interpolated
  no_sources.source_frames.clear();
  EXPECT_NE(testing::ErrorMessageOf([&] { store.PutLabel(no_sources); }).find("needs source_frames"), std::string::npos);
  EXPECT_NE(testing::ErrorMessageOf([&] { store.PutLabel(SampleLabel(sample.video_id, 10, sample.hand_id, 0)); }).find("video 1 has no frame 10"),
            std::string::npos);
  EXPECT_NE(testing::ErrorMessageOf([&] { store.PutLabel(SampleLabel(5, 1, sample.hand_id, 0)); }).find("unknown video id 5"), std::string::npos);
  EXPECT_NE(testing::ErrorMessageOf([&] { store.PutLabel(SampleLabel(sample.video_id, 1, 9, 0)); }).find("unknown hand id 9"), std::string::npos);
  // A bulk write with one bad label at the end writes none of them.
  std::vector<LabelRecord> bulk;
  for (int f = 1; f < 9; ++f) bulk.push_back(SampleLabel(sample.video_id, f, sample.hand_id, f));
  bulk.push_back(nan_pose);
  EXPECT_NE(testing::ErrorMessageOf([&] { store.PutLabels(bulk); }).find("pose[7]"), std::string::npos);
  EXPECT_EQ(store.Info().rows, before);
  EXPECT_EQ(store.LabelCount(), 1);
}

TEST(ProjectStoreTest, HandsOfAnotherSequenceCannotLabelAVideo) {
  testing::TempDir dir;
  ProjectStore store = ProjectStore::Create(dir.File("p.hpj"), {});
  const int64_t video = store.AddVideo(testing::SampleVideo("a.mp4", "s1", 0, 3));
  const int64_t hand = store.AddHand({0, "s2", HandSide::kRight, "right"});
  EXPECT_NE(testing::ErrorMessageOf([&] { store.PutLabel(SampleLabel(video, 0, hand, 0)); }).find("belongs to sequence 's2'"),
            std::string::npos);
  EXPECT_NE(testing::ErrorMessageOf([&] { store.AddHand({0, "s2", HandSide::kLeft, "right"}); }).find("UNIQUE"), std::string::npos);
  EXPECT_NE(testing::ErrorMessageOf([&] { store.AddVideo(testing::SampleVideo("b.mp4", "s1", 0, 3)); }).find("UNIQUE"), std::string::npos);
  VideoRecord bad = testing::SampleVideo("c.mp4", "s1", 1, 3);
  bad.intrinsics.fx = -1;
  EXPECT_NE(testing::ErrorMessageOf([&] { store.AddVideo(bad); }).find("video c.mp4: intrinsics"), std::string::npos);
  EXPECT_EQ(store.Videos().size(), 1u);
}

TEST(ProjectStoreTest, EmbeddingsAndRunsAreValidated) {
  testing::TempDir dir;
  const auto sample = testing::CreateSampleProject(dir.File("p.hpj"), 4);
  ProjectStore store = ProjectStore::Open(dir.File("p.hpj"));
  EmbeddingRecord e{sample.video_id, 1, sample.hand_id, "m", Eigen::VectorXf::Ones(8)};
  e.vector[2] = std::nanf("");
  EXPECT_NE(testing::ErrorMessageOf([&] { store.PutEmbedding(e); }).find("vector[2] is not finite"), std::string::npos);
  e.vector[2] = 0.5f;
  store.PutEmbedding(e);
  e.vector = Eigen::VectorXf::Zero(4);  // replaces the previous one, with another size
  store.PutEmbedding(e);
  ASSERT_EQ(store.Embeddings("m").size(), 1u);
  EXPECT_EQ(store.Embeddings("m")[0].vector.size(), 4);
  RunRecord run;
  run.kind = "eval";
  run.options_json = "[1, 2]";
  EXPECT_NE(testing::ErrorMessageOf([&] { store.AddRun(run); }).find("options_json is not a JSON object"), std::string::npos);
  run.options_json = "{}";
  run.id = 42;
  EXPECT_NE(testing::ErrorMessageOf([&] { store.UpdateRun(run); }).find("unknown run id 42"), std::string::npos);
  EXPECT_TRUE(store.Runs().empty());
}

TEST(ProjectStoreTest, CorruptBlobsAreReportedWithTheirField) {
  testing::TempDir dir;
  const std::string path = dir.File("p.hpj");
  const auto sample = testing::CreateSampleProject(path, 4);
  ProjectStore::Open(path).PutLabel(SampleLabel(sample.video_id, 2, sample.hand_id, 0));
  {
    SqliteDb raw = SqliteDb::Open(path, {false, false, 1000});
    raw.Exec("UPDATE labels SET keypoints = zeroblob(100)");
  }
  const ProjectStore store = ProjectStore::Open(path);
  EXPECT_EQ(testing::ErrorMessageOf([&] { store.AllLabels(); }),
            path + ": label (video 1, frame 2, hand 1): keypoints blob has 100 bytes, expected 504");
  {
    SqliteDb raw = SqliteDb::Open(path, {false, false, 1000});
    raw.Exec("UPDATE history SET after = substr(after, 1, 100)");
  }
  EXPECT_EQ(testing::ErrorMessageOf([&] { store.History(); }),
            path + ": history 1 after: not a label snapshot (truncated at byte 24 of 100)");
}

TEST(ProjectStoreTest, AFixedTimeStampsEveryRowWithIt) {
  testing::TempDir dir;
  StoreOpenOptions options;
  options.fixed_time_ms = 946684800000;
  ProjectStore store = ProjectStore::Create(dir.File("fixed.hpj"), {}, options);
  const int64_t video = store.AddVideo(testing::SampleVideo(dir.File("v.mp4"), "s", 0, 4));
  const int64_t hand = store.AddHand({0, "s", HandSide::kRight, "right"});
  store.PutLabel(SampleLabel(video, 1, hand, 7));
  store.PutLabel(SampleLabel(video, 1, hand, 8));  // an update
  EXPECT_EQ(store.Meta().created_at_ms, 946684800000);
  const LabelRecord label = *store.Label(video, 1, hand);
  EXPECT_EQ(label.created_at_ms, 946684800000);
  EXPECT_EQ(label.updated_at_ms, 946684800000);
  for (const HistoryEntry& h : store.History()) EXPECT_EQ(h.time_ms, 946684800000);
  // Without it the clock is used.
  ProjectStore live = ProjectStore::Create(dir.File("live.hpj"), {});
  EXPECT_GT(live.Meta().created_at_ms, 1700000000000);
}

TEST(ProjectStoreTest, CreateNeverOverwritesAnExistingFile) {
  testing::TempDir dir;
  const std::string path = dir.File("p.hpj");
  const auto sample = testing::CreateSampleProject(path, 4);
  ProjectStore::Open(path).PutLabel(SampleLabel(sample.video_id, 2, sample.hand_id, 0));
  EXPECT_EQ(testing::ErrorMessageOf([&] { ProjectStore::Create(path, {}); }),
            path + ": already exists; refusing to overwrite it with a new project");
  EXPECT_EQ(ProjectStore::Open(path).LabelCount(), 1);
  EXPECT_EQ(ProjectStore::Open(path).Meta().name, "sample");
}

}  // namespace
}  // namespace handprop
