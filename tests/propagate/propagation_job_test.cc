// SPDX-License-Identifier: Apache-2.0
// RunPropagationJob on a tiny synthetic project: every unlabelled frame gets a propagated label
// with its origin; human labels (manual key frames, a corrected and a verified frame) are never
// overwritten and become key frames themselves; a second run replaces only machine labels; the
// runs table records the jobs. (The write-time check against a label saved during the job is
// tested on the store in propagated_labels_test.)
#include "core/propagate/propagation_job.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>

#include "core/data/synth_job.h"
#include "core/io/store/project_store.h"
#include "core/train/propagator_trainer.h"
#include "tests/support/test_util.h"
#include "tests/support/tiny_project.h"

namespace handprop {
namespace {

using testing::ErrorMessageOf;
using testing::TempDir;

TEST(PropagationJobTest, WritesPropagatedLabelsAndNeverOverwritesHumanOnes) {
  at::set_num_threads(1);
  TempDir dir;
  const SynthResult project = testing::RenderTinyProject(dir.File("synth"), 9);
  PropagatorTrainerOptions o;
  o.stage = 3;
  o.steps = 0;
  o.network.crop_size = 40;
  std::filesystem::create_directories(dir.File("model"));
  PropagatorTrainer(o).SaveCheckpoint(dir.File("model/propagator.ckpt"));

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

  const ProjectStore store = ProjectStore::Open(project.project_path, {.read_only = true});
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
  EXPECT_EQ(ProjectStore::Open(project.project_path, {.read_only = true}).Label(video, 3, hand)->source_frames,
            (std::vector<int>{2}));

  const std::vector<RunRecord> runs = ProjectStore::Open(project.project_path, {.read_only = true}).Runs();
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
  PropagatorTrainerOptions o;
  o.stage = 3;
  o.steps = 0;
  o.network.crop_size = 32;
  PropagatorTrainer(o).SaveCheckpoint(dir.File("p.ckpt"));
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
