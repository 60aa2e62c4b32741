// SPDX-License-Identifier: Apache-2.0
// `handprop synth`: renders a sparsely labelled, multi-view synthetic hand video dataset and
// imports it into a project. Output folder (docs/synthetic-data.md):
//   project.hpj                  videos, frames, one hand per sequence, key-frame labels only
//                                (provenance manual, author "synth")
//   videos/<seq>_cam<c>.mp4      H.264 RGB per camera (or videos/<seq>_cam<c>/ PNG frames)
//   masks/<seq>_cam<c>/          hand masks, PNG per frame (255 = hand)
//   ground_truth.hpj             every frame's label (role ground_truth), a separate file so
//                                that training code opening project.hpj can never read it
//   ground_truth.npz             per frame and camera: MANO pose/shape/translation in world and
//                                camera frames, K, extrinsics, 21 keypoints in 3D and 2D, key flag
//   synth.json                   the options, subjects, splits, backgrounds and gestures
// Everything is written into "<out>.tmp-<pid>-<n>" and renamed to <out> at the end
// (WriteFolderAtomically, util/atomic_file.h), so a failed or killed run never leaves a half-made
// dataset under the requested name. Same options and seed: the same bytes on the same machine,
// whatever the thread count.
#pragma once

#include <functional>
#include <string>

#include "core/data/synth_options.h"

namespace handprop {

struct SynthResult {
  std::string out;
  std::string project_path;
  std::string ground_truth_path;
  int sequences = 0;
  int views = 0;
  int images = 0;           // frames x views
  int labelled_images = 0;  // key frames x views
  double seconds = 0.0;
};

// Called after each rendered view with (views done, views in all); from worker threads, one call
// at a time.
using SynthProgress = std::function<void(int done, int total)>;

// InputError for bad options (naming the option), an existing non-empty output folder, a bad
// model or background folder; RuntimeError for disk or encoder failures.
SynthResult RunSynth(const SynthOptions& options, const SynthProgress& progress = {});

}  // namespace handprop
