// SPDX-License-Identifier: Apache-2.0
#include "core/render/srgb.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace handprop {
namespace {

constexpr int kTableSize = 4096;

std::array<uint8_t, kTableSize + 1> MakeTable() {
  std::array<uint8_t, kTableSize + 1> table{};
  for (int i = 0; i <= kTableSize; ++i)
    table[i] = static_cast<uint8_t>(std::lround(255.0 * LinearToSrgb(static_cast<double>(i) / kTableSize)));
  return table;
}

}  // namespace

double SrgbToLinear(double s) {
  s = std::clamp(s, 0.0, 1.0);
  return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
}

double LinearToSrgb(double l) {
  l = std::clamp(l, 0.0, 1.0);
  return l <= 0.0031308 ? 12.92 * l : 1.055 * std::pow(l, 1.0 / 2.4) - 0.055;
}

uint8_t LinearToSrgb8(float linear) {
  static const std::array<uint8_t, kTableSize + 1> table = MakeTable();
  if (!(linear > 0.0f)) return 0;  // also NaN
  const float x = linear < 1.0f ? linear : 1.0f;
  return table[static_cast<int>(x * kTableSize + 0.5f)];
}

}  // namespace handprop
