// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the tests: a per-test temporary folder, Eigen matchers that print the
// first differing entry, and small random MANO-shaped models generated in code.
#pragma once

#include <gtest/gtest.h>

#include <Eigen/Core>
#include <random>
#include <sstream>
#include <string>

#include "core/model/hand_model.h"
#include "core/util/error.h"

namespace handprop::testing {

// A fresh empty folder under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A random but valid MANO-shaped model: `num_vertices` vertices scattered around a hand-sized
// box, a closed-enough face list, J_regressor and weights with rows summing to 1, orthogonal
// non-unit PCA rows and a random mean. Deterministic for a given seed.
HandModel RandomHandModel(int num_vertices, uint32_t seed);

// A deterministic, hand-sized 3 x n point set around z = 0.5 m:
//   (0.05 sin(a i + 0.2), 0.04 cos(b i), 0.5 + 0.03 sin(c i)) + offset.
// Golden numbers in the eval and geometry tests come from the same formula in NumPy/SciPy.
Eigen::Matrix3Xd WavePoints(int n, double a, double b, double c, const Eigen::Vector3d& offset = Eigen::Vector3d::Zero());

// Mean Euclidean distance between corresponding columns.
double MeanPointError(const Eigen::Matrix3Xd& a, const Eigen::Matrix3Xd& b);

// The message of the `Error` that f() throws, "" when it throws nothing (other exceptions pass
// through), for tests that pin one-line error messages.
template <typename Error = InputError, typename F>
std::string ErrorMessageOf(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// Matches two Eigen matrices entry by entry within `tolerance`; on failure names the worst entry.
template <typename A, typename B>
::testing::AssertionResult MatricesNear(const Eigen::MatrixBase<A>& a, const Eigen::MatrixBase<B>& b, double tolerance) {
  if (a.rows() != b.rows() || a.cols() != b.cols())
    return ::testing::AssertionFailure() << "shape " << a.rows() << "x" << a.cols() << " vs " << b.rows() << "x" << b.cols();
  Eigen::Index r = 0, c = 0;
  const double worst = (a.template cast<double>() - b.template cast<double>()).cwiseAbs().maxCoeff(&r, &c);
  if (!(worst <= tolerance))
    return ::testing::AssertionFailure() << "max |a - b| = " << worst << " at (" << r << ", " << c << "): " << a(r, c)
                                         << " vs " << b(r, c) << ", tolerance " << tolerance;
  return ::testing::AssertionSuccess();
}

}  // namespace handprop::testing
