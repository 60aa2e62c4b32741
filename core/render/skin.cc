// SPDX-License-Identifier: Apache-2.0
#include "core/render/skin.h"

#include <algorithm>

#include "core/render/render_random.h"
#include "core/render/srgb.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {

const std::array<SkinTone, kNumSkinTones>& SkinTonePalette() {
  static const std::array<SkinTone, kNumSkinTones> palette{{
      {"very light", 241, 214, 196},
      {"light", 232, 190, 164},
      {"light medium", 216, 170, 136},
      {"medium", 198, 146, 110},
      {"tan", 170, 118, 84},
      {"brown", 141, 92, 62},
      {"dark brown", 106, 68, 46},
      {"very dark", 70, 45, 32},
  }};
  return palette;
}

std::string SkinMaterial::Check() const {
  HP_OPTION_CHECK(albedo_srgb.allFinite() && albedo_srgb.minCoeff() >= 0 && albedo_srgb.maxCoeff() <= 1,
                  "albedo_srgb channels must be in [0, 1]");
  HP_OPTION_CHECK_GE(noise_amplitude, 0.0);
  HP_OPTION_CHECK_LT(noise_amplitude, 1.0);
  HP_OPTION_CHECK_GT(noise_frequency, 0.0);
  HP_OPTION_CHECK_GE(noise_octaves, 1);
  HP_OPTION_CHECK_LE(noise_octaves, 8);
  HP_OPTION_CHECK_GE(redness_amplitude, 0.0);
  HP_OPTION_CHECK_LT(redness_amplitude, 1.0);
  HP_OPTION_CHECK_GE(specular, 0.0);
  HP_OPTION_CHECK_LE(specular, 1.0);
  HP_OPTION_CHECK_GE(shininess, 1.0);
  return {};
}

SkinMaterial SkinFromTone(int index, uint64_t noise_seed) {
  HP_CHECK(index >= 0 && index < kNumSkinTones, "SkinFromTone: index ", index);
  const SkinTone& tone = SkinTonePalette()[index];
  SkinMaterial skin;
  skin.albedo_srgb = Eigen::Vector3d(tone.r, tone.g, tone.b) / 255.0;
  skin.noise_seed = noise_seed;
  return skin;
}

SkinMaterial RandomSkin(uint64_t seed) {
  RenderRng rng(MixSeed(seed, 0x5C1A));
  SkinMaterial skin = SkinFromTone(rng.UniformInt(kNumSkinTones), MixSeed(seed, 0x7E47));
  const double brightness = rng.Uniform(0.92, 1.08);
  for (int c = 0; c < 3; ++c) {
    const double linear = SrgbToLinear(skin.albedo_srgb[c]) * brightness * rng.Uniform(0.97, 1.03);
    skin.albedo_srgb[c] = LinearToSrgb(std::min(linear, 1.0));
  }
  skin.noise_amplitude = rng.Uniform(0.04, 0.14);
  skin.noise_frequency = rng.Uniform(40.0, 120.0);
  skin.redness_amplitude = rng.Uniform(0.01, 0.06);
  skin.specular = rng.Uniform(0.04, 0.18);
  skin.shininess = rng.Uniform(8.0, 40.0);
  return skin;
}

}  // namespace handprop
