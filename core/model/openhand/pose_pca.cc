// SPDX-License-Identifier: Apache-2.0
#include "core/model/openhand/pose_pca.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

#include "core/util/error.h"

namespace handprop::openhand {

PosePca FitPosePca(const Eigen::MatrixXd& samples) {
  HP_CHECK(samples.cols() > samples.rows(), "PCA needs more samples than dimensions");
  PosePca pca;
  pca.mean = samples.rowwise().mean();
  const Eigen::MatrixXd centred = samples.colwise() - pca.mean;
  const Eigen::MatrixXd covariance = centred * centred.transpose() / static_cast<double>(samples.cols());
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(covariance);
  HP_CHECK(eigen.info() == Eigen::Success, "PCA eigen decomposition failed");
  const Eigen::Index d = samples.rows();
  pca.components.resize(d, d);
  for (Eigen::Index i = 0; i < d; ++i) {
    const Eigen::Index source = d - 1 - i;  // eigenvalues come in increasing order
    Eigen::VectorXd u = eigen.eigenvectors().col(source);
    Eigen::Index largest = 0;
    u.cwiseAbs().maxCoeff(&largest);
    if (u[largest] < 0.0) u = -u;
    pca.components.row(i) = std::sqrt(std::max(eigen.eigenvalues()[source], 0.0)) * u.transpose();
  }
  return pca;
}

}  // namespace handprop::openhand
