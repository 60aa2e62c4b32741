// SPDX-License-Identifier: Apache-2.0
// The timeline's colours: each label provenance in the viewport's palette (ui/viewport/
// label_colours.h, docs/timeline.md), plus unlabelled frames and the uncertainty strip.
// Pure functions, any thread.
#pragma once

#include <QColor>
#include <Eigen/Core>

#include "core/io/store/store_records.h"
#include "ui/viewport/label_colours.h"

namespace handprop::ui {

// manual: bluish green, corrected: yellow, verified: sky blue,
// interpolated: reddish purple, propagated: blue, predicted: orange.
QColor ProvenanceColour(Provenance provenance);
// Frames without a label: dark grey.
QColor UnlabelledColour();
// The uncertainty strip: black at 0, vermillion at 1 (linear in between; u is clamped to [0, 1]).
QColor UncertaintyColour(float uncertainty);

}  // namespace handprop::ui
