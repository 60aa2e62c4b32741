// SPDX-License-Identifier: Apache-2.0
// What each synthetic sequence is made of, decided up front from the options and the seed so
// that every (sequence, camera) can then be rendered independently and in any order:
// its split, subject, motion and light seeds and one background per camera. Train sequences
// cycle through the train subjects and draw backgrounds from the train pool; test sequences
// use the held-out subjects and the held-out background pool. Every seed derives from (split,
// index within the split), so adding training sequences leaves the test sequences as they were.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/derived_seed.h"
#include "core/data/subjects.h"
#include "core/data/synth_options.h"

namespace handprop {

struct SequencePlan {
  std::string name;                 // "0000", "0001", ... (HanCo sequence ids)
  Split split = Split::kTrain;
  int subject = 0;                  // index into the subject list
  uint64_t motion_seed = 0;
  uint64_t light_seed = 0;
  std::vector<int> backgrounds;     // per camera: an id of the split's pool (see BackgroundPool)
  std::vector<uint64_t> background_seeds;  // per camera: the crop / texture seed
};

std::vector<SequencePlan> PlanSequences(const SynthOptions& options, const std::vector<Subject>& subjects);

// Background ids: train ids are 0..num_train_backgrounds-1, test ids follow them.
int BackgroundPoolBegin(const SynthOptions& options, Split split);
int BackgroundPoolSize(const SynthOptions& options, Split split);

}  // namespace handprop
