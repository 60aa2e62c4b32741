// SPDX-License-Identifier: Apache-2.0
#include "core/eval/freihand_alignment.h"

#include <Eigen/SVD>

#include "core/util/error.h"

namespace handprop {

Eigen::Matrix3Xd FreiHandAlignWithScale(const Eigen::Matrix3Xd& pred, const Eigen::Matrix3Xd& gt, FreiHandTrafo* trafo) {
  HP_CHECK(pred.cols() == gt.cols() && pred.cols() > 0, "FreiHandAlignWithScale: ", pred.cols(), " vs ", gt.cols());
  const Eigen::Vector3d t1 = gt.rowwise().mean(), t2 = pred.rowwise().mean();
  Eigen::Matrix3Xd g = gt.colwise() - t1, p = pred.colwise() - t2;
  const double s1 = g.norm() + 1e-8, s2 = p.norm() + 1e-8;
  g /= s1;
  p /= s2;
  // scipy.linalg.orthogonal_procrustes(A = g rows, B = p rows): U W V^T = svd(A^T B), R = U V^T,
  // scale = sum(W). With points as columns, A^T B = g p^T, and (p_rows R^T) = (R p) as columns.
  const Eigen::JacobiSVD<Eigen::Matrix3d> svd(g * p.transpose(), Eigen::ComputeFullU | Eigen::ComputeFullV);
  FreiHandTrafo t;
  t.rotation = svd.matrixU() * svd.matrixV().transpose();
  t.s = svd.singularValues().sum();
  t.s1 = s1;
  t.offset = t1 - t2;
  if (trafo) *trafo = t;
  return ((t.rotation * p) * (t.s * s1)).colwise() + t1;
}

Eigen::Matrix3Xd FreiHandAlignByTrafo(const Eigen::Matrix3Xd& points, const FreiHandTrafo& trafo) {
  HP_CHECK(points.cols() > 0, "FreiHandAlignByTrafo: no points");
  const Eigen::Vector3d own_mean = points.rowwise().mean();
  return ((trafo.rotation * (points.colwise() - own_mean)) * (trafo.s * trafo.s1)).colwise() + (trafo.offset + own_mean);
}

}  // namespace handprop
