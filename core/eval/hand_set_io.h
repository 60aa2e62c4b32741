// SPDX-License-Identifier: Apache-2.0
// Reading sets of hands (predictions or ground truth) for evaluation, and writing the report.
// Accepted JSON layouts (metres, camera frame, keypoints in FreiHAND order):
//   [xyz_list, verts_list]          FreiHAND's pred.json: N x K x 3 and N x V x 3; verts_list
//                                   may be [] (keypoints only)
//   {"xyz": N x K x 3, "verts": N x V x 3}   "verts" optional
//   N x K x 3                       keypoints only (FreiHAND's *_xyz.json)
//   {"keypoints": N x K x 3, "vertices": N x V x 3}   HandProp's layout, "vertices" optional
//   a folder holding one *_xyz.json and optionally the matching *_verts.json (FreiHAND's
//   training_ / evaluation_ files)
// ReadVerticesJson adds an N x V x 3 file (FreiHAND's *_verts.json) to a set read before.
// Every problem throws InputError naming the file ("gt.json: "xyz" has shape (3960, 21), expected
// (N, K, 3)"). Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/eval/hand_eval.h"

namespace handprop {

// kFreiHand accepts FreiHAND's layouts and folders only, kHandProp only {"keypoints", "vertices"}.
enum class HandSetFormat { kAuto, kFreiHand, kHandProp };

std::vector<HandSample> ReadHandSetJson(const std::string& path, HandSetFormat format = HandSetFormat::kAuto);
// The same for text in memory; `origin` names it in messages.
std::vector<HandSample> ParseHandSetJson(const std::string& text, const std::string& origin,
                                         HandSetFormat format = HandSetFormat::kAuto);

void ReadVerticesJson(const std::string& path, std::vector<HandSample>* samples);

// The report as JSON text (metres; NaN written as null). With `per_sample`, also every sample's
// errors under "samples".
std::string HandEvalReportToJson(const HandEvalReport& report, bool per_sample);

}  // namespace handprop
