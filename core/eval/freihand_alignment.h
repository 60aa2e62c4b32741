// SPDX-License-Identifier: Apache-2.0
// FreiHAND's evaluation alignment reproduced number for number (lmb-freiburg/freihand eval.py,
// `align_w_scale` and `align_by_trafo`; reference.md §3.1), so that `handprop eval` prints the
// benchmark's own numbers:
//   - both sets are centred and divided by their Frobenius norm plus 1e-8;
//   - R, s come from scipy's orthogonal_procrustes (no reflection check: det R may be -1);
//   - aligned = (R pred_n) s s1 + t1.
// When predicted and ground-truth meshes have different vertex counts, eval.py aligns the
// vertices with the keypoints' transform through `align_by_trafo`, which centres them on their
// own mean and scales by s * s1 *without* dividing by the keypoints' s2. That quirk shrinks the
// mesh, and HandProp reproduces it on purpose: these are the published protocol's numbers.
// Pure functions, thread-safe; sets are 3 x N with the same N (HP_CHECK).
#pragma once

#include <Eigen/Core>

namespace handprop {

// What `align_w_scale(..., return_trafo=True)` returns.
struct FreiHandTrafo {
  Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();  // may be a reflection
  double s = 1.0;                             // sum of singular values of the normalised problem
  double s1 = 1.0;                            // Frobenius norm of the centred ground truth + 1e-8
  Eigen::Vector3d offset = Eigen::Vector3d::Zero();  // t1 - t2: ground-truth mean minus prediction mean
};

// `align_w_scale(gt, pred)`: the prediction aligned onto the ground truth.
Eigen::Matrix3Xd FreiHandAlignWithScale(const Eigen::Matrix3Xd& pred, const Eigen::Matrix3Xd& gt,
                                        FreiHandTrafo* trafo = nullptr);

// `align_by_trafo(points, trafo)`: applies a keypoint trafo to other points (e.g. vertices).
Eigen::Matrix3Xd FreiHandAlignByTrafo(const Eigen::Matrix3Xd& points, const FreiHandTrafo& trafo);

}  // namespace handprop
