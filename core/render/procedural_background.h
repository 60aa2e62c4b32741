// SPDX-License-Identifier: Apache-2.0
// Procedural background images for background randomisation when no photo folder is given:
// smooth colour noise, linear gradients, stripes, rotated checkers and blurred blobs, each with
// random colours and a little film grain. Output: CV_8UC3, OpenCV's B, G, R order, sRGB.
// Deterministic per (width, height, seed, kind) with any OpenCV thread count; thread-safe.
#pragma once

#include <opencv2/core.hpp>

#include <cstdint>

namespace handprop {

enum class BackgroundKind { kColourNoise, kGradient, kStripes, kChecker, kBlobs };
inline constexpr int kNumBackgroundKinds = 5;
const char* BackgroundKindName(BackgroundKind kind);

// A background of the given kind. width, height >= 1 (HP_CHECK).
cv::Mat ProceduralBackground(int width, int height, uint64_t seed, BackgroundKind kind);

// A background whose kind is also drawn from the seed (uniformly).
cv::Mat ProceduralBackground(int width, int height, uint64_t seed);

}  // namespace handprop
