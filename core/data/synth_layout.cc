// SPDX-License-Identifier: Apache-2.0
#include "core/data/synth_output.h"

namespace handprop {

std::string SynthLayout::VideoPath(const std::string& sequence, int camera, SynthVideoFormat format) const {
  const std::string base = root_ + "/videos/" + ViewName(sequence, camera);
  return format == SynthVideoFormat::kMp4 ? base + ".mp4" : base + "/";
}

std::string SynthLayout::MaskFolder(const std::string& sequence, int camera) const {
  return root_ + "/masks/" + ViewName(sequence, camera) + "/";
}

std::unique_ptr<VideoWriter> SynthLayout::OpenVideo(const std::string& sequence, int camera, const SynthOptions& options) const {
  const int size = options.rig.image_size;
  return OpenVideoWriter(VideoPath(sequence, camera, options.video_format), options.motion.fps, size, size);
}

std::unique_ptr<VideoWriter> SynthLayout::OpenMasks(const std::string& sequence, int camera, const SynthOptions& options) const {
  const int size = options.rig.image_size;
  return OpenVideoWriter(MaskFolder(sequence, camera), options.motion.fps, size, size);
}

}  // namespace handprop
