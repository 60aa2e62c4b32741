// SPDX-License-Identifier: Apache-2.0
#include "core/data/synth_plan.h"

#include <cstdio>

#include "core/model/openhand/random.h"

namespace handprop {
int BackgroundPoolBegin(const SynthOptions& options, Split split) {
  return split == Split::kTrain ? 0 : options.num_train_backgrounds;
}

int BackgroundPoolSize(const SynthOptions& options, Split split) {
  return split == Split::kTrain ? options.num_train_backgrounds : options.num_test_backgrounds;
}

std::vector<SequencePlan> PlanSequences(const SynthOptions& options, const std::vector<Subject>& subjects) {
  std::vector<int> train_subjects, test_subjects;
  for (int i = 0; i < static_cast<int>(subjects.size()); ++i) (subjects[i].test ? test_subjects : train_subjects).push_back(i);
  std::vector<SequencePlan> plans;
  for (int s = 0; s < options.NumSequences(); ++s) {
    SequencePlan plan;
    char name[32];
    std::snprintf(name, sizeof(name), "%04d", s);  // HanCo-style sequence ids
    plan.name = name;
    plan.split = s < options.num_train_sequences ? Split::kTrain : Split::kTest;
    const std::vector<int>& pool = plan.split == Split::kTrain ? train_subjects : test_subjects;
    const int index_in_split = plan.split == Split::kTrain ? s : s - options.num_train_sequences;
    plan.subject = pool[index_in_split % pool.size()];
    const uint64_t split = plan.split == Split::kTest ? static_cast<uint64_t>(kTestSplitStream) : 0;
    plan.motion_seed = DeriveSeed(options.seed, split | kMotionStream, index_in_split);
    plan.light_seed = DeriveSeed(options.seed, split | kLightStream, index_in_split);
    openhand::SeededRandom random(DeriveSeed(options.seed, split | kSequenceStream, index_in_split));
    const int begin = BackgroundPoolBegin(options, plan.split), size = BackgroundPoolSize(options, plan.split);
    for (int c = 0; c < options.rig.num_cameras; ++c) {
      plan.backgrounds.push_back(begin + std::min(size - 1, static_cast<int>(random.Uniform() * size)));
      plan.background_seeds.push_back(DeriveSeed(options.seed, split | kBackgroundStream, index_in_split * kMaxRigCameras + c));
    }
    plans.push_back(plan);
  }
  return plans;
}

}  // namespace handprop
