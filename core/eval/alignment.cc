// SPDX-License-Identifier: Apache-2.0
#include "core/eval/alignment.h"

#include "core/eval/freihand_alignment.h"

#include <Eigen/LU>

#include "core/util/error.h"

namespace handprop {
namespace {

void CheckSets(const Eigen::Matrix3Xd& pred, const Eigen::Matrix3Xd& gt) {
  HP_CHECK(pred.cols() == gt.cols() && pred.cols() > 0, "alignment: ", pred.cols(), " vs ", gt.cols(), " points");
}

void CheckIndex(const Eigen::Matrix3Xd& points, int index) {
  HP_CHECK(index >= 0 && index < points.cols(), "alignment: index ", index, " of ", points.cols(), " points");
}

}  // namespace

Eigen::Matrix3Xd AlignRoot(const Eigen::Matrix3Xd& pred, const Eigen::Matrix3Xd& gt, int root) {
  CheckSets(pred, gt);
  CheckIndex(pred, root);
  return pred.colwise() + (gt.col(root) - pred.col(root));
}

Eigen::Matrix3Xd AlignScaleDepth(const Eigen::Matrix3Xd& pred, const Eigen::Matrix3Xd& gt) {
  CheckSets(pred, gt);
  // Normal equations of min over (s, dz) of |s P + dz e_z - G|^2.
  const double n = static_cast<double>(pred.cols());
  const double sum_pp = pred.squaredNorm();
  const double sum_pz = pred.row(2).sum();
  const double sum_pg = pred.cwiseProduct(gt).sum();
  const double sum_gz = gt.row(2).sum();
  Eigen::Matrix2d a;
  a << sum_pp, sum_pz, sum_pz, n;
  double scale = 1.0;
  double dz = (sum_gz - sum_pz) / n;
  const double det = a.determinant();
  if (det > 1e-12 * sum_pp * n) {  // else every point sits at one place on the optical axis
    const Eigen::Vector2d x = a.inverse() * Eigen::Vector2d(sum_pg, sum_gz);
    scale = x(0);
    dz = x(1);
  }
  Eigen::Matrix3Xd aligned = scale * pred;
  aligned.row(2).array() += dz;
  return aligned;
}

Eigen::Matrix3Xd AlignProcrustes(const Eigen::Matrix3Xd& pred, const Eigen::Matrix3Xd& gt, bool allow_reflection,
                                 Similarity3d* transform) {
  CheckSets(pred, gt);
  if (allow_reflection) {
    HP_CHECK(transform == nullptr, "AlignProcrustes: use FreiHandAlignWithScale for FreiHAND's transform");
    return FreiHandAlignWithScale(pred, gt);
  }
  ProcrustesOptions options;
  options.allow_reflection = false;
  const Similarity3d gt_from_pred = EstimateSimilarity(pred, gt, options);
  if (transform) *transform = gt_from_pred;
  return gt_from_pred * pred;
}

Eigen::Matrix3Xd AlignRootBoneScale(const Eigen::Matrix3Xd& pred, const Eigen::Matrix3Xd& gt, int root, int bone) {
  CheckSets(pred, gt);
  CheckIndex(pred, root);
  CheckIndex(pred, bone);
  const double pred_bone = (pred.col(root) - pred.col(bone)).norm();
  const double gt_bone = (gt.col(root) - gt.col(bone)).norm();
  const double scale = pred_bone > 0 ? gt_bone / pred_bone : 1.0;
  return ((pred.colwise() - pred.col(root)) * scale).colwise() + gt.col(root);
}

}  // namespace handprop
