// SPDX-License-Identifier: Apache-2.0
// RunPropagationJob on a tiny synthetic project: every unlabelled frame gets a propagated label
// with its origin; human labels (manual key frames, a corrected and a verified frame) are never
// overwritten and become key frames themselves; a second run replaces only machine labels; the
// runs table records the jobs. (The write-time check against a label saved during the job is
// tested on the store in propagated_labels_test.) Previews: the same labels in a file (or returned
// in-process), the project's labels untouched.
#include "core/propagate/propagation_job.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>

#include "core/data/synth_job.h"
#include "core/io/store/project_store.h"
#include "core/propagate/label_set_file.h"
#include "tests/support/label_matchers.h"
#include "tests/support/test_util.h"
#include "tests/support/tiny_project.h"
#include "tests/support/untrained_propagator.h"

namespace handprop {
namespace {

using testing::ErrorMessageOf;
using testing::TempDir;

TEST(PropagationJobTest, WritesPropagatedLabelsAndNeverOverwritesHumanOnes) {
  at::set_num_threads(1);
  TempDir dir;
  const SynthResult project = testing::RenderTinyProject(dir.File("synth"), 9);
  testing::SaveUntrainedPropagator(dir.File("model/propagator.ckpt"), 40);

  // The annotator has corrected frame 2 and verified frame 6 of the first video.
  int64_t video = 0, hand = 0;
  LabelRecord corrected, verified;
  {
    ProjectStore store = ProjectStore::Open(project.project_path);
    const LabelRecord key = store.Labels(store.Videos().front().id).front();
    video = key.video_id;
    hand = key.hand_id;
    corrected = key;
    corrected.frame_index = 2;
    corrected.provenance = Provenance::kCorrected;
    corrected.params.trans.x() += 0.01;
    verified = key;
    verified.frame_index = 6;
    verified.provenance = Provenance::kVerified;
    store.PutLabel(corrected);
    store.PutLabel(verified);
  }
  PropagationJobOptions options;
  options.project = project.project_path;
  options.model = dir.File("model");  // a training folder: its propagator.ckpt
  const PropagationJobResult first = RunPropagationJob(options);
  ASSERT_EQ(first.videos.size(), 4u);
  int written = 0;
  for (const PropagatedVideo& v : first.videos) written += v.write.written;
  // Human labels are key frames: frames 2 and 6 anchor the propagation and are not written.
  EXPECT_EQ(written, 4 * 8 - 2);
  EXPECT_EQ(first.videos.front().write.kept_human, 0);

  const ProjectStore store = ProjectStore::Open(project.project_path, StoreOpenOptions::ReadOnly());
  for (const LabelRecord& l : store.AllLabels()) {
    if (l.video_id == video && (l.frame_index == 2 || l.frame_index == 6)) continue;
    const bool key = l.frame_index % 4 == 0 || l.frame_index == 11;
    EXPECT_EQ(l.provenance, key ? Provenance::kManual : Provenance::kPropagated) << l.frame_index;
    if (key) continue;
    EXPECT_EQ(l.model_id, first.model_id);
    ASSERT_EQ(l.source_frames.size(), 2u);  // bidirectional: both key frames
    EXPECT_LT(l.source_frames[0], l.frame_index);
    EXPECT_GT(l.source_frames[1], l.frame_index);
    EXPECT_EQ(l.author, "job:propagate");
    EXPECT_TRUE((l.confidence.array() >= 0).all() && (l.confidence.array() <= 1).all());
  }
  EXPECT_EQ(store.Label(video, 2, hand)->provenance, Provenance::kCorrected);
  EXPECT_EQ(store.Label(video, 2, hand)->params.trans, corrected.params.trans);
  EXPECT_EQ(store.Label(video, 6, hand)->provenance, Provenance::kVerified);

  // A second run over one span of one video replaces machine labels only.
  options.video_id = video;
  options.first = 1;
  options.last = 7;
  options.mode = PropagationMode::kNearest;
  const PropagationJobResult second = RunPropagationJob(options);
  ASSERT_EQ(second.videos.size(), 1u);
  EXPECT_EQ(second.videos[0].write.written, 4);   // 1, 3, 5, 7
  EXPECT_EQ(second.videos[0].write.replaced, 4);
  EXPECT_EQ(second.videos[0].write.kept_human, 0);
  // Frame 3 lies between key frames 2 (the corrected one) and 4; ties go to the earlier.
  EXPECT_EQ(ProjectStore::Open(project.project_path, StoreOpenOptions::ReadOnly()).Label(video, 3, hand)->source_frames,
            (std::vector<int>{2}));

  const std::vector<RunRecord> runs = ProjectStore::Open(project.project_path, StoreOpenOptions::ReadOnly()).Runs();
  ASSERT_EQ(runs.size(), 2u);
  for (const RunRecord& r : runs) {
    EXPECT_EQ(r.kind, "propagate");
    EXPECT_EQ(r.status, RunStatus::kFinished);
    EXPECT_EQ(r.checkpoint_path, dir.File("model/propagator.ckpt"));
  }
}

TEST(PropagationJobTest, EveryVideoClampsTheSpanToItsLength) {
  at::set_num_threads(1);
  TempDir dir;
  const SynthResult project = testing::RenderTinyProject(dir.File("synth"), 0);
  testing::SaveUntrainedPropagator(dir.File("p.ckpt"), 32);
  PropagationJobOptions options;
  options.project = project.project_path;
  options.model = dir.File("p.ckpt");
  options.first = 9;
  options.last = 100;  // the videos have 12 frames
  const PropagationJobResult r = RunPropagationJob(options);
  ASSERT_EQ(r.videos.size(), 4u);
  for (const PropagatedVideo& v : r.videos) {
    EXPECT_EQ(v.last, 11);
    EXPECT_EQ(v.write.written, 2);  // 9 and 10 (11 is a key frame)
  }
  options.first = 12;
  const PropagationJobResult none = RunPropagationJob(options);
  EXPECT_TRUE(none.videos.empty());
  EXPECT_EQ(none.skipped.size(), 4u);
}

TEST(PropagationJobTest, PreviewLeavesTheProjectAndEqualsWhatTheJobWrites) {
  at::set_num_threads(1);
  TempDir dir;
  const SynthResult project = testing::RenderTinyProject(dir.File("synth"), 4);
  testing::SaveUntrainedPropagator(dir.File("p.ckpt"), 32);
  const auto labels = [&] { return ProjectStore::Open(project.project_path, StoreOpenOptions::ReadOnly()).AllLabels(); };
  const std::vector<LabelRecord> before = labels();
  PropagationJobOptions options;
  options.project = project.project_path;
  options.model = dir.File("p.ckpt");
  options.video_id = before.front().video_id;
  options.mode = PropagationMode::kNearest;

  // An unwritable preview path fails before any work: no run is recorded.
  options.preview = dir.File("no/such/preview.json");
  EXPECT_EQ(ErrorMessageOf([&] { RunPropagationJob(options); }),
            options.preview + ": folder " + dir.File("no/such") + " does not exist");

  options.preview = dir.File("preview.json");
  const PropagationJobResult previewed = RunPropagationJob(options);
  ASSERT_EQ(previewed.videos.size(), 1u);
  EXPECT_EQ(previewed.preview_labels, 8);  // 12 frames, key frames 0, 4, 8, 11
  EXPECT_EQ(previewed.videos[0].preview_labels, 8);
  EXPECT_EQ(previewed.videos[0].write.written, 0);
  const std::vector<LabelRecord> after_preview = labels();
  ASSERT_EQ(after_preview.size(), before.size());  // label-identical
  for (size_t i = 0; i < before.size(); ++i) {
    testing::ExpectSameLabel(after_preview[i], before[i]);
    EXPECT_EQ(after_preview[i].updated_at_ms, before[i].updated_at_ms);
  }
  const LabelSet file = ReadLabelSet(options.preview);
  EXPECT_EQ(file.project, std::filesystem::absolute(project.project_path).lexically_normal().string());
  EXPECT_EQ(file.method, "nearest");
  EXPECT_EQ(file.model_id, previewed.model_id);
  ASSERT_EQ(file.labels.size(), 8u);

  // The GUI thread's in-process preview gives the same labels.
  const LabelSet in_process = ComputePropagationPreview(options);
  ASSERT_EQ(in_process.labels.size(), file.labels.size());
  for (size_t i = 0; i < file.labels.size(); ++i) testing::ExpectSameLabel(in_process.labels[i], file.labels[i]);
  EXPECT_EQ(labels().size(), before.size());

  // The writing job writes exactly the preview's labels.
  options.preview.clear();
  const PropagationJobResult written = RunPropagationJob(options);
  EXPECT_EQ(written.videos[0].write.written, 8);
  EXPECT_EQ(written.preview_labels, 0);
  const ProjectStore store = ProjectStore::Open(project.project_path, StoreOpenOptions::ReadOnly());
  for (const LabelRecord& l : file.labels) testing::ExpectSameLabel(*store.Label(l.video_id, l.frame_index, l.hand_id), l);

  const std::vector<RunRecord> runs = store.Runs();
  ASSERT_EQ(runs.size(), 2u);
  for (const RunRecord& r : runs) EXPECT_EQ(r.kind, "propagate");
  EXPECT_NE(runs[0].options_json.find("\"preview\":\"" + dir.File("preview.json") + "\""), std::string::npos)
      << runs[0].options_json;
  EXPECT_EQ(runs[1].options_json.find("preview"), std::string::npos);
}

TEST(PropagationJobTest, Errors) {
  TempDir dir;
  EXPECT_EQ(ErrorMessageOf([&] { ResolveModelCheckpoint(dir.path()); }),
            dir.path() + ": holds no propagator.ckpt (train one with `handprop train propagator`)");
  EXPECT_EQ(ErrorMessageOf([&] { ResolveModelCheckpoint(dir.File("x.ckpt")); }),
            dir.File("x.ckpt") + ": no such checkpoint or training folder");
  PropagationJobOptions options;
  options.project = "p.hpj";
  options.model = "m";
  options.first = 5;
  options.last = 4;
  EXPECT_EQ(ErrorMessageOf([&] { RunPropagationJob(options); }),
            "propagation options: frames must be first:last with first <= last");
}

}  // namespace
}  // namespace handprop
