// SPDX-License-Identifier: Apache-2.0
// The one palette of label provenances, shared by the viewport (mesh tint, keypoint rims) and
// the timeline (ui/timeline/provenance_colours.h turns it into QColors). Okabe & Ito's
// colour-universal palette, so the six stay apart with the common colour-vision deficiencies; in
// SLEAP's spirit labels a person made (manual bluish green, corrected yellow, verified sky blue)
// differ from machine labels (interpolated reddish purple, propagated blue, predicted orange),
// and machine labels tint the mesh more strongly. RGB in [0, 1]. Pure functions, any thread.
#pragma once

#include <Eigen/Core>

#include "core/io/store/store_records.h"

namespace handprop::ui {

Eigen::Vector3f ProvenanceRgb(Provenance provenance);

// A style's label_colour and label_tint for `provenance`: human labels tint the mesh lightly
// (0.25), machine labels more (0.45), so a prediction is told apart at a glance.
struct LabelLook {
  Eigen::Vector3f colour;
  float tint = 0.0f;
};
LabelLook ProvenanceLook(Provenance provenance);

}  // namespace handprop::ui
