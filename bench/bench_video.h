// SPDX-License-Identifier: Apache-2.0
// The 1080p H.264 test video of the frame-step and studio benches: a panning blurred-noise
// texture with per-frame noise and a moving block, written with OpenVideoWriter (avc1, x264's
// default 250-frame key-frame interval), seeded. Written once into a cache folder and reused.
#pragma once

#include <string>

namespace handprop::bench {

inline constexpr int kVideoWidth = 1920;
inline constexpr int kVideoHeight = 1080;

// `cache_dir`/frame_step_1080p_<frames>.mp4 (or ..._<width>x<height>_<frames>.mp4 for another
// size), written first when it is missing or has another frame count (prints how long that took).
std::string EnsureBenchVideo(const std::string& cache_dir, int frames, int width = kVideoWidth, int height = kVideoHeight);

}  // namespace handprop::bench
