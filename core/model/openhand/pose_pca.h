// SPDX-License-Identifier: Apache-2.0
// MANO-style PCA of articulations: hands_mean and hands_components with whitened coefficients.
#pragma once

#include <Eigen/Core>

namespace handprop::openhand {

struct PosePca {
  Eigen::VectorXd mean;        // 45
  Eigen::MatrixXd components;  // 45 x 45, one per row, by decreasing variance; row norm = sqrt(variance)
};

// Fits the PCA of the samples (45 x N, one articulation per column). With the population
// covariance C = U diag(lambda) U^T, row i of `components` is sqrt(lambda_i) u_i^T, so that the
// coefficients c = diag(lambda)^-1 components (x - mean) of the samples have mean 0, standard
// deviation 1 and no correlation, and x = mean + components^T c (MANO's convention). Each row's
// sign makes its largest-magnitude entry positive (deterministic).
PosePca FitPosePca(const Eigen::MatrixXd& samples);

}  // namespace handprop::openhand
