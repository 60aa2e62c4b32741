// SPDX-License-Identifier: Apache-2.0
#include "core/model/openhand/skinning.h"

#include <Eigen/Geometry>
#include <Eigen/LU>

#include "core/geometry/rotation.h"

namespace handprop::openhand {
namespace {

SkinningTransform Blend(const Eigen::MatrixXd& weights, Eigen::Index i, const SkinningTransforms& transforms) {
  SkinningTransform m = SkinningTransform::Zero();
  for (int k = 0; k < kNumJoints; ++k)
    if (weights(i, k) != 0.0) m += weights(i, k) * transforms[k];
  return m;
}

}  // namespace

SkinningTransforms ComputeSkinningTransforms(const JointMatrix& rest, const PoseVector& pose) {
  std::array<Eigen::Matrix3d, kNumJoints> rotation;
  std::array<Eigen::Vector3d, kNumJoints> position;
  SkinningTransforms out;
  for (int k = 0; k < kNumJoints; ++k) {
    const Eigen::Matrix3d local = AxisAngleToMatrix(pose.segment<3>(3 * k));
    const int p = kManoParents[k];
    rotation[k] = p < 0 ? local : Eigen::Matrix3d(rotation[p] * local);
    position[k] = p < 0 ? Eigen::Vector3d(rest.col(k)) : Eigen::Vector3d(rotation[p] * (rest.col(k) - rest.col(p)) + position[p]);
    out[k].leftCols<3>() = rotation[k];
    out[k].col(3) = position[k] - rotation[k] * rest.col(k);
  }
  return out;
}

Eigen::Matrix<double, kPoseFeatureDim, 1> PoseFeature(const PoseVector& pose) {
  Eigen::Matrix<double, kPoseFeatureDim, 1> feature;
  for (int k = 1; k < kNumJoints; ++k) {
    const Eigen::Matrix3d d = AxisAngleToMatrix(pose.segment<3>(3 * k)) - Eigen::Matrix3d::Identity();
    for (int r = 0; r < 3; ++r) feature.segment<3>(9 * (k - 1) + 3 * r) = d.row(r).transpose();
  }
  return feature;
}

Eigen::Matrix3Xd LinearBlendSkinning(const Eigen::Matrix3Xd& rest, const Eigen::MatrixXd& weights,
                                     const SkinningTransforms& transforms) {
  Eigen::Matrix3Xd out(3, rest.cols());
  for (Eigen::Index i = 0; i < rest.cols(); ++i) {
    const SkinningTransform m = Blend(weights, i, transforms);
    out.col(i) = m.leftCols<3>() * rest.col(i) + m.col(3);
  }
  return out;
}

Eigen::Matrix3Xd LinearBlendUnskinning(const Eigen::Matrix3Xd& posed, const Eigen::MatrixXd& weights,
                                       const SkinningTransforms& transforms) {
  Eigen::Matrix3Xd out(3, posed.cols());
  for (Eigen::Index i = 0; i < posed.cols(); ++i) {
    const SkinningTransform m = Blend(weights, i, transforms);
    out.col(i) = m.leftCols<3>().inverse() * (posed.col(i) - m.col(3));
  }
  return out;
}

Eigen::Matrix3Xd DualQuaternionSkinning(const Eigen::Matrix3Xd& rest, const Eigen::MatrixXd& weights,
                                        const SkinningTransforms& transforms) {
  // Unit dual quaternion of each joint: real part q, dual part 0.5 (0, t) q.
  std::array<Eigen::Vector4d, kNumJoints> real, dual;  // (w, x, y, z)
  for (int k = 0; k < kNumJoints; ++k) {
    const Eigen::Quaterniond q = MatrixToQuaternion(transforms[k].leftCols<3>());
    const Eigen::Vector3d t = transforms[k].col(3);
    const Eigen::Quaterniond d = Eigen::Quaterniond(0.0, t.x(), t.y(), t.z()) * q;
    real[k] = Eigen::Vector4d(q.w(), q.x(), q.y(), q.z());
    dual[k] = 0.5 * Eigen::Vector4d(d.w(), d.x(), d.y(), d.z());
  }
  Eigen::Matrix3Xd out(3, rest.cols());
  for (Eigen::Index i = 0; i < rest.cols(); ++i) {
    Eigen::Index main = 0;
    weights.row(i).maxCoeff(&main);
    Eigen::Vector4d br = Eigen::Vector4d::Zero(), bd = Eigen::Vector4d::Zero();
    for (int k = 0; k < kNumJoints; ++k) {
      if (weights(i, k) == 0.0) continue;
      const double sign = real[k].dot(real[main]) < 0.0 ? -1.0 : 1.0;  // shortest path
      br += sign * weights(i, k) * real[k];
      bd += sign * weights(i, k) * dual[k];
    }
    const double norm = br.norm();
    const Eigen::Quaterniond r(br[0] / norm, br[1] / norm, br[2] / norm, br[3] / norm);
    const Eigen::Quaterniond e(bd[0] / norm, bd[1] / norm, bd[2] / norm, bd[3] / norm);
    const Eigen::Vector3d translation = 2.0 * (e * r.conjugate()).vec();
    out.col(i) = r * Eigen::Vector3d(rest.col(i)) + translation;
  }
  return out;
}

}  // namespace handprop::openhand
