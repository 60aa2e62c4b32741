// SPDX-License-Identifier: Apache-2.0
// A set of machine-made labels as a JSON file: how a propagation or interpolation preview travels
// from the `handprop` worker process to the GUI, which shows it (ghost mesh, timeline) and writes
// the accepted spans with WriteMachineLabels (propagated_labels.h) under the never-overwrite rule.
//
//   {"format": "handprop-label-set", "version": 1, "project": "/abs/p.hpj", "method": "interpolation",
//    "model_id": "", "labels": [{"video": 1, "frame": 3, "hand": 1, "provenance": "interpolated",
//    "params": {"pose": [48], "betas": [10], "trans": [3]}, "keypoints": [63, x y z per keypoint],
//    "confidence": [21], "model_id": "", "source_frames": [0, 4], "author": "job:interpolate"}]}
//
// Units as in store_records.h (metres, camera frame of the label's video). Doubles are written as
// the shortest text that reads back to the same bits, so a round trip is exact. Writing is atomic
// (WriteFileAtomically); nothing is half-written. Thread-safe (no shared state).
// Errors: InputError "<path>: ..." naming the file and the offending field, e.g.
// "<path>: labels[3].params.pose: expected 48 finite numbers", for malformed JSON, a wrong size,
// NaN or infinity, a confidence outside [0, 1], an unknown method or provenance, or a human
// provenance (manual, corrected, verified: a label set holds machine labels only). Writing checks
// the same and throws InputError before touching the file; an unwritable path is the
// RuntimeError of WriteFileAtomically (CheckLabelSetDestination turns it into an early InputError).
#pragma once

#include <string>
#include <vector>

#include "core/io/store/store_records.h"

namespace handprop {

struct LabelSet {
  std::string project;             // the project file the labels belong to (absolute path)
  std::string method;              // "bidirectional", "nearest", "predictor", "interpolation"
  std::string model_id;            // "" for interpolation
  std::vector<LabelRecord> labels; // machine labels (never a human provenance)
};

void WriteLabelSet(const std::string& path, const LabelSet& set);
LabelSet ReadLabelSet(const std::string& path);

// InputError "<path>: ..." when the file could not be created there: its folder is missing or not
// writable, or the path is a folder. Jobs call it before their work so a bad --preview fails fast.
void CheckLabelSetDestination(const std::string& path);

}  // namespace handprop
