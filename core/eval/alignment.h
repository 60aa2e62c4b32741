// SPDX-License-Identifier: Apache-2.0
// The alignments applied to a predicted point set before measuring its error against the
// ground truth, one per column of the seeds' metric tables. Every function returns the aligned
// prediction (3 x N, metres, camera frame) and leaves the ground truth alone. The inputs must
// have the same number of columns, at least one, and the indices must be valid (HP_CHECK).
// Pure functions, thread-safe.
#pragma once

#include <Eigen/Core>

#include "core/geometry/procrustes.h"

namespace handprop {

// (T) translation: moves the prediction so that its point `root` lands on the ground truth's
// (seed 003 Table II: the root is the wrist).
Eigen::Matrix3Xd AlignRoot(const Eigen::Matrix3Xd& pred, const Eigen::Matrix3Xd& gt, int root);

// (SD) scaled depth, seed 003: "aligning the overall scale and the mean depth". [inferred] The
// paper gives no formula; HandProp takes the least-squares s and dz of
//   pred' = s * pred + (0, 0, dz),
// i.e. a scaling about the camera centre (which keeps every projection, the ambiguity a single
// image cannot resolve) plus a shift along the optical axis. At the optimum the mean depth of
// pred' equals the ground truth's. Needs camera-frame points; when the prediction has no
// extent away from one point on the optical axis, s = 1 and only the mean depth is matched.
Eigen::Matrix3Xd AlignScaleDepth(const Eigen::Matrix3Xd& pred, const Eigen::Matrix3Xd& gt);

// (P) Procrustes. `allow_reflection` true is FreiHAND's eval.py exactly (freihand_alignment.h,
// including its 1e-8 norm guards); false is Umeyama's least-squares similarity with a proper
// rotation (geometry/procrustes.h), as PeCLR's evaluation. `transform` is set only in the
// proper-rotation mode.
Eigen::Matrix3Xd AlignProcrustes(const Eigen::Matrix3Xd& pred, const Eigen::Matrix3Xd& gt, bool allow_reflection,
                                 Similarity3d* transform = nullptr);

// Root and bone-length scale (STB/RHD 20-50 mm protocol, minimal-hand/SiMHand, reference.md §3.2):
//   pred' = gt[root] + (|gt[root] - gt[bone]| / |pred[root] - pred[bone]|) (pred - pred[root]).
// FreiHAND order uses root 0 (wrist) and bone 9 (middle MCP); HO-3D's variant is root 0 and
// bone 4 in MANO order. A prediction whose bone has zero length is only translated.
Eigen::Matrix3Xd AlignRootBoneScale(const Eigen::Matrix3Xd& pred, const Eigen::Matrix3Xd& gt, int root, int bone);

}  // namespace handprop
