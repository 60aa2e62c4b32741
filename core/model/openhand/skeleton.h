// SPDX-License-Identifier: Apache-2.0
// OpenHand's rest skeleton: the 16 MANO joints (hand_topology.h order and parents), the
// fingertips and each joint's anatomical frame, computed from anatomy.h for given shape factors.
//
// Rest frame (as MANO's right template): metres; the wrist joint at (0.095, 0.006, 0.006), the
// fingers extended along -x, the palm facing -y, the thumb on the +z (radial) side. Palm frame
// axes: distal d = -x, radial r = +z, dorsal p = +y.
//
// Anatomical frame of joint k: columns (flexion axis, abduction axis, twist axis) in the rest
// frame, the lateral, dorsal and distal directions of the segment that joint k moves. A joint's
// anatomical angles are the components of its MANO axis-angle in this frame:
//   axis_angle_k = frame_k * (flexion, abduction, twist) (radians).
// Positive flexion bends towards the palm (towards the pad for the thumb); positive abduction
// turns the segment towards the radial side (for the thumb: away from the index finger);
// positive twist is right-handed about the distal direction (for the thumb, negative twist
// pronates, i.e. turns the pad towards the fingers).
#pragma once

#include <Eigen/Core>
#include <array>

#include "core/model/lbs.h"
#include "core/model/openhand/anatomy.h"

namespace handprop::openhand {

// One digit at rest; its three segments are collinear.
struct DigitChain {
  std::array<Eigen::Vector3d, 3> joints;  // the digit's three MANO joints
  Eigen::Vector3d end;                    // end of the pad: the fingertip
  std::array<double, 3> length;           // segment lengths; the distal one to the bone end
  double pad = 0.0;                       // skin beyond the distal bone end
  Eigen::Vector3d axis, lateral, dorsal;  // unit; (lateral, dorsal, axis) is right-handed
};

struct Skeleton {
  ShapeFactors factors;
  Eigen::Vector3d wrist;
  Eigen::Matrix3d palm_axes;  // columns d, r, p in the rest frame
  std::array<DigitChain, kNumDigits> digits;

  // A palm-frame point (mm, anatomy.h) in the rest frame (metres), after the palm and overall factors.
  Eigen::Vector3d PalmPoint(double d, double r, double p) const;
  // Metres per millimetre of a digit's cross-section (overall factor, digit thickness).
  double SectionScale() const { return factors.overall * factors.digit_thickness * 1e-3; }

  JointMatrix Joints() const;
  std::array<Eigen::Matrix3d, kNumJoints> AnatomicalFrames() const;
};

inline constexpr double kWristRest[3] = {0.095, 0.006, 0.006};

Skeleton BuildSkeleton(const ShapeFactors& factors);

}  // namespace handprop::openhand
