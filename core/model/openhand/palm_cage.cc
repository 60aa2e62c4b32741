// SPDX-License-Identifier: Apache-2.0
// The palm block of the cage. Five rings of points run from the heel (ring 0) to the finger
// bases (ring 4). Each ring has eight columns across the hand, ulnar (0) to radial (7), with a
// dorsal and a palmar point per column and a mid point on each side; the end faces (heel cap
// and distal face) also get mid points in the six inner columns. The distal face is split into
// the four finger columns (0, 2, 4, 6: little, ring, middle, index) and three narrow gap columns
// between them; each finger column becomes its finger's base loop. The thumb's base is the
// radial-palmar corner between rings 1 and 2 (palmar column 6 and the lower radial side).
#include <cmath>

#include "core/model/openhand/cage.h"

namespace handprop::openhand {
namespace {

constexpr int kRings = 5;
constexpr int kColumns = 8;

// A palm ring in the palm frame (mm), columns spread evenly between the ulnar and radial edge
// and then pulled towards the finger-base columns by `finger_pull`.
struct RingProfile {
  double d, ulnar, radial;  // distal position and edges
  double dorsal, palmar;    // heights at the middle of the hand
  double dorsal_drop;       // how much lower the dorsum is at the edges (transverse arch)
  double palmar_hollow;     // how much less palmar the middle of the palm is than its edges
  double finger_pull;
};
constexpr RingProfile kRingProfiles[kRings - 1] = {
    {-14.0, -22.0, 21.0, 12.5, -16.0, 4.0, 0.0, 0.0},   // heel, end of the mesh
    {8.0, -29.5, 28.5, 16.5, -21.5, 4.0, 1.0, 0.0},     // wrist
    {40.0, -39.0, 31.0, 14.0, -19.5, 5.0, 3.0, 0.3},    // thenar and hypothenar
    {66.0, -45.5, 33.0, 13.5, -18.0, 5.0, 3.0, 0.75},   // distal palm
};
constexpr double kSideBulge = 3.0;   // side mid points stick out this much (mm)
constexpr double kHeelBulge = 8.0;   // the heel cap's inner points lie this much proximal

// Finger-base columns at ring 4: half widths, extra breadth on the palm's outer edges, and
// where the dorsal, side and palmar points sit relative to the MCP joint (d offset, p offset).
constexpr double kBaseHalfWidth[kNumDigits] = {0.0, 9.0, 9.2, 8.8, 8.0};
constexpr double kOuterEdgeExtra = 2.5;
constexpr double kBaseDorsal[2] = {0.0, 11.5};
constexpr double kBaseSide[2] = {5.0, -1.0};
constexpr double kBasePalmar[2] = {10.0, -14.0};

constexpr int kColumnDigit[kColumns] = {kLittle, kLittle, kRing, kRing, kMiddle, kMiddle, kIndex, kIndex};
constexpr double kPalmWeightAtFingerBase = 0.5;  // wrist share of the finger-base points
constexpr double kPalmWeightAtThumbBase = 0.5;   // wrist share of the thumb-base points

struct Ring {
  std::array<int, kColumns> dorsal{}, mid{}, palmar{};  // mid: only 0 and 7, except on end faces
};

// Ring 4: the finger bases, column positions (r) and the points (d, p) around each MCP.
Ring AddFingerBaseRing(const Skeleton& s, std::array<double, kColumns>* columns, Cage* cage) {
  Ring ring;
  for (int c = 0; c < kColumns; ++c) {
    const int digit = kColumnDigit[c];
    const DigitAnatomy& a = DigitTable()[digit];
    const bool radial_side = (c % 2) == 1;
    double r = a.root[1] + (radial_side ? 1.0 : -1.0) * kBaseHalfWidth[digit];
    if (c == 0) r -= kOuterEdgeExtra;
    if (c == kColumns - 1) r += kOuterEdgeExtra;
    (*columns)[c] = r;
    const JointWeights w = SharedWeights(0, kPalmWeightAtFingerBase, kDigitFirstJoint[digit]);
    ring.dorsal[c] = cage->Add(s.PalmPoint(a.root[0] + kBaseDorsal[0], r, a.root[2] + kBaseDorsal[1]), w);
    const double side = (c == 0 || c == kColumns - 1) ? (c == 0 ? -kSideBulge : kSideBulge) : 0.0;
    ring.mid[c] = cage->Add(s.PalmPoint(a.root[0] + kBaseSide[0], r + side, a.root[2] + kBaseSide[1]), w);
    ring.palmar[c] = cage->Add(s.PalmPoint(a.root[0] + kBasePalmar[0], r, a.root[2] + kBasePalmar[1]), w);
  }
  return ring;
}

// Rings 0-3. The heel ring (0) gets inner mid points for its cap.
Ring AddPalmRing(const Skeleton& s, int index, const std::array<double, kColumns>& finger_columns, Cage* cage) {
  const RingProfile& q = kRingProfiles[index];
  const JointWeights w = RigidWeights(0);
  Ring ring;
  for (int c = 0; c < kColumns; ++c) {
    const double even = q.ulnar + (q.radial - q.ulnar) * c / (kColumns - 1.0);
    const double r = (1.0 - q.finger_pull) * even + q.finger_pull * finger_columns[c];
    const double u = 2.0 * c / (kColumns - 1.0) - 1.0;  // -1 ulnar edge .. 1 radial edge
    const double dorsal = q.dorsal - q.dorsal_drop * u * u;
    const double palmar = q.palmar + q.palmar_hollow * (1.0 - u * u);
    ring.dorsal[c] = cage->Add(s.PalmPoint(q.d, r, dorsal), w);
    ring.palmar[c] = cage->Add(s.PalmPoint(q.d, r, palmar), w);
    const bool edge = c == 0 || c == kColumns - 1;
    if (edge) {
      ring.mid[c] = cage->Add(s.PalmPoint(q.d, r + (c == 0 ? -kSideBulge : kSideBulge), 0.5 * (dorsal + palmar)), w);
    } else if (index == 0) {
      ring.mid[c] = cage->Add(s.PalmPoint(q.d - kHeelBulge, r, 0.5 * (dorsal + palmar)), w);
    }
  }
  return ring;
}

// Quads of an end face (7 columns x 2 rows); finger columns stay open when skip_fingers.
void AddEndFace(const Ring& ring, bool flip, bool skip_fingers, Cage* cage) {
  for (int c = 0; c + 1 < kColumns; ++c) {
    if (skip_fingers && c % 2 == 0) continue;
    const int d0 = ring.dorsal[c], d1 = ring.dorsal[c + 1], m0 = ring.mid[c], m1 = ring.mid[c + 1];
    const int p0 = ring.palmar[c], p1 = ring.palmar[c + 1];
    if (flip) {
      cage->AddQuad(d0, m0, m1, d1);
      cage->AddQuad(m0, p0, p1, m1);
    } else {
      cage->AddQuad(d0, d1, m1, m0);
      cage->AddQuad(m0, m1, p1, p0);
    }
  }
}

}  // namespace

std::array<Loop, kNumDigits> AddPalm(const Skeleton& s, Cage* cage) {
  std::array<double, kColumns> finger_columns{};
  std::array<Ring, kRings> rings;
  // Ring 4 first: the other rings' columns lean towards its columns.
  rings[kRings - 1] = AddFingerBaseRing(s, &finger_columns, cage);
  for (int i = 0; i + 1 < kRings; ++i) rings[i] = AddPalmRing(s, i, finger_columns, cage);

  // Thumb base: its six points blend the wrist with the thumb CMC.
  const Ring& r1 = rings[1];
  const Ring& r2 = rings[2];
  const Loop thumb = {r2.mid[7], r1.mid[7], r1.palmar[7], r1.palmar[6], r2.palmar[6], r2.palmar[7]};
  for (int point : thumb) cage->weights[point] = SharedWeights(0, kPalmWeightAtThumbBase, kDigitFirstJoint[kThumb]);

  for (int i = 0; i + 1 < kRings; ++i) {
    const Ring& a = rings[i];
    const Ring& b = rings[i + 1];
    for (int c = 0; c + 1 < kColumns; ++c) {
      cage->AddQuad(a.dorsal[c], b.dorsal[c], b.dorsal[c + 1], a.dorsal[c + 1]);
      if (!(i == 1 && c == 6)) cage->AddQuad(a.palmar[c], a.palmar[c + 1], b.palmar[c + 1], b.palmar[c]);
    }
    cage->AddQuad(a.dorsal[0], a.mid[0], b.mid[0], b.dorsal[0]);
    cage->AddQuad(a.mid[0], a.palmar[0], b.palmar[0], b.mid[0]);
    cage->AddQuad(a.dorsal[7], b.dorsal[7], b.mid[7], a.mid[7]);
    if (i != 1) cage->AddQuad(a.mid[7], b.mid[7], b.palmar[7], a.palmar[7]);
  }
  AddEndFace(rings[0], /*flip=*/true, /*skip_fingers=*/false, cage);
  AddEndFace(rings[kRings - 1], /*flip=*/false, /*skip_fingers=*/true, cage);

  std::array<Loop, kNumDigits> bases;
  bases[kThumb] = thumb;
  const Ring& r4 = rings[kRings - 1];
  for (int c = 0; c < kColumns; c += 2) {
    bases[kColumnDigit[c]] = {r4.dorsal[c], r4.dorsal[c + 1], r4.mid[c + 1], r4.palmar[c + 1], r4.palmar[c], r4.mid[c]};
  }
  return bases;
}

}  // namespace handprop::openhand
