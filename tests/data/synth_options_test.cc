// SPDX-License-Identifier: Apache-2.0
#include "core/data/synth_options.h"

#include <gtest/gtest.h>

#include <set>

#include "core/data/sparse_labels.h"
#include "core/data/synth_plan.h"
#include "core/util/error.h"

namespace handprop {
namespace {

TEST(SynthOptions, PresetsAreValidAndHaveTheDocumentedSizes) {
  for (const char* name : {"tiny", "demo", "bench"}) {
    SynthOptions o = SynthPreset(name);
    o.out = "x";
    EXPECT_EQ(o.Check(), "") << name;
  }
  const SynthOptions bench = SynthPreset("bench");
  const int views = bench.NumSequences() * bench.rig.num_cameras;
  EXPECT_EQ(bench.num_train_sequences, 32);
  EXPECT_EQ(bench.num_test_sequences, 8);
  EXPECT_EQ(views * bench.motion.num_frames, 19200);  // docs/synthetic-data.md
  EXPECT_EQ(views * static_cast<int>(KeyFrameIndices(bench.motion.num_frames, bench.key_frame_spacing).size()), 2080);
  EXPECT_THROW(SynthPreset("huge"), InputError);
}

TEST(SynthOptions, CheckNamesTheBrokenOption) {
  SynthOptions o = SynthPreset("tiny");
  EXPECT_NE(o.Check().find("out"), std::string::npos);  // no output folder yet
  o.out = "x";
  o.rig.image_size = 65;
  EXPECT_NE(o.Check().find("even"), std::string::npos);  // H.264 needs even sizes
  o.video_format = SynthVideoFormat::kPng;
  EXPECT_EQ(o.Check(), "");
  o.subjects.num_test_subjects = 0;
  EXPECT_NE(o.Check().find("test subject"), std::string::npos);
}

TEST(SynthPlan, TestSequencesGetHeldOutSubjectsAndBackgrounds) {
  SynthOptions o = SynthPreset("bench");
  o.out = "x";
  const std::vector<Subject> subjects = SampleSubjects(o.subjects, 5);
  const std::vector<SequencePlan> plans = PlanSequences(o, subjects);
  ASSERT_EQ(plans.size(), 40u);
  std::set<int> train_subjects_used;
  for (const SequencePlan& p : plans) {
    EXPECT_EQ(subjects[p.subject].test, p.split == Split::kTest) << p.name;
    if (p.split == Split::kTrain) train_subjects_used.insert(p.subject);
    for (int b : p.backgrounds) {
      EXPECT_GE(b, BackgroundPoolBegin(o, p.split));
      EXPECT_LT(b, BackgroundPoolBegin(o, p.split) + BackgroundPoolSize(o, p.split));
    }
  }
  EXPECT_EQ(train_subjects_used.size(), 8u);  // every train subject appears
  // Seeds are derived per stream and index: the same plan twice, different seeds differ.
  EXPECT_EQ(PlanSequences(o, subjects)[3].motion_seed, plans[3].motion_seed);
  EXPECT_NE(plans[3].motion_seed, plans[4].motion_seed);
}

}  // namespace
}  // namespace handprop
