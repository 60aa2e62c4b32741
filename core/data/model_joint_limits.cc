// SPDX-License-Identifier: Apache-2.0
#include "core/data/model_joint_limits.h"

#include <Eigen/Geometry>
#include <cmath>

#include "core/model/lbs.h"
#include "core/model/openhand/anatomy.h"
#include "core/model/openhand/joint_limits.h"
#include "core/model/openhand/skeleton.h"
#include "core/util/error.h"

namespace handprop {
namespace {

constexpr double kDegree = 3.14159265358979323846 / 180.0;

Eigen::Matrix3d DigitFrame(const Eigen::Vector3d& from, const Eigen::Vector3d& to, const Eigen::Vector3d& dorsal,
                           double pronation_deg) {
  const Eigen::Vector3d twist = (to - from).normalized();
  const Eigen::Vector3d up = (dorsal - dorsal.dot(twist) * twist).normalized();
  const Eigen::Vector3d abduction = Eigen::AngleAxisd(-pronation_deg * kDegree, twist) * up;
  Eigen::Matrix3d frame;
  frame << abduction.cross(twist), abduction, twist;
  return frame;
}

}  // namespace

JointLimits EstimateJointLimits(const HandModel& model) {
  if (model.side != HandSide::kRight)
    throw InputError(model.name + ": synthetic motion needs a right-hand model (left hands are flipped images of right ones)");
  const JointMatrix joints = RestJoints(model, ShapeVector::Zero());
  const Eigen::Vector3d wrist = joints.col(0);
  using openhand::kDigitFirstJoint;
  Eigen::Vector3d mcp_mean = Eigen::Vector3d::Zero();
  for (int digit = openhand::kIndex; digit <= openhand::kLittle; ++digit) mcp_mean += joints.col(kDigitFirstJoint[digit]);
  const Eigen::Vector3d d = (0.25 * mcp_mean - wrist).normalized();
  Eigen::Vector3d r = joints.col(kDigitFirstJoint[openhand::kIndex]) - joints.col(kDigitFirstJoint[openhand::kLittle]);
  r = (r - r.dot(d) * d).normalized();
  const Eigen::Vector3d p = d.cross(r);

  // Ranges: OpenHand's anatomical ones, which do not depend on its frames.
  const JointLimits reference = openhand::BuildJointLimits(openhand::BuildSkeleton(openhand::ShapeFactors{}));
  JointLimits limits;
  limits.min_deg = reference.min_deg;
  limits.max_deg = reference.max_deg;
  limits.frames[0] << r, p, d;
  // tip_vertices run thumb..little, the order of openhand::Digit.
  for (int digit = 0; digit < openhand::kNumDigits; ++digit) {
    const double pronation = openhand::DigitTable()[digit].pronation;
    const int first = kDigitFirstJoint[digit];
    for (int i = 0; i < 3; ++i) {
      const Eigen::Vector3d from = joints.col(first + i);
      const Eigen::Vector3d to =
          i < 2 ? Eigen::Vector3d(joints.col(first + i + 1))
                : Eigen::Vector3d(model.v_template.col(model.tip_vertices[digit]));
      limits.frames[first + i] = DigitFrame(from, to, p, pronation);
    }
  }
  return limits;
}

JointLimits MotionJointLimits(const HandModel& model) {
  return model.has_joint_limits ? model.joint_limits : EstimateJointLimits(model);
}

}  // namespace handprop
