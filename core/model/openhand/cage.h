// SPDX-License-Identifier: Apache-2.0
// OpenHand's control cage: a closed, low-poly quad mesh around the rest skeleton, box-modelled
// as a palm block whose distal face is split into finger and gap columns, five digit tubes with
// six-sided loops (one mid-segment loop per segment and one at each joint), rounded caps, and the
// thumb leaving the palm's radial-palmar corner. Catmull-Clark subdivision (subdivision.h) turns
// it into the hand surface. The topology never depends on the shape factors; the positions are
// linear in each factor separately (shape_space.h relies on that).
//
// Each cage point carries skinning weights (rigid on its segment, shared half and half at a
// joint), which subdivision then smooths.
#pragma once

#include <Eigen/Core>
#include <array>
#include <vector>

#include "core/model/hand_topology.h"
#include "core/model/openhand/skeleton.h"

namespace handprop::openhand {

using JointWeights = Eigen::Matrix<double, kNumJoints, 1>;

// A loop of six cage points around a digit, in the order: dorsal-ulnar, dorsal-radial,
// radial, palmar-radial, palmar-ulnar, ulnar ("radial" meaning the digit's +lateral side).
using Loop = std::array<int, 6>;

struct Cage {
  std::vector<Eigen::Vector3d> points;
  std::vector<JointWeights> weights;
  std::vector<std::array<int, 4>> quads;     // consistently oriented only after OrientQuads
  std::array<int, kNumDigits> tip_points{};  // the centre point of each digit's cap
  std::array<Eigen::Vector3d, kNumDigits> tip_targets;  // where the subdivided tip must land

  int Add(const Eigen::Vector3d& point, const JointWeights& weights);
  void AddQuad(int a, int b, int c, int d) { quads.push_back({a, b, c, d}); }
  Eigen::Matrix3Xd PointMatrix() const;
};

JointWeights RigidWeights(int joint);
JointWeights SharedWeights(int joint_a, double weight_a, int joint_b);

// The whole cage for the given shape factors (anatomical digit order in tip_points).
Cage BuildCage(const ShapeFactors& factors);

// Adds the palm block and returns the base loop of each digit (anatomical order); palm_cage.cc.
std::array<Loop, kNumDigits> AddPalm(const Skeleton& skeleton, Cage* cage);

// Extrudes one digit's tube and cap from its base loop; digit_cage.cc.
void AddDigit(const Skeleton& skeleton, int digit, const Loop& base, Cage* cage);

}  // namespace handprop::openhand
