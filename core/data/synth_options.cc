// SPDX-License-Identifier: Apache-2.0
#include "core/data/synth_options.h"

#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {

std::string SynthOptions::Check() const {
  HP_OPTION_CHECK(!out.empty(), "out must name the output folder");
  HP_OPTION_CHECK(!model.empty(), "model must name openhand or a model file");
  HP_OPTION_CHECK_GE(num_train_sequences, 1);
  HP_OPTION_CHECK_GE(num_test_sequences, 0);
  HP_OPTION_CHECK(num_test_sequences == 0 || subjects.num_test_subjects >= 1,
                  "test sequences need at least one test subject (subjects.num_test_subjects >= 1)");
  HP_OPTION_CHECK_NESTED(subjects);
  HP_OPTION_CHECK_NESTED(rig);
  HP_OPTION_CHECK_NESTED(motion);
  HP_OPTION_CHECK_GE(key_frame_spacing, 1);
  HP_OPTION_CHECK(video_format != SynthVideoFormat::kMp4 || rig.image_size % 2 == 0,
                  "rig.image_size must be even for H.264 mp4 output");
  HP_OPTION_CHECK_GE(num_train_backgrounds, 1);
  HP_OPTION_CHECK_GE(num_test_backgrounds, num_test_sequences > 0 ? 1 : 0);
  HP_OPTION_CHECK_GE(threads, 0);
  return {};
}

const char* SynthVideoFormatName(SynthVideoFormat format) { return format == SynthVideoFormat::kMp4 ? "mp4" : "png"; }

SynthOptions SynthPreset(const std::string& name) {
  SynthOptions o;
  if (name == "tiny") {
    o.num_train_sequences = 1;
    o.num_test_sequences = 1;
    o.subjects.num_train_subjects = 1;
    o.subjects.num_test_subjects = 1;
    o.rig.num_cameras = 2;
    o.rig.image_size = 64;
    o.motion.num_frames = 12;
    o.key_frame_spacing = 4;
    o.num_train_backgrounds = 2;
    o.num_test_backgrounds = 1;
  } else if (name == "demo") {
    o.num_train_sequences = 3;
    o.num_test_sequences = 1;
    o.subjects.num_train_subjects = 3;
    o.subjects.num_test_subjects = 1;
    o.rig.num_cameras = 4;
    o.rig.image_size = 128;
    o.motion.num_frames = 60;
  } else if (name == "bench") {
    o.num_train_sequences = 32;
    o.num_test_sequences = 8;
    o.subjects.num_train_subjects = 8;
    o.subjects.num_test_subjects = 3;
    o.rig.num_cameras = 4;
    o.rig.image_size = 128;
    o.motion.num_frames = 120;
    o.num_train_backgrounds = 24;
    o.num_test_backgrounds = 8;
  } else {
    throw InputError("--preset " + name + ": unknown preset (tiny, demo or bench)");
  }
  return o;
}

}  // namespace handprop
