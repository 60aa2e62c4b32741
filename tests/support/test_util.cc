// SPDX-License-Identifier: Apache-2.0
#include "tests/support/test_util.h"

#include <unistd.h>

#include <Eigen/QR>
#include <cmath>
#include <filesystem>

namespace handprop::testing {

TempDir::TempDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "_" + info->name() : "handprop";
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  path_ = (std::filesystem::temp_directory_path() / ("handprop_test_" + name + "_" + std::to_string(::getpid()))).string();
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

Eigen::Matrix3Xd WavePoints(int n, double a, double b, double c, const Eigen::Vector3d& offset) {
  Eigen::Matrix3Xd p(3, n);
  for (int i = 0; i < n; ++i) p.col(i) << 0.05 * std::sin(a * i + 0.2), 0.04 * std::cos(b * i), 0.5 + 0.03 * std::sin(c * i);
  return p.colwise() + offset;
}

double MeanPointError(const Eigen::Matrix3Xd& a, const Eigen::Matrix3Xd& b) { return (a - b).colwise().norm().mean(); }

HandModel RandomHandModel(int v, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::normal_distribution<double> normal(0.0, 1.0);
  auto random = [&](Eigen::Index rows, Eigen::Index cols, double scale) {
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = scale * normal(rng);
    return m;
  };
  HandModel m;
  m.name = "random";
  m.v_template.resize(3, v);
  for (int i = 0; i < v; ++i)
    m.v_template.col(i) << 0.18 * unit(rng) - 0.08, 0.10 * unit(rng) - 0.05, 0.04 * unit(rng) - 0.02;
  m.shapedirs = random(3 * v, kNumBetas, 0.002);
  m.posedirs = random(3 * v, kPoseFeatureDim, 0.001);
  // Each joint regresses from a few random vertices with positive weights.
  m.j_regressor = Eigen::MatrixXd::Zero(kNumJoints, v);
  for (int k = 0; k < kNumJoints; ++k) {
    for (int n = 0; n < 4; ++n) m.j_regressor(k, static_cast<int>(unit(rng) * v) % v) += 0.1 + unit(rng);
    m.j_regressor.row(k) /= m.j_regressor.row(k).sum();
  }
  // Each vertex is skinned to two or three joints.
  m.weights = Eigen::MatrixXd::Zero(v, kNumJoints);
  for (int i = 0; i < v; ++i) {
    for (int n = 0; n < 3; ++n) m.weights(i, static_cast<int>(unit(rng) * kNumJoints) % kNumJoints) += 0.05 + unit(rng);
    m.weights.row(i) /= m.weights.row(i).sum();
  }
  const int f = 2 * v;
  m.faces.resize(3, f);
  for (int j = 0; j < f; ++j)
    for (int c = 0; c < 3; ++c) m.faces(c, j) = static_cast<int>(unit(rng) * v) % v;
  // Orthogonal rows with decreasing norms, like MANO's whitened PCA basis.
  const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(random(kArticulationDim, kArticulationDim, 1.0)).householderQ();
  m.pca_components.resize(kArticulationDim, kArticulationDim);
  for (int r = 0; r < kArticulationDim; ++r) m.pca_components.row(r) = q.col(r).transpose() * (1.3 - 0.028 * r);
  m.pca_mean = random(kArticulationDim, 1, 0.2);
  for (int t = 0; t < kNumFingers; ++t) m.tip_vertices[t] = (t * 37 + 5) % v;
  return m;
}

}  // namespace handprop::testing
