// SPDX-License-Identifier: Apache-2.0
// Options of the synthetic sparsely labelled video generator (`handprop synth`, synth_job.h)
// and its three presets (docs/synthetic-data.md has the sizes):
//   tiny  - unit tests: 2 sequences (1 train, 1 test) x 2 cameras x 12 frames at 64 px, seconds;
//   demo  - the README demo: 4 sequences (3 train, 1 test) x 4 cameras x 60 frames at 128 px;
//   bench - the accuracy benchmark of the propagation and pretraining work: 40 sequences of
//           8 train and 3 unseen test subjects (32 train, 8 test sequences; test backgrounds
//           unseen too) x 4 cameras x 120 frames (4 s at 30 fps) at 128 px, a key frame every
//           10th frame: 19,200 images, 2,080 of them labelled.
#pragma once

#include <cstdint>
#include <string>

#include "core/data/camera_rig.h"
#include "core/data/hand_motion.h"
#include "core/data/subjects.h"

namespace handprop {

enum class SynthVideoFormat { kMp4, kPng };

struct SynthOptions {
  std::string out;                    // output folder; must not exist or be empty
  std::string model = "openhand";     // 'openhand' or a converted MANO file (right hand)
  uint64_t seed = 0;
  int num_train_sequences = 3;
  int num_test_sequences = 1;
  SubjectOptions subjects;            // train subjects feed train sequences, test subjects test ones
  CameraRigOptions rig;
  MotionOptions motion;               // num_frames, fps, speed, gestures
  int key_frame_spacing = 10;         // a label on every N-th frame, the first and the last
  SynthVideoFormat video_format = SynthVideoFormat::kMp4;
  std::string backgrounds;            // folder of photos; "" = procedural backgrounds
  int num_train_backgrounds = 12;     // pool sizes: test sequences draw from a disjoint pool
  int num_test_backgrounds = 4;
  int threads = 0;                    // 0 = every core (threads.h)

  std::string Check() const;
  int NumSequences() const { return num_train_sequences + num_test_sequences; }
};

// "tiny", "demo" or "bench"; InputError naming the preset otherwise. `out` and `seed` stay empty/0.
SynthOptions SynthPreset(const std::string& name);

const char* SynthVideoFormatName(SynthVideoFormat format);  // "mp4", "png"

}  // namespace handprop
