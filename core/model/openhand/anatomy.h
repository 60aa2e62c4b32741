// SPDX-License-Identifier: Apache-2.0
// OpenHand's anatomical numbers, all in one place (hand-anatomy.md; docs/openhand.md lists
// them): bone lengths, joint placement, cross-section sizes and ranges of motion of a
// sex-neutral adult right hand, plus the multiplicative shape factors the shape space varies.
//
// Units and frames: millimetres and degrees. Positions are given in the palm frame, relative to
// the wrist joint: d distal (towards the fingertips), r radial (towards the thumb), p dorsal
// (towards the back of the hand). (d, r, p) is right-handed; skeleton.h maps it to MANO's rest
// frame (d = -x, r = +z, p = +y).
#pragma once

#include <array>

#include "core/model/hand_topology.h"

namespace handprop::openhand {

// Digits in anatomical order. MANO orders them index, middle, pinky, ring, thumb.
enum Digit { kThumb = 0, kIndex = 1, kMiddle = 2, kRing = 3, kLittle = 4 };
inline constexpr int kNumDigits = 5;
inline constexpr std::array<const char*, kNumDigits> kDigitNames = {"thumb", "index", "middle", "ring", "little"};
// MANO id of each digit's first joint (finger MCP, thumb CMC); the digit's next two joints follow.
inline constexpr std::array<int, kNumDigits> kDigitFirstJoint = {13, 1, 4, 10, 7};

// hand-anatomy.md gives male-ish bone lengths; OpenHand is a sex-neutral adult at this scale.
inline constexpr double kSexNeutralScale = 0.95;

// A skin cross-section of a digit: full width, and skin distance from the bone axis dorsally and
// palmarly (the bones lie nearer the back of the digit).
struct Section {
  double width;
  double dorsal;
  double palmar;
};

// Stations along a digit where its cross-section is given: the first segment (its middle; three
// quarters along the thumb's metacarpal, which lies mostly inside the thenar), the second joint,
// the middle of the second segment, the third joint, and the pad of the distal segment.
inline constexpr int kNumStations = 5;

struct DigitAnatomy {
  // The three segments moved by the digit's three MANO joints: proximal, middle and distal
  // phalanx for a finger; metacarpal, proximal and distal phalanx for the thumb.
  std::array<double, 3> bone;
  double pad;                     // skin beyond the distal bone end
  std::array<double, 3> root;     // first joint (MCP, thumb CMC), palm frame (d, r, p)
  double spread;                  // rest direction: rotation from d towards r in the palm plane
  double palmar_tilt;             // rest direction: tilt out of the palm plane towards the palm
  double pronation;               // rest roll about the bone, turning the pad towards the fingers
  std::array<Section, kNumStations> sections;
};

const std::array<DigitAnatomy, kNumDigits>& DigitTable();

struct PalmAnatomy {
  double breadth;          // across the metacarpal heads, skin to skin
  double thickness;        // at the metacarpals, dorsal to palmar skin
  double wrist_breadth;    // at the wrist joint
  double wrist_thickness;  // at the wrist joint
  double heel;             // how far the mesh extends proximal of the wrist joint
};
const PalmAnatomy& PalmTable();

// Range of motion of one articulated joint: min and max of (flexion, abduction, twist), degrees,
// measured from OpenHand's rest pose in the joint's anatomical frame (skeleton.h).
struct RangeOfMotion {
  std::array<double, 3> min;
  std::array<double, 3> max;
};
// Indexed by MANO joint id - 1 (15 articulated joints).
const std::array<RangeOfMotion, kNumArticulatedJoints>& RangeOfMotionTable();

// Multiplicative factors on the numbers above (1 = the table). The shape space (shape_space.h)
// is the linearisation of the geometry in these factors.
struct ShapeFactors {
  double overall = 1.0;           // every length, about the wrist joint
  double palm_width = 1.0;        // radial (r) coordinates of the palm and of the digit roots
  double palm_length = 1.0;       // distal (d) coordinates of the palm and of the digit roots
  double palm_thickness = 1.0;    // dorsal (p) coordinates of the palm and of the digit roots
  double finger_length = 1.0;     // bones and pads of index..little
  double thumb_length = 1.0;      // bones and pad of the thumb
  double digit_thickness = 1.0;   // cross-sections of all five digits
  double fingertip_width = 1.0;   // cross-sections of the distal segments (DIP station and beyond)
  std::array<double, kNumDigits> digit_length = {1.0, 1.0, 1.0, 1.0, 1.0};  // per digit, on top
};

}  // namespace handprop::openhand
