// SPDX-License-Identifier: Apache-2.0
// The background behind each synthetic view (seed 000's background randomisation). A background
// pool id names a "place": procedural ids are textures seeded by the id; with a photo folder,
// ids map onto its photos, the last fifth of the folder (at least one photo) reserved for test
// ids, so test sequences never show a training photo. Each camera of a sequence sees its own
// crop (photos) or its own place.
#pragma once

#include <memory>
#include <opencv2/core.hpp>
#include <string>

#include "core/data/synth_options.h"
#include "core/data/synth_plan.h"
#include "core/render/photo_backgrounds.h"

namespace handprop {

class SynthBackgrounds {
 public:
  // Lists the photo folder when options.backgrounds is set (InputError when it is missing,
  // empty, or holds fewer than 2 photos while test sequences are asked for).
  explicit SynthBackgrounds(const SynthOptions& options);

  // The background of `camera` of `plan`, size x size, CV_8UC3 BGR. Thread-safe.
  cv::Mat Background(const SequencePlan& plan, int camera) const;

  // "procedural:<id>" or the photo's file name, for the manifest.
  std::string Describe(const SequencePlan& plan, int camera) const;

 private:
  size_t PhotoIndex(const SequencePlan& plan, int camera) const;

  SynthOptions options_;
  std::unique_ptr<PhotoBackgrounds> photos_;
  size_t num_test_photos_ = 0;
};

}  // namespace handprop
