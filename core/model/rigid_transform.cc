// SPDX-License-Identifier: Apache-2.0
#include "core/model/rigid_transform.h"

#include "core/geometry/rotation.h"

namespace handprop {

HandParams TransformHandParams(const HandModel& model, const HandParams& params, const Eigen::Matrix3d& rotation,
                               const Eigen::Vector3d& translation) {
  const Eigen::Vector3d j0 = RestJoints(model, params.betas).col(0);
  HandParams out = params;
  out.pose.head<3>() = MatrixToAxisAngle(rotation * AxisAngleToMatrix(params.pose.head<3>()));
  out.trans = rotation * params.trans + translation + rotation * j0 - j0;
  return out;
}

void RelativeRigidMotion(const HandModel& model, const HandParams& a, const HandParams& b, Eigen::Matrix3d* rotation,
                         Eigen::Vector3d* translation) {
  const Eigen::Vector3d j0 = RestJoints(model, a.betas).col(0);
  const Eigen::Matrix3d ra = AxisAngleToMatrix(a.pose.head<3>());
  const Eigen::Matrix3d rb = AxisAngleToMatrix(b.pose.head<3>());
  *rotation = rb * ra.transpose();
  // The posed wrist is R0 * 0 + J0 + t, so the motion must map a's wrist (t_a + J0) to b's.
  *translation = (b.trans + j0) - *rotation * (a.trans + j0);
}

}  // namespace handprop
