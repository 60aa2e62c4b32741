// SPDX-License-Identifier: Apache-2.0
// One digit's tube: a six-point loop at each station of anatomy.h (mid first segment, second
// joint, mid second segment, third joint, pad), from the base loop on the palm, closed by a cap
// of three quads around a centre point at the fingertip.
#include "core/model/openhand/cage.h"

namespace handprop::openhand {
namespace {

// Where each station sits: segment (0-2) and fraction of its length from its proximal joint.
constexpr int kStationSegment[kNumStations] = {0, 1, 1, 2, 2};
// The thumb's first loop sits further out: its metacarpal is mostly inside the thenar.
constexpr double kStationFraction[2][kNumStations] = {{0.75, 0.0, 0.5, 0.0, 0.6}, {0.5, 0.0, 0.5, 0.0, 0.6}};
// Subdivision pulls a loop's single side points inwards more than its flat dorsal and palmar
// pairs; the half width is enlarged to compensate, more at the pad, which the cap also pulls
// in (calibrated so that the skin matches the anatomy.h sections; checked by openhand tests).
constexpr double kWidthInflation = 1.12;
constexpr double kPadWidthInflation = 1.32;
constexpr double kPadPalmarInflation = 1.15;
// Dorsal and palmar points sit at this fraction of the half width (a flattened hexagon).
constexpr double kLoopCorner = 0.55;

JointWeights StationWeights(int first_joint, int station) {
  const int segment = kStationSegment[station];
  if (kStationFraction[1][station] > 0.0) return RigidWeights(first_joint + segment);
  return SharedWeights(first_joint + segment - 1, 0.5, first_joint + segment);
}

Loop AddLoop(const DigitChain& chain, const Eigen::Vector3d& centre, const Section& section, double scale,
             bool pad, const JointWeights& w, Cage* cage) {
  const double half = 0.5 * section.width * scale * (pad ? kPadWidthInflation : kWidthInflation);
  const double dorsal = section.dorsal * scale;
  const double palmar = section.palmar * scale * (pad ? kPadPalmarInflation : 1.0);
  const double side = 0.5 * (dorsal - palmar);
  const Eigen::Vector3d& l = chain.lateral;
  const Eigen::Vector3d& n = chain.dorsal;
  return {cage->Add(centre - kLoopCorner * half * l + dorsal * n, w),
          cage->Add(centre + kLoopCorner * half * l + dorsal * n, w),
          cage->Add(centre + half * l + side * n, w),
          cage->Add(centre + kLoopCorner * half * l - palmar * n, w),
          cage->Add(centre - kLoopCorner * half * l - palmar * n, w),
          cage->Add(centre - half * l + side * n, w)};
}

void Bridge(const Loop& a, const Loop& b, Cage* cage) {
  for (int k = 0; k < 6; ++k) cage->AddQuad(a[k], a[(k + 1) % 6], b[(k + 1) % 6], b[k]);
}

}  // namespace

void AddDigit(const Skeleton& s, int digit, const Loop& base, Cage* cage) {
  const DigitChain& chain = s.digits[digit];
  const DigitAnatomy& anatomy = DigitTable()[digit];
  const int first_joint = kDigitFirstJoint[digit];
  Loop previous = base;
  for (int station = 0; station < kNumStations; ++station) {
    const int segment = kStationSegment[station];
    const double fraction = kStationFraction[digit == kThumb ? 0 : 1][station];
    const Eigen::Vector3d centre = chain.joints[segment] + fraction * chain.length[segment] * chain.axis;
    const double tip_factor = segment == 2 ? s.factors.fingertip_width : 1.0;
    const bool pad = station == kNumStations - 1;
    const Loop loop = AddLoop(chain, centre, anatomy.sections[station], s.SectionScale() * tip_factor, pad,
                              StationWeights(first_joint, station), cage);
    Bridge(previous, loop, cage);
    previous = loop;
  }
  // The cap centre starts at the fingertip; PinTips (subdivision.h) moves it so that the
  // subdivided surface reaches the fingertip.
  const int centre = cage->Add(chain.end, RigidWeights(first_joint + 2));
  for (int k = 0; k < 6; k += 2) cage->AddQuad(centre, previous[k], previous[k + 1], previous[(k + 2) % 6]);
  cage->tip_points[digit] = centre;
  cage->tip_targets[digit] = chain.end;
}

}  // namespace handprop::openhand
