// SPDX-License-Identifier: Apache-2.0
#include "core/data/subjects.h"

#include <algorithm>

#include "core/data/derived_seed.h"
#include "core/model/openhand/random.h"
#include "core/util/option_check.h"

namespace handprop {

const char* SplitName(Split split) { return split == Split::kTrain ? "train" : "test"; }

std::string SubjectOptions::Check() const {
  HP_OPTION_CHECK_GE(num_train_subjects, 1);
  HP_OPTION_CHECK_GE(num_test_subjects, 0);
  HP_OPTION_CHECK_GE(betas_stddev, 0.0);
  HP_OPTION_CHECK_LE(betas_stddev, 2.5);
  return {};
}

std::vector<Subject> SampleSubjects(const SubjectOptions& options, uint64_t seed) {
  std::vector<Subject> subjects;
  const int total = options.num_train_subjects + options.num_test_subjects;
  for (int id = 0; id < total; ++id) {
    // Each subject's own stream: the held-out subjects stay the same whatever the train count.
    const bool test = id >= options.num_train_subjects;
    const int index_in_split = test ? id - options.num_train_subjects : id;
    openhand::SeededRandom random(DeriveSeed(seed, (test ? static_cast<uint64_t>(kTestSplitStream) : 0) | kSubjectStream, index_in_split));
    Subject s;
    s.id = id;
    for (int b = 0; b < kNumBetas; ++b) s.betas[b] = std::clamp(random.Normal(0.0, options.betas_stddev), -2.5, 2.5);
    s.skin_seed = static_cast<uint64_t>(random.Uniform() * 9007199254740992.0);  // 2^53
    s.test = test;
    subjects.push_back(s);
  }
  return subjects;
}

}  // namespace handprop
