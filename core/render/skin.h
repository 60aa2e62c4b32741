// SPDX-License-Identifier: Apache-2.0
// Per-subject skin: a base albedo from a small palette of realistic skin tones, a procedural
// texture (value noise at the rest-pose position, value_noise.h) and Blinn-Phong specularity.
//
// The palette (sRGB, light to dark) spans the range of the Fitzpatrick I-VI types and of
// Google's 10-step Monk Skin Tone scale; values are diffuse albedos, i.e. how the skin looks
// under neutral white light, not the brightest rendered value. docs/rendering.md lists them.
#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <string>

namespace handprop {

struct SkinTone {
  const char* name;
  uint8_t r, g, b;  // sRGB
};
inline constexpr int kNumSkinTones = 8;
const std::array<SkinTone, kNumSkinTones>& SkinTonePalette();

struct SkinMaterial {
  Eigen::Vector3d albedo_srgb = Eigen::Vector3d(216, 170, 136) / 255.0;  // R, G, B in [0, 1], sRGB
  // Texture: albedo *= 1 + noise_amplitude * n(p) with n in [-1, 1] the fractal noise of the
  // rest-pose position p scaled by noise_frequency (lattice cells per metre); a second noise
  // field shifts the colour towards red by up to redness_amplitude (blotches, veins).
  double noise_amplitude = 0.10;   // [0, 1)
  double noise_frequency = 70.0;   // > 0, 1/metre
  int noise_octaves = 3;           // [1, 8]
  double redness_amplitude = 0.04; // [0, 1)
  uint64_t noise_seed = 1;
  // Blinn-Phong: specular reflectance (grey, linear) and exponent.
  double specular = 0.10;    // [0, 1]
  double shininess = 20.0;   // >= 1

  std::string Check() const;
};

// The palette tone `index` (0 = lightest .. kNumSkinTones - 1 = darkest) with default texture.
SkinMaterial SkinFromTone(int index, uint64_t noise_seed = 1);

// A random subject: a palette tone picked uniformly, its albedo jittered (brightness +-8%,
// each channel +-3% in linear space), texture amplitude [0.04, 0.14], frequency [40, 120] /m,
// specular [0.04, 0.18], shininess [8, 40]. Deterministic per seed.
SkinMaterial RandomSkin(uint64_t seed);

}  // namespace handprop
