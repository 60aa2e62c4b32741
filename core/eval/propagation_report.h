// SPDX-License-Identifier: Apache-2.0
// Writing a PropagationTable: the seed 003 Table I layout as Markdown (errors in mm), the whole
// table as JSON, the error-against-distance curve as CSV and as a PNG plot. Files are written
// atomically.
#pragma once

#include <string>

#include "core/eval/propagation_table.h"

namespace handprop {

// One Markdown table per split, rows = methods, columns F@5 F@15 MPVPE MPVPE(P) MPJPE MPJPE(T)
// MPJPE(SD) MPJPE(P), plus a gesture-frames table when any frame is inside a gesture.
std::string PropagationTableMarkdown(const PropagationTable& table);
std::string PropagationTableJson(const PropagationTable& table);
// method,split,distance,frames,mpjpe_mm,mpjpe_p_mm
std::string PropagationCurveCsv(const PropagationTable& table);
// MPJPE (mm) against the distance to the nearest key frame, one line per method, for `split`.
void WritePropagationCurvePng(const PropagationTable& table, const std::string& split, const std::string& path);

}  // namespace handprop
