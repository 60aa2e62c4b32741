// SPDX-License-Identifier: Apache-2.0
#include "core/model/openhand/pose_correctives.h"

#include <Eigen/Cholesky>
#include <vector>

#include "core/model/openhand/skinning.h"
#include "core/util/error.h"

namespace handprop::openhand {

Eigen::Matrix3Xd CorrectiveTarget(const Eigen::Matrix3Xd& rest, const Eigen::MatrixXd& weights,
                                  const JointMatrix& joints, const PoseVector& pose) {
  const SkinningTransforms transforms = ComputeSkinningTransforms(joints, pose);
  const Eigen::Matrix3Xd target = DualQuaternionSkinning(rest, weights, transforms);
  return LinearBlendUnskinning(target, weights, transforms) - rest;
}

Eigen::MatrixXd FitPoseCorrectives(const CorrectiveFitInput& in) {
  HP_CHECK(in.rest && in.weights && in.joints && in.articulations, "corrective fit input is incomplete");
  const Eigen::Matrix3Xd& rest = *in.rest;
  const Eigen::MatrixXd& weights = *in.weights;
  const Eigen::Index v = rest.cols(), n = in.articulations->cols();

  // Features (N x 135) and targets (N x 3V), one training pose per row.
  Eigen::MatrixXd features(n, kPoseFeatureDim), targets(n, 3 * v);
  for (Eigen::Index s = 0; s < n; ++s) {
    PoseVector pose = PoseVector::Zero();
    pose.tail<kArticulationDim>() = in.articulations->col(s);
    features.row(s) = PoseFeature(pose).transpose();
    const Eigen::Matrix3Xd offsets = CorrectiveTarget(rest, weights, *in.joints, pose);
    targets.row(s) = Eigen::Map<const Eigen::RowVectorXd>(offsets.data(), 3 * v);
  }
  const Eigen::MatrixXd gram = features.transpose() * features;
  const Eigen::MatrixXd cross = features.transpose() * targets;  // 135 x 3V

  Eigen::MatrixXd posedirs = Eigen::MatrixXd::Zero(3 * v, kPoseFeatureDim);
  for (Eigen::Index i = 0; i < v; ++i) {
    std::vector<int> columns;
    for (int k = 1; k < kNumJoints; ++k)
      if (weights(i, k) > 1e-9)
        for (int e = 0; e < 9; ++e) columns.push_back(9 * (k - 1) + e);
    if (columns.empty()) continue;
    const Eigen::Index m = static_cast<Eigen::Index>(columns.size());
    Eigen::MatrixXd a(m, m), b(m, 3);
    for (Eigen::Index r = 0; r < m; ++r) {
      for (Eigen::Index c = 0; c < m; ++c) a(r, c) = gram(columns[r], columns[c]);
      b.row(r) = cross.block(columns[r], 3 * i, 1, 3);
    }
    a.diagonal().array() += in.ridge * a.diagonal().mean();
    const Eigen::MatrixXd x = a.ldlt().solve(b);  // m x 3
    for (Eigen::Index r = 0; r < m; ++r) posedirs.block(3 * i, columns[r], 3, 1) = x.row(r).transpose();
  }
  return posedirs;
}

}  // namespace handprop::openhand
