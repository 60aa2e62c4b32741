// SPDX-License-Identifier: Apache-2.0
// sRGB transfer functions (IEC 61966-2-1). The renderer shades in linear RGB and encodes to
// 8-bit sRGB only when writing a pixel; palettes and backgrounds are given in sRGB.
// Pure functions, thread-safe.
#pragma once

#include <cstdint>

namespace handprop {

// sRGB value in [0, 1] -> linear in [0, 1].
double SrgbToLinear(double srgb);
// Linear in [0, 1] -> sRGB in [0, 1] (inputs outside [0, 1] are clamped).
double LinearToSrgb(double linear);
// Linear (clamped to [0, 1]) -> rounded 8-bit sRGB, through a 4096-entry table; differs from
// round(255 * LinearToSrgb(x)) by at most one level.
uint8_t LinearToSrgb8(float linear);

}  // namespace handprop
