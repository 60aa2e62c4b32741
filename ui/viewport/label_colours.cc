// SPDX-License-Identifier: Apache-2.0
#include "ui/viewport/label_colours.h"

#include <array>

namespace handprop::ui {
namespace {
// Okabe & Ito (2008), "Color Universal Design"; indexed by Provenance (8-bit RGB).
constexpr std::array<std::array<int, 3>, kNumProvenances> kRgb = {{
    {0, 158, 115},    // manual: bluish green
    {204, 121, 167},  // interpolated: reddish purple
    {0, 114, 178},    // propagated: blue
    {230, 159, 0},    // predicted: orange
    {240, 228, 66},   // corrected: yellow
    {86, 180, 233},   // verified: sky blue
}};
}  // namespace

Eigen::Vector3f ProvenanceRgb(Provenance provenance) {
  const auto& rgb = kRgb.at(static_cast<size_t>(provenance));
  return Eigen::Vector3f(static_cast<float>(rgb[0]), static_cast<float>(rgb[1]), static_cast<float>(rgb[2])) / 255.0f;
}

LabelLook ProvenanceLook(Provenance provenance) {
  return {ProvenanceRgb(provenance), IsHumanProvenance(provenance) ? 0.25f : 0.45f};
}

}  // namespace handprop::ui
