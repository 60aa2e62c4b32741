// SPDX-License-Identifier: Apache-2.0
// The never-overwrite rule: a job's labels replace machine labels and never human ones.
#include "core/propagate/propagated_labels.h"

#include <gtest/gtest.h>

#include "tests/io/store/sample_labels.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::ErrorMessageOf;

LabelRecord Label(const testing::SampleProject& p, int frame, Provenance provenance, uint32_t seed) {
  LabelRecord label = testing::SampleLabel(p.video_id, frame, p.hand_id, seed);
  label.provenance = provenance;
  label.model_id = "m";
  label.source_frames = {0};
  label.author = "someone";
  return label;
}

TEST(PropagatedLabelsTest, HumanLabelsAreKeptAndMachineLabelsReplaced) {
  testing::TempDir dir;
  const std::string path = dir.File("p.hpj");
  const testing::SampleProject p = testing::CreateSampleProject(path, 10);
  ProjectStore store = ProjectStore::Open(path);
  // Frames 0..5 hold one label of each provenance; 6..9 are empty.
  const Provenance all[] = {Provenance::kManual,    Provenance::kInterpolated, Provenance::kPropagated,
                            Provenance::kPredicted, Provenance::kCorrected,    Provenance::kVerified};
  for (int f = 0; f < 6; ++f) store.PutLabel(Label(p, f, all[f], 100 + f));
  std::vector<LabelRecord> before;
  for (int f = 0; f < 6; ++f) before.push_back(*store.Label(p.video_id, f, p.hand_id));

  std::vector<LabelRecord> job;
  for (int f = 0; f < 10; ++f) job.push_back(Label(p, f, Provenance::kPropagated, 900 + f));
  const MachineLabelWrite w = WriteMachineLabels(store, job);
  EXPECT_EQ(w.kept_human, 3);
  EXPECT_EQ(w.written, 7);
  EXPECT_EQ(w.replaced, 3);
  for (int f = 0; f < 10; ++f) {
    const LabelRecord now = *store.Label(p.video_id, f, p.hand_id);
    const bool human = f < 6 && IsHumanProvenance(all[f]);
    const LabelRecord& expected = human ? before[f] : job[f];
    EXPECT_EQ(now.provenance, expected.provenance) << f;
    EXPECT_EQ(now.params.pose, expected.params.pose) << f;
    EXPECT_EQ(now.confidence, expected.confidence) << f;
  }
}

TEST(PropagatedLabelsTest, AJobMayNotWriteHumanLabelsAndWritesNothingThen) {
  testing::TempDir dir;
  const std::string path = dir.File("p.hpj");
  const testing::SampleProject p = testing::CreateSampleProject(path, 4);
  ProjectStore store = ProjectStore::Open(path);
  const std::vector<LabelRecord> job = {Label(p, 0, Provenance::kPropagated, 1), Label(p, 1, Provenance::kVerified, 2)};
  EXPECT_EQ(ErrorMessageOf([&] { WriteMachineLabels(store, job); }),
            path + ": a job may not write a verified label (video " + std::to_string(p.video_id) + ", frame 1)");
  EXPECT_EQ(store.LabelCount(), 0);
}

TEST(PropagatedLabelsTest, MachineLabelsFromAResultSkipKeyFramesAndCarryTheirOrigin) {
  VideoPropagation result;
  result.video_id = 3;
  result.hand_id = 7;
  for (int f = 0; f < 3; ++f) {
    PropagatedFrame frame;
    frame.frame = f;
    frame.key_frame = f == 0;
    frame.nearest.source_frames = {0};
    frame.bidirectional.source_frames = {0, 2};
    frame.bidirectional.confidence.setConstant(0.25);
    frame.predictor.params.trans.z() = 0.5 + f;
    result.frames.push_back(frame);
  }
  const std::vector<LabelRecord> both = MachineLabels(result, PropagationMode::kBidirectional, "propagator:ab", "job:x");
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].frame_index, 1);
  EXPECT_EQ(both[0].video_id, 3);
  EXPECT_EQ(both[0].hand_id, 7);
  EXPECT_EQ(both[0].provenance, Provenance::kPropagated);
  EXPECT_EQ(both[0].model_id, "propagator:ab");
  EXPECT_EQ(both[0].source_frames, (std::vector<int>{0, 2}));
  EXPECT_EQ(both[0].confidence[5], 0.25);
  EXPECT_EQ(both[0].author, "job:x");
  const std::vector<LabelRecord> predicted = MachineLabels(result, PropagationMode::kPredictor, "m", "job:x");
  ASSERT_EQ(predicted.size(), 2u);
  EXPECT_EQ(predicted[1].provenance, Provenance::kPredicted);
  EXPECT_EQ(predicted[1].params.trans.z(), 2.5);
}

}  // namespace
}  // namespace handprop
