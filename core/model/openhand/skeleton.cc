// SPDX-License-Identifier: Apache-2.0
#include "core/model/openhand/skeleton.h"

#include <Eigen/Geometry>
#include <cmath>

namespace handprop::openhand {
namespace {

constexpr double kDegree = 3.14159265358979323846 / 180.0;

DigitChain BuildDigit(const Skeleton& s, int digit) {
  const DigitAnatomy& a = DigitTable()[digit];
  const ShapeFactors& f = s.factors;
  const Eigen::Vector3d d = s.palm_axes.col(0), r = s.palm_axes.col(1), p = s.palm_axes.col(2);
  DigitChain chain;
  const double spread = a.spread * kDegree, tilt = a.palmar_tilt * kDegree;
  chain.axis = std::cos(tilt) * (std::cos(spread) * d + std::sin(spread) * r) - std::sin(tilt) * p;
  const Eigen::Vector3d up = (p - p.dot(chain.axis) * chain.axis).normalized();
  chain.dorsal = Eigen::AngleAxisd(-a.pronation * kDegree, chain.axis) * up;  // pronation turns the pad ulnarly
  chain.lateral = chain.dorsal.cross(chain.axis);

  const double length_factor =
      f.overall * 1e-3 * (digit == kThumb ? f.thumb_length : f.finger_length) * f.digit_length[digit];
  for (int i = 0; i < 3; ++i) chain.length[i] = a.bone[i] * length_factor;
  chain.pad = a.pad * length_factor;
  chain.joints[0] = s.PalmPoint(a.root[0], a.root[1], a.root[2]);
  chain.joints[1] = chain.joints[0] + chain.length[0] * chain.axis;
  chain.joints[2] = chain.joints[1] + chain.length[1] * chain.axis;
  chain.end = chain.joints[2] + (chain.length[2] + chain.pad) * chain.axis;
  return chain;
}

}  // namespace

Eigen::Vector3d Skeleton::PalmPoint(double d, double r, double p) const {
  const Eigen::Vector3d local(d * factors.palm_length, r * factors.palm_width, p * factors.palm_thickness);
  return wrist + factors.overall * 1e-3 * (palm_axes * local);
}

JointMatrix Skeleton::Joints() const {
  JointMatrix joints;
  joints.col(0) = wrist;
  for (int digit = 0; digit < kNumDigits; ++digit)
    for (int i = 0; i < 3; ++i) joints.col(kDigitFirstJoint[digit] + i) = digits[digit].joints[i];
  return joints;
}

std::array<Eigen::Matrix3d, kNumJoints> Skeleton::AnatomicalFrames() const {
  std::array<Eigen::Matrix3d, kNumJoints> frames;
  // Wrist: flexion about the radial axis, abduction (radial deviation) about the dorsal axis.
  frames[0] << palm_axes.col(1), palm_axes.col(2), palm_axes.col(0);
  for (int digit = 0; digit < kNumDigits; ++digit) {
    const DigitChain& c = digits[digit];
    for (int i = 0; i < 3; ++i) frames[kDigitFirstJoint[digit] + i] << c.lateral, c.dorsal, c.axis;
  }
  return frames;
}

Skeleton BuildSkeleton(const ShapeFactors& factors) {
  Skeleton s;
  s.factors = factors;
  s.wrist = Eigen::Vector3d(kWristRest[0], kWristRest[1], kWristRest[2]);
  s.palm_axes << -Eigen::Vector3d::UnitX(), Eigen::Vector3d::UnitZ(), Eigen::Vector3d::UnitY();
  for (int digit = 0; digit < kNumDigits; ++digit) s.digits[digit] = BuildDigit(s, digit);
  return s;
}

}  // namespace handprop::openhand
