// SPDX-License-Identifier: Apache-2.0
// How label values become column values and back (docs/project-format.md "Encodings"):
//  - numeric arrays: BLOBs of little-endian IEEE-754 float64 (float32 for embeddings), no header;
//  - source frame lists: decimal frame indices joined by ',' ("" when empty);
//  - whole labels in the history table: a "label snapshot" BLOB (magic "HPL1", the key, the 145
//    float64 values, provenance, timestamps, then length-prefixed strings and frame list), exact
//    and about a third of the size of JSON.
// Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/io/store/store_records.h"

namespace handprop {

std::string DoublesToBlob(const double* values, int count);
// Fills `out` (count values); false when the blob does not hold exactly `count` values.
bool BlobToDoubles(std::string_view blob, double* out, int count);
std::string FloatsToBlob(const float* values, int count);
bool BlobToFloats(std::string_view blob, float* out, int count);

std::string FramesToText(const std::vector<int>& frames);
std::optional<std::vector<int>> FramesFromText(std::string_view text);

// "" when the label can be stored, else the first problem, naming the field:
// "pose[3] = nan is not finite", "confidence[2] = 1.5 is outside [0, 1]",
// "a propagated label needs a model_id", "an interpolated label needs source_frames".
std::string ValidateLabel(const LabelRecord& label);

std::string LabelToSnapshot(const LabelRecord& label);
// Throws InputError "<what>: not a label snapshot (...)" when `blob` was not written by
// LabelToSnapshot (truncated, wrong magic, unknown provenance, trailing bytes).
LabelRecord LabelFromSnapshot(std::string_view blob, const std::string& what);

}  // namespace handprop
