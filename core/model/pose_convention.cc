// SPDX-License-Identifier: Apache-2.0
#include "core/model/pose_convention.h"

#include <Eigen/QR>

#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {

std::string PoseConvention::Check() const {
  HP_OPTION_CHECK_GE(num_pca, 0);
  HP_OPTION_CHECK_LE(num_pca, kArticulationDim);
  return {};
}

namespace {
void RequirePca(const HandModel& model, const PoseConvention& c) {
  if (const std::string problem = c.Check(); !problem.empty()) throw InputError("pose convention: " + problem);
  if (c.num_pca > model.NumPcaComponents())
    throw InputError("--pca " + std::to_string(c.num_pca) + " exceeds the model's " +
                     std::to_string(model.NumPcaComponents()) + " PCA components");
}
}  // namespace

Eigen::VectorXd AbsolutePose(const HandModel& model, const Eigen::VectorXd& input, const PoseConvention& c) {
  RequirePca(model, c);
  if (input.size() != c.InputSize())
    throw InputError("pose has " + std::to_string(input.size()) + " values, expected " + std::to_string(c.InputSize()) +
                     (c.num_pca > 0 ? " (3 global + " + std::to_string(c.num_pca) + " PCA)" : " (3 global + 45 articulation)"));
  Eigen::VectorXd absolute(kPoseDim);
  absolute.head<3>() = input.head<3>();
  Eigen::VectorXd articulation = c.num_pca > 0
      ? Eigen::VectorXd(model.pca_components.topRows(c.num_pca).transpose() * input.tail(c.num_pca))
      : Eigen::VectorXd(input.tail(kArticulationDim));
  if (!c.flat_hand_mean) articulation += model.pca_mean;
  absolute.tail<kArticulationDim>() = articulation;
  return absolute;
}

Eigen::VectorXd ConventionPose(const HandModel& model, const Eigen::VectorXd& absolute, const PoseConvention& c) {
  RequirePca(model, c);
  HP_CHECK(absolute.size() == kPoseDim, "absolute pose must have 48 values");
  Eigen::VectorXd articulation = absolute.tail<kArticulationDim>();
  if (!c.flat_hand_mean) articulation -= model.pca_mean;
  Eigen::VectorXd out(c.InputSize());
  out.head<3>() = absolute.head<3>();
  if (c.num_pca == 0) {
    out.tail<kArticulationDim>() = articulation;
  } else {
    // Solve components^T c = articulation in the least-squares sense (rows need not be unit norm).
    const Eigen::MatrixXd basis = model.pca_components.topRows(c.num_pca).transpose();
    out.tail(c.num_pca) = basis.colPivHouseholderQr().solve(articulation);
  }
  return out;
}

}  // namespace handprop
