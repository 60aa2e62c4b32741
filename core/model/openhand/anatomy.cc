// SPDX-License-Identifier: Apache-2.0
// The numbers, with where they come from (hand-anatomy.md unless noted).
//  - Bone lengths: the doc's male-ish table times kSexNeutralScale (0.95).
//  - Digit roots: the middle MCP sits 93 mm from the wrist joint, so that wrist joint to middle
//    fingertip is 180 mm, the mean of the doc's hand lengths (172 and 189 mm). (The doc's palm
//    length, ~102 mm, is measured to the palmar MCP crease, distal of the joint centre; with its
//    finger bones it would give a 190 mm hand.) The MCP heads lie on an arc, index 4, ring 3.5
//    and little 12 mm proximal of the middle one, and on a shallow palmar arch. MCP spacing is
//    19-20 mm, so the skin breadth across the heads comes to the doc's ~82 mm (87 x 0.95).
//  - Thumb: CMC 30 mm distal of the wrist, on the radial, palmar side; rest direction 45 degrees
//    from the middle finger's (40 from the index), tilted 12 degrees out of the palm plane, and
//    rolled 45 degrees about its axis so the pad half faces the fingers (as in MANO's template).
//  - Sections: finger widths taper from 18.5-19.5 mm (proximal) to 15-16 mm (distal), the
//    little finger 2.5 mm less; thickness about 0.85 of the width, the bone nearer the dorsum;
//    the pads bulge palmarly.
//  - Ranges of motion: the doc's table; twist "a few degrees" is +-5 (+-8 at the MCPs). The
//    thumb CMC's zero is OpenHand's rest thumb, already ~45 degrees abducted and pronated, so
//    the doc's CMC ranges (flexion 15 / extension 20, abduction 0-70 "and opposition") are
//    re-centred on it, with room for opposition (flexion and pronation, i.e. negative twist).
#include "core/model/openhand/anatomy.h"

namespace handprop::openhand {

const std::array<DigitAnatomy, kNumDigits>& DigitTable() {
  static const std::array<DigitAnatomy, kNumDigits> table = {{
      // bones (x0.95)          pad   root (d, r, p)      spread tilt pronation
      {{43.7, 30.4, 20.9}, 4.0, {30.0, 21.0, -10.0}, 48.0, 12.0, 45.0,
       {{{24.0, 10.0, 13.0}, {22.0, 8.5, 9.5}, {21.0, 7.5, 9.5}, {20.0, 7.0, 8.5}, {19.0, 5.0, 9.5}}}},  // thumb
      {{38.0, 20.9, 15.2}, 3.5, {89.0, 20.0, -1.5}, 5.0, 0.0, 0.0,
       {{{19.0, 7.0, 9.0}, {18.5, 7.5, 8.5}, {16.5, 6.0, 8.0}, {15.5, 5.5, 7.0}, {15.5, 4.5, 8.0}}}},  // index
      {{42.75, 24.7, 16.15}, 3.5, {93.0, 0.0, 0.0}, 0.0, 0.0, 0.0,
       {{{19.5, 7.0, 9.5}, {19.0, 7.5, 8.5}, {17.0, 6.0, 8.0}, {16.0, 5.5, 7.0}, {16.0, 4.5, 8.0}}}},  // middle
      {{38.95, 24.7, 16.15}, 3.5, {89.5, -19.0, -1.5}, -5.0, 0.0, 0.0,
       {{{18.5, 6.5, 9.0}, {18.0, 7.0, 8.0}, {16.0, 6.0, 7.5}, {15.0, 5.0, 6.5}, {15.0, 4.5, 7.5}}}},  // ring
      {{31.35, 17.1, 15.2}, 3.5, {81.0, -37.0, -4.5}, -11.0, 0.0, 0.0,
       {{{16.5, 6.0, 8.0}, {16.0, 6.5, 7.5}, {14.0, 5.5, 7.0}, {13.0, 5.0, 6.0}, {13.0, 4.0, 7.0}}}},  // little
  }};
  return table;
}

const PalmAnatomy& PalmTable() {
  // Breadth and thickness: the doc's male values x 0.95. Wrist: typical adult 58 x 36 mm.
  static const PalmAnatomy palm = {82.5, 28.5, 58.0, 36.0, 16.0};
  return palm;
}

const std::array<RangeOfMotion, kNumArticulatedJoints>& RangeOfMotionTable() {
  //                                  flexion       abduction      twist
  static const RangeOfMotion kMcp = {{-30.0, -25.0, -8.0}, {90.0, 25.0, 8.0}};
  static const RangeOfMotion kLittleMcp = {{-30.0, -30.0, -8.0}, {90.0, 30.0, 8.0}};
  static const RangeOfMotion kPip = {{-8.0, -5.0, -5.0}, {105.0, 5.0, 5.0}};
  static const RangeOfMotion kDip = {{-15.0, -5.0, -5.0}, {85.0, 5.0, 5.0}};
  static const RangeOfMotion kThumbCmc = {{-20.0, -40.0, -40.0}, {50.0, 25.0, 10.0}};
  static const RangeOfMotion kThumbMcp = {{-10.0, -8.0, -8.0}, {55.0, 8.0, 8.0}};
  static const RangeOfMotion kThumbIp = {{-20.0, -5.0, -5.0}, {80.0, 5.0, 5.0}};
  // MANO order of joints 1..15: index, middle, pinky, ring (MCP, PIP, DIP each), thumb.
  static const std::array<RangeOfMotion, kNumArticulatedJoints> table = {
      kMcp, kPip, kDip, kMcp, kPip, kDip, kLittleMcp, kPip, kDip, kMcp, kPip, kDip, kThumbCmc, kThumbMcp, kThumbIp};
  return table;
}

}  // namespace handprop::openhand
