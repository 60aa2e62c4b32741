// SPDX-License-Identifier: Apache-2.0
#include "core/geometry/procrustes.h"

#include <Eigen/LU>
#include <Eigen/SVD>

#include "core/util/error.h"

namespace handprop {

Eigen::Matrix3Xd Similarity3d::operator*(const Eigen::Matrix3Xd& points) const {
  return ((scale * rotation) * points).colwise() + translation;
}

Similarity3d EstimateSimilarity(const Eigen::Matrix3Xd& source, const Eigen::Matrix3Xd& target,
                                const ProcrustesOptions& options) {
  HP_CHECK(source.cols() == target.cols() && source.cols() > 0, "EstimateSimilarity: ", source.cols(), " vs ",
           target.cols(), " points");
  const Eigen::Vector3d source_mean = source.rowwise().mean();
  const Eigen::Vector3d target_mean = target.rowwise().mean();
  const Eigen::Matrix3Xd a = source.colwise() - source_mean;
  const Eigen::Matrix3Xd b = target.colwise() - target_mean;
  const double source_sq_norm = a.squaredNorm();

  Similarity3d result;
  // Cross-covariance b a^T = U D V^T; the best orthogonal map from a to b is U S V^T.
  const Eigen::JacobiSVD<Eigen::Matrix3d> svd(b * a.transpose(), Eigen::ComputeFullU | Eigen::ComputeFullV);
  Eigen::Vector3d signs = Eigen::Vector3d::Ones();
  if (!options.allow_reflection && (svd.matrixU() * svd.matrixV().transpose()).determinant() < 0) signs.z() = -1;
  result.rotation = svd.matrixU() * signs.asDiagonal() * svd.matrixV().transpose();
  if (options.estimate_scale) {
    result.scale = source_sq_norm > 0 ? svd.singularValues().dot(signs) / source_sq_norm : 0.0;
  }
  if (source_sq_norm == 0 || b.squaredNorm() == 0) result.rotation.setIdentity();  // any R fits; pick I
  result.translation = target_mean - result.scale * (result.rotation * source_mean);
  return result;
}

}  // namespace handprop
