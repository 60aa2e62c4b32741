// SPDX-License-Identifier: Apache-2.0
#include "core/data/synth_backgrounds.h"

#include <filesystem>

#include "core/render/procedural_background.h"
#include "core/util/error.h"

namespace handprop {
SynthBackgrounds::SynthBackgrounds(const SynthOptions& options) : options_(options) {
  if (options.backgrounds.empty()) return;
  photos_ = std::make_unique<PhotoBackgrounds>(options.backgrounds);
  if (options.num_test_sequences > 0) {
    if (photos_->size() < 2)
      throw InputError(options.backgrounds + ": needs at least 2 photos to keep test backgrounds apart from training ones");
    num_test_photos_ = std::max<size_t>(1, photos_->size() / 5);
  }
}

size_t SynthBackgrounds::PhotoIndex(const SequencePlan& plan, int camera) const {
  const size_t num_train = photos_->size() - num_test_photos_;
  const size_t id = static_cast<size_t>(plan.backgrounds[camera] - BackgroundPoolBegin(options_, plan.split));
  return plan.split == Split::kTrain ? id % num_train : num_train + id % num_test_photos_;
}

cv::Mat SynthBackgrounds::Background(const SequencePlan& plan, int camera) const {
  const int size = options_.rig.image_size;
  if (!photos_) return ProceduralBackground(size, size, DeriveSeed(options_.seed, kTextureStream, plan.backgrounds[camera]));
  return photos_->CropOf(PhotoIndex(plan, camera), size, size, plan.background_seeds[camera]);
}

std::string SynthBackgrounds::Describe(const SequencePlan& plan, int camera) const {
  if (!photos_) return "procedural:" + std::to_string(plan.backgrounds[camera]);
  return std::filesystem::path(photos_->files()[PhotoIndex(plan, camera)]).filename().string();
}

}  // namespace handprop
