// SPDX-License-Identifier: Apache-2.0
// Least-squares similarity (or rigid) alignment of two point sets with known correspondences
// (Umeyama 1991): find s, R, t minimising sum_i |s R source_i + t - target_i|^2.
//
//   Similarity3d target_from_source = EstimateSimilarity(pred, gt);   // 3 x N each, metres
//   Eigen::Matrix3Xd aligned = target_from_source * pred;
//
// Variants (reference.md §3.1, §3.3, §7.6, §8):
//  - allow_reflection = true reproduces FreiHAND's eval.py `align_w_scale` (scipy's
//    orthogonal_procrustes, no det check: R may be a reflection, det R = -1). Its normalisation
//    of both sets to unit Frobenius norm before the SVD gives the same s, R, t as here, except for
//    its 1e-8 guard in the denominators (a relative difference below 1e-6 for hand-sized sets).
//  - allow_reflection = false (the default) is Umeyama's proper rotation, as PeCLR's evaluation.
//  - estimate_scale = false gives the rigid (Kabsch) fit, s = 1.
// Degenerate input is defined, not an error: when the source has no spread (all points equal)
// s = 0 (every point maps to the target centroid, FreiHAND's zero-predictor behaviour) or, with
// estimate_scale = false, R = I. Pure function, thread-safe. Point sets must have the same
// number of columns, at least one (HP_CHECK).
#pragma once

#include <Eigen/Core>

namespace handprop {

struct Similarity3d {
  double scale = 1.0;
  Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();  // det = -1 only with allow_reflection
  Eigen::Vector3d translation = Eigen::Vector3d::Zero();

  Eigen::Vector3d operator*(const Eigen::Vector3d& x) const { return scale * (rotation * x) + translation; }
  Eigen::Matrix3Xd operator*(const Eigen::Matrix3Xd& points) const;
};

struct ProcrustesOptions {
  bool estimate_scale = true;     // false: rigid fit (s = 1)
  bool allow_reflection = false;  // true: FreiHAND/scipy behaviour, R may have det -1
};

Similarity3d EstimateSimilarity(const Eigen::Matrix3Xd& source, const Eigen::Matrix3Xd& target,
                                const ProcrustesOptions& options = {});

}  // namespace handprop
