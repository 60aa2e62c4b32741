// SPDX-License-Identifier: Apache-2.0
#include "core/model/openhand/gestures.h"


namespace handprop::openhand {
namespace {

// MANO row (joint id - 1) of each finger's MCP, in HandCurl's order index, middle, ring, little.
constexpr int kFingerRow[4] = {0, 3, 9, 6};
constexpr int kThumbRow = 12;
constexpr double kDipPerPip = 2.0 / 3.0;

HandCurl Make(FingerCurl index, FingerCurl middle, FingerCurl ring, FingerCurl little, ThumbCurl thumb) {
  HandCurl c;
  c.fingers = {index, middle, ring, little};
  c.thumb = thumb;
  return c;
}

}  // namespace

const char* GestureName(Gesture g) {
  static const char* const kNames[kNumGestures] = {"flat",  "relaxed", "spread", "fist",   "grasp",  "pinch", "tripod",
                                                   "point", "count1",  "count2", "count3", "count4", "count5"};
  return kNames[static_cast<int>(g)];
}

HandCurl GestureCurl(Gesture g) {
  // Fingers: {MCP, PIP, abduction}; thumb: {CMC flexion, CMC abduction, CMC twist, MCP, IP}.
  const FingerCurl kFolded = {85, 100, 0};
  const ThumbCurl kThumbAcross = {25, 15, -20, 52, 50};  // over the middle phalanges of a fist
  switch (g) {
    case Gesture::kFlat:
      return Make({0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0, 0, 0});
    case Gesture::kRelaxed:  // MCP 20-40, PIP 30-50, DIP 10-30, slightly spread, thumb part abducted
      return Make({25, 35, 3}, {30, 40, 0}, {33, 42, -3}, {36, 45, -6}, {8, 0, -5, 15, 15});
    case Gesture::kSpread:
      return Make({-5, 0, 16}, {-5, 0, 2}, {-5, 0, -12}, {-5, 0, -22}, {-10, 20, 5, 0, 0});
    case Gesture::kFist:
      return Make(kFolded, kFolded, kFolded, kFolded, kThumbAcross);
    case Gesture::kGrasp:  // power grasp of a ~40 mm cylinder
      return Make({50, 65, 2}, {55, 70, 0}, {58, 72, -2}, {62, 75, -4}, {25, -10, -25, 20, 15});
    case Gesture::kPinch:  // thumb tip to index tip
      return Make({42, 48, 0}, {45, 55, 0}, {50, 60, -3}, {55, 65, -6}, {40, 0, -5, 3, 20});
    case Gesture::kTripod:  // thumb, index and middle tips together
      return Make({42, 45, -2}, {45, 42, 4}, {65, 80, -2}, {70, 85, -4}, {44, -15, 5, 5, 20});
    case Gesture::kPoint:
      return Make({0, 0, 0}, kFolded, kFolded, kFolded, kThumbAcross);
    case Gesture::kCount1:
      return Make({0, 0, 3}, kFolded, kFolded, kFolded, kThumbAcross);
    case Gesture::kCount2:
      return Make({0, 0, 8}, {0, 0, -4}, kFolded, kFolded, kThumbAcross);
    case Gesture::kCount3:
      return Make({0, 0, 8}, {0, 0, 0}, {0, 0, -8}, kFolded, {35, -25, -25, 45, 40});
    case Gesture::kCount4:
      return Make({0, 0, 8}, {0, 0, 0}, {0, 0, -6}, {0, 0, -14}, {40, -30, -30, 50, 50});
    case Gesture::kCount5:
      return Make({0, 0, 12}, {0, 0, 1}, {0, 0, -10}, {0, 0, -18}, {-10, 15, 0, 0, 0});
  }
  return {};
}

AnatomicalPose Expand(const HandCurl& c) {
  AnatomicalPose pose = AnatomicalPose::Zero();
  for (int f = 0; f < 4; ++f) {
    const int row = kFingerRow[f];
    pose(row, 0) = c.fingers[f].mcp;
    pose(row, 1) = c.fingers[f].abduction;
    pose(row + 1, 0) = c.fingers[f].pip;
    pose(row + 2, 0) = kDipPerPip * c.fingers[f].pip;
  }
  pose(kThumbRow, 0) = c.thumb.cmc_flexion;
  pose(kThumbRow, 1) = c.thumb.cmc_abduction;
  pose(kThumbRow, 2) = c.thumb.cmc_twist;
  pose(kThumbRow + 1, 0) = c.thumb.mcp;
  pose(kThumbRow + 2, 0) = c.thumb.ip;
  return pose;
}

}  // namespace handprop::openhand
