// SPDX-License-Identifier: Apache-2.0
// Named hand gestures of the natural pose prior (hand-anatomy.md: relaxed hand, power grasp,
// precision pinch, tripod, pointing, open palm with spread, counting 1-5), written with the
// doc's coupling: each finger's DIP flexes 2/3 of its PIP.
#pragma once

#include <array>

#include "core/model/openhand/anatomical_pose.h"

namespace handprop::openhand {

enum class Gesture { kFlat, kRelaxed, kSpread, kFist, kGrasp, kPinch, kTripod, kPoint, kCount1, kCount2, kCount3, kCount4, kCount5 };
inline constexpr int kNumGestures = 13;

// A hand pose in the prior's reduced terms (degrees, skeleton.h signs).
struct FingerCurl {
  double mcp = 0.0;        // MCP flexion
  double pip = 0.0;        // PIP flexion; the DIP flexes 2/3 of it
  double abduction = 0.0;  // MCP abduction, positive towards the thumb
};
struct ThumbCurl {
  double cmc_flexion = 0.0, cmc_abduction = 0.0, cmc_twist = 0.0, mcp = 0.0, ip = 0.0;
};
struct HandCurl {
  std::array<FingerCurl, 4> fingers;  // index, middle, ring, little
  ThumbCurl thumb;
};

const char* GestureName(Gesture gesture);
HandCurl GestureCurl(Gesture gesture);

// The full anatomical pose of a HandCurl: DIP = 2/3 PIP, no twist, no PIP/DIP abduction.
AnatomicalPose Expand(const HandCurl& curl);

}  // namespace handprop::openhand
