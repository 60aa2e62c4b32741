// SPDX-License-Identifier: Apache-2.0
// Small labelled datasets generated in code for the format tests: seeded random hands seen by
// LookAt cameras around them, smooth 32 x 32 PNG images in a TempDir (so the default image
// source works and JPEG re-encoding stays close), and a comparison helper.
#pragma once

#include <cstdint>
#include <string>

#include "core/io/formats/hand_dataset.h"
#include "core/model/hand_model.h"

namespace handprop::testing {

// A MANO-sized random model (800 vertices, so FreiHAND's tip ids exist), built once.
const HandModel& FormatsTestModel();

struct TestDatasetSpec {
  int sequences = 2;     // named "0003", "0004", ...
  int cameras = 3;       // cameras 0..C-1 of each sequence, on a circle 0.5 m from the hand
  int frames = 4;        // frames 0..F-1; frame 2 is unlabelled in every camera
  bool masks = true;     // frame 0 of each view gets a mask image
  bool vertices = false; // labels carry their posed vertices
  uint32_t seed = 1;
};

// Images and masks are written under `image_folder` (which must exist).
HandDataset MakeTestDataset(const HandModel& model, const std::string& image_folder, const TestDatasetSpec& spec);

// Compares two datasets field by field (tolerance 0: bit-exact); paths compared as strings.
::testing::AssertionResult DatasetsNear(const HandDataset& a, const HandDataset& b, double tolerance);

}  // namespace handprop::testing
