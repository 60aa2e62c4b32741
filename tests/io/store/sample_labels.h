// SPDX-License-Identifier: Apache-2.0
// Deterministic project contents for the store tests and their helper process: the same seed
// gives the same bits in any process, so a test can check what a killed writer committed.
#pragma once

#include <cstdint>
#include <string>

#include "core/io/store/project_store.h"

namespace handprop::testing {

// A 640x480 30 fps video of `frames` frames with a rotated, translated camera.
VideoRecord SampleVideo(const std::string& path, const std::string& sequence, int camera_index, int frames);

// A valid label of (video, frame, hand) whose every field depends on `seed`; the provenance
// cycles through all six values with the seed (with model id and source frames where needed).
LabelRecord SampleLabel(int64_t video_id, int frame_index, int64_t hand_id, uint32_t seed);

// Creates `path` with one video ("seq", camera 0, `frames` frames) and one right hand.
struct SampleProject {
  int64_t video_id = 0;
  int64_t hand_id = 0;
};
SampleProject CreateSampleProject(const std::string& path, int frames);

}  // namespace handprop::testing
