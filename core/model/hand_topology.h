// SPDX-License-Identifier: Apache-2.0
// MANO's fixed structure (reference.md §1.2-1.3): 16 joints in MANO-internal order, their
// parents, and the 21 keypoints in FreiHAND (= OpenPose = MediaPipe) order.
#pragma once

#include <array>

namespace handprop {

inline constexpr int kNumJoints = 16;           // wrist + 5 fingers x 3
inline constexpr int kNumArticulatedJoints = 15;
inline constexpr int kPoseDim = 48;             // global rotation (3) + 15 x 3 articulation
inline constexpr int kArticulationDim = 45;
inline constexpr int kNumBetas = 10;
inline constexpr int kPoseFeatureDim = 135;     // 15 joints x 9 entries of (R - I)
inline constexpr int kNumKeypoints = 21;
inline constexpr int kNumFingers = 5;

// MANO joint ids: 0 wrist; 1-3 index; 4-6 middle; 7-9 pinky; 10-12 ring; 13-15 thumb.
inline constexpr std::array<int, kNumJoints> kManoParents = {-1, 0, 1, 2, 0, 4, 5, 0, 7, 8, 0, 10, 11, 0, 13, 14};

// Fingertip vertices, thumb..pinky, used by FreiHAND's ground truth (reference.md §1.3, the
// set to use when comparing with FreiHAND/HanCo xyz). Other sets are a model-file option.
inline constexpr std::array<int, kNumFingers> kFreiHandTipVertices = {744, 320, 443, 555, 672};
inline constexpr std::array<int, kNumFingers> kManopthTipVertices = {745, 317, 444, 556, 673};

// Keypoint k (FreiHAND order) is joint i for i < 16, else tip (i - 16) in thumb..pinky order.
inline constexpr std::array<int, kNumKeypoints> kKeypointSource = {0,  13, 14, 15, 16, 1,  2,  3,  17, 4, 5,
                                                                   6,  18, 10, 11, 12, 19, 7,  8,  9,  20};

// FreiHAND-order keypoint names, wrist first, each finger base to tip.
inline constexpr std::array<const char*, kNumKeypoints> kKeypointNames = {
    "wrist",      "thumb_cmc",  "thumb_mcp",  "thumb_ip",   "thumb_tip",  "index_mcp", "index_pip",
    "index_dip",  "index_tip",  "middle_mcp", "middle_pip", "middle_dip", "middle_tip", "ring_mcp",
    "ring_pip",   "ring_dip",   "ring_tip",   "pinky_mcp",  "pinky_pip",  "pinky_dip", "pinky_tip"};

// Parent of each keypoint in FreiHAND order (wrist is -1).
inline constexpr std::array<int, kNumKeypoints> kKeypointParents = {-1, 0, 1, 2, 3, 0,  5,  6,  7,  0, 9,
                                                                    10, 11, 0, 13, 14, 15, 0, 17, 18, 19};

// MANO joint names, in MANO order.
inline constexpr std::array<const char*, kNumJoints> kJointNames = {
    "wrist",     "index_mcp", "index_pip", "index_dip", "middle_mcp", "middle_pip", "middle_dip", "pinky_mcp",
    "pinky_pip", "pinky_dip", "ring_mcp",  "ring_pip",  "ring_dip",   "thumb_cmc",  "thumb_mcp",  "thumb_ip"};

}  // namespace handprop
