// SPDX-License-Identifier: Apache-2.0
// Synthetic subjects and the train/test split. A subject is a hand shape (10 betas) plus a skin
// (a tone of the renderer's palette and a seed for its jitter and texture noise). Test
// sequences use subjects *and* backgrounds that no training sequence uses, so a benchmark on
// the test split measures generalisation to unseen people and places (issue 3; seed 003 evaluates
// on unseen videos).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/lbs.h"

namespace handprop {

struct Subject {
  int id = 0;
  ShapeVector betas = ShapeVector::Zero();
  uint64_t skin_seed = 0;   // RandomSkin(skin_seed): tone, jitter and texture noise
  bool test = false;        // held out: only test sequences use it
};

enum class Split { kTrain, kTest };
const char* SplitName(Split split);

struct SubjectOptions {
  int num_train_subjects = 6;
  int num_test_subjects = 2;
  double betas_stddev = 0.8;   // betas ~ N(0, s^2), clamped to +-2.5 (OpenHand: 1 = one std of the population)

  std::string Check() const;
};

// Train subjects first (ids 0..n_train-1), then test subjects. Deterministic for a seed; a
// subject depends only on the seed, its split and its index within the split.
std::vector<Subject> SampleSubjects(const SubjectOptions& options, uint64_t seed);

}  // namespace handprop
