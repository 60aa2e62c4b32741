// SPDX-License-Identifier: Apache-2.0
// The hand-pose metrics of the seeds, computed over a set of predicted hands against ground
// truth (metres in, metres out; the CLI prints millimetres):
//  - seed 003 Table I: MPJPE unaligned, (T) root-translated, (SD) scale-and-depth aligned,
//    (P) Procrustes aligned; MPVPE and MPVPE (P); F@5 mm and F@15 mm on Procrustes-aligned meshes;
//  - FreiHAND (seeds 000, 001): PCK over 0-50 mm (100 steps, `<=`) and its AUC, unaligned and
//    Procrustes aligned; F-scores unaligned too;
//  - STB/RHD protocol (seed 002, SiMHand): PCK-AUC over 20-50 mm (15 steps) after root and
//    bone-length scale alignment.
// Alignments are in eval/alignment.h. Vertices follow FreiHAND's eval.py: when both sides have
// the same number of vertices they get their own Procrustes (and MPVPE is defined); otherwise
// the keypoints' similarity is applied to the predicted vertices before the F-scores.
//
//   HandEvalReport report = EvaluateHands(predictions, ground_truth, HandEvalOptions{});
//   std::printf("MPJPE (P) %.2f mm\n", 1000 * report.mpjpe_p);
//
// Single-threaded and re-entrant; about 1 ms per sample with 778 vertices (bench/metrics_bench).
#pragma once

#include <Eigen/Core>
#include <limits>
#include <string>
#include <vector>

#include "core/eval/fscore.h"

namespace handprop {

// One hand: keypoints (3 x K, FreiHAND order for the default indices) and optionally the mesh
// vertices (3 x V; zero columns when absent). Metres, camera frame.
struct HandSample {
  Eigen::Matrix3Xd keypoints;
  Eigen::Matrix3Xd vertices;
};

struct HandEvalOptions {
  int root_keypoint = 0;             // (T) alignment and root+bone alignment: wrist in FreiHAND order
  int bone_keypoint = 9;             // root+bone scale uses |root - bone|: middle MCP in FreiHAND order
  bool allow_reflection = true;      // Procrustes without det check, as FreiHAND's eval.py
  std::vector<double> fscore_thresholds = {0.005, 0.015};  // metres, ascending
  double pck_max = 0.05;             // FreiHAND PCK thresholds linspace(0, pck_max, pck_steps), metres
  int pck_steps = 100;
  double bone_pck_min = 0.02;        // STB/RHD thresholds linspace(bone_pck_min, bone_pck_max, ...)
  double bone_pck_max = 0.05;
  int bone_pck_steps = 15;

  std::string Check() const;
};

// Errors of one sample (metres). Vertex fields are NaN / empty when not defined for the sample.
struct HandSampleErrors {
  double mpjpe = 0, mpjpe_t = 0, mpjpe_sd = 0, mpjpe_p = 0, mpjpe_rb = 0;
  // NaN unless both sides have the same number of vertices.
  double mpvpe = std::numeric_limits<double>::quiet_NaN();
  double mpvpe_p = std::numeric_limits<double>::quiet_NaN();
  std::vector<FScore> fscores;    // unaligned; empty unless both sides have vertices
  std::vector<FScore> fscores_p;  // after Procrustes
};

struct PckSummary {
  Eigen::VectorXd thresholds;  // metres
  Eigen::VectorXd curve;       // mean PCK over keypoints at each threshold
  double auc = 0;
};

// Means over samples (metres). A vertex metric no sample defines is NaN.
struct HandEvalReport {
  int num_samples = 0;
  int num_with_vertices = 0;  // samples with F-scores
  int num_with_mpvpe = 0;     // samples with MPVPE (same vertex count on both sides)
  double mpjpe = 0, mpjpe_t = 0, mpjpe_sd = 0, mpjpe_p = 0, mpjpe_rb = 0;
  double mpvpe = 0, mpvpe_p = 0;
  std::vector<double> fscore_thresholds;
  std::vector<double> fscore, fscore_p;  // mean F per threshold
  PckSummary pck;     // unaligned, FreiHAND thresholds
  PckSummary pck_p;   // Procrustes aligned, FreiHAND thresholds
  PckSummary pck_rb;  // root + bone scale aligned, STB/RHD thresholds
  std::vector<HandSampleErrors> samples;
};

// "" when the sets can be evaluated: equal non-zero sizes, every sample's keypoint count equal
// to the first ground truth's and larger than the option indices, all values finite. Otherwise
// one line naming the first offending sample ("prediction 12: 20 keypoints, ground truth has 21").
std::string CheckHandSets(const std::vector<HandSample>& predictions, const std::vector<HandSample>& ground_truth,
                          const HandEvalOptions& options);

// One sample; the caller guarantees what CheckHandSets checks (HP_CHECK otherwise).
HandSampleErrors EvaluateHand(const HandSample& prediction, const HandSample& ground_truth,
                              const HandEvalOptions& options);

// Throws InputError with the Check()/CheckHandSets message when options or sets are invalid.
HandEvalReport EvaluateHands(const std::vector<HandSample>& predictions, const std::vector<HandSample>& ground_truth,
                             const HandEvalOptions& options);

}  // namespace handprop
