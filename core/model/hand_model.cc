// SPDX-License-Identifier: Apache-2.0
#include "core/model/hand_model.h"

#include <cmath>
#include <sstream>

namespace handprop {
namespace {

constexpr double kRowSumTolerance = 1e-4;

template <typename Derived>
std::string CheckShape(const char* name, const Eigen::DenseBase<Derived>& m, Eigen::Index rows, Eigen::Index cols) {
  if (m.rows() == rows && m.cols() == cols) return {};
  std::ostringstream out;
  out << name << " has shape " << m.rows() << " x " << m.cols() << ", expected " << rows << " x " << cols;
  return out.str();
}

template <typename Derived>
std::string CheckFinite(const char* name, const Eigen::DenseBase<Derived>& m) {
  for (Eigen::Index c = 0; c < m.cols(); ++c) {
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
      if (!std::isfinite(m(r, c))) {
        std::ostringstream out;
        out << name << " has a non-finite value (" << m(r, c) << ") at [" << r << ", " << c << "]";
        return out.str();
      }
    }
  }
  return {};
}

std::string CheckRowSums(const char* name, const Eigen::MatrixXd& m, bool non_negative) {
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    const double sum = m.row(r).sum();
    if (std::abs(sum - 1.0) > kRowSumTolerance) {
      std::ostringstream out;
      out << name << " row " << r << " sums to " << sum << ", expected 1";
      return out.str();
    }
    if (non_negative && m.row(r).minCoeff() < -1e-9) {
      std::ostringstream out;
      out << name << " row " << r << " has a negative entry (" << m.row(r).minCoeff() << ")";
      return out.str();
    }
  }
  return {};
}

}  // namespace

const char* HandSideName(HandSide side) { return side == HandSide::kRight ? "right" : "left"; }

std::string ValidateHandModel(const HandModel& m) {
  const Eigen::Index v = m.NumVertices();
  if (v < 4) return "v_template has " + std::to_string(v) + " vertices, expected at least 4";
  std::string err;
#define HP_RETURN_IF(expr) \
  if (!(err = (expr)).empty()) return err
  HP_RETURN_IF(CheckShape("shapedirs", m.shapedirs, 3 * v, kNumBetas));
  HP_RETURN_IF(CheckShape("posedirs", m.posedirs, 3 * v, kPoseFeatureDim));
  HP_RETURN_IF(CheckShape("J_regressor", m.j_regressor, kNumJoints, v));
  HP_RETURN_IF(CheckShape("weights", m.weights, v, kNumJoints));
  if (m.NumFaces() < 4) return "f has " + std::to_string(m.NumFaces()) + " faces, expected at least 4";
  if (m.pca_components.cols() != kArticulationDim || m.pca_components.rows() < 1 ||
      m.pca_components.rows() > kArticulationDim)
    return CheckShape("hands_components", m.pca_components, kArticulationDim, kArticulationDim);
  HP_RETURN_IF(CheckShape("hands_mean", m.pca_mean, kArticulationDim, 1));
  HP_RETURN_IF(CheckFinite("v_template", m.v_template));
  HP_RETURN_IF(CheckFinite("shapedirs", m.shapedirs));
  HP_RETURN_IF(CheckFinite("posedirs", m.posedirs));
  HP_RETURN_IF(CheckFinite("J_regressor", m.j_regressor));
  HP_RETURN_IF(CheckFinite("weights", m.weights));
  HP_RETURN_IF(CheckFinite("hands_components", m.pca_components));
  HP_RETURN_IF(CheckFinite("hands_mean", m.pca_mean));
  HP_RETURN_IF(CheckRowSums("J_regressor", m.j_regressor, /*non_negative=*/false));
  HP_RETURN_IF(CheckRowSums("weights", m.weights, /*non_negative=*/true));
#undef HP_RETURN_IF
  if (m.faces.minCoeff() < 0 || m.faces.maxCoeff() >= v)
    return "f refers to vertex " + std::to_string(m.faces.minCoeff() < 0 ? m.faces.minCoeff() : m.faces.maxCoeff()) +
           ", outside 0.." + std::to_string(v - 1);
  for (int k = 0; k < kNumJoints; ++k) {
    if (m.parents[k] != kManoParents[k])
      return "kintree_table gives joint " + std::to_string(k) + " parent " + std::to_string(m.parents[k]) +
             ", expected MANO's " + std::to_string(kManoParents[k]);
  }
  for (int tip : m.tip_vertices) {
    if (tip < 0 || tip >= v) return "fingertip vertex " + std::to_string(tip) + " is outside 0.." + std::to_string(v - 1);
  }
  if (!m.shape_directions.empty() && static_cast<int>(m.shape_directions.size()) != kNumBetas)
    return "shape direction descriptions: " + std::to_string(m.shape_directions.size()) + " given, expected 10";
  if (m.has_joint_limits && (m.joint_limits.min_deg.array() > m.joint_limits.max_deg.array()).any())
    return "joint limits: a minimum exceeds its maximum";
  return {};
}

}  // namespace handprop
