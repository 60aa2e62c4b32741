// SPDX-License-Identifier: Apache-2.0
#include "ui/timeline/provenance_colours.h"

#include <algorithm>
#include <array>

namespace handprop::ui {
namespace {
constexpr std::array<int, 3> kVermillion = {213, 94, 0};  // Okabe & Ito's vermillion
}  // namespace

QColor ProvenanceColour(Provenance provenance) {
  const Eigen::Vector3f rgb = ProvenanceRgb(provenance) * 255.0f;
  return QColor(static_cast<int>(rgb[0] + 0.5f), static_cast<int>(rgb[1] + 0.5f), static_cast<int>(rgb[2] + 0.5f));
}

QColor UnlabelledColour() { return QColor(64, 64, 64); }

QColor UncertaintyColour(float uncertainty) {
  const float u = std::clamp(uncertainty, 0.0f, 1.0f);
  return QColor(static_cast<int>(kVermillion[0] * u + 0.5f), static_cast<int>(kVermillion[1] * u + 0.5f),
                static_cast<int>(kVermillion[2] * u + 0.5f));
}

}  // namespace handprop::ui
