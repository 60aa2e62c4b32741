// SPDX-License-Identifier: Apache-2.0
#include "core/model/openhand/pose_prior.h"

#include <algorithm>
#include <cmath>

#include "core/model/openhand/random.h"

namespace handprop::openhand {
namespace {

// Noise, degrees (standard deviations).
constexpr double kCurlNoise = 10.0;         // per finger, shared by its MCP and PIP
constexpr double kJointFlexNoise = 5.0;     // MCP and PIP each
constexpr double kDipNoise = 5.0;           // DIP around 2/3 PIP
constexpr double kSpreadNoise = 4.0;        // common spread of the fingers
constexpr double kAbductionNoise = 3.0;     // per finger MCP
constexpr double kThumbNoise = 6.0;         // thumb CMC flexion/abduction, MCP flexion
constexpr double kThumbTwistNoise = 5.0;    // thumb CMC twist
constexpr double kThumbIpNoise = 8.0;
constexpr double kSmallNoise = 1.5;         // every other degree of freedom (twists, PIP/DIP abduction)
constexpr double kMinProgress = 0.2, kMaxProgress = 1.3;  // towards the gesture, capped at 1
// Coupling of the curl noise: ring = a * middle + b * own, little = a * ring + b * own.
constexpr double kRingFollowsMiddle = 0.6, kLittleFollowsRing = 0.7;

constexpr int kFingerRow[4] = {0, 3, 9, 6};  // index, middle, ring, little MCP rows
constexpr int kThumbRow = 12;

HandCurl Lerp(const HandCurl& a, const HandCurl& b, double t) {
  HandCurl c;
  for (int f = 0; f < 4; ++f) {
    c.fingers[f].mcp = a.fingers[f].mcp + t * (b.fingers[f].mcp - a.fingers[f].mcp);
    c.fingers[f].pip = a.fingers[f].pip + t * (b.fingers[f].pip - a.fingers[f].pip);
    c.fingers[f].abduction = a.fingers[f].abduction + t * (b.fingers[f].abduction - a.fingers[f].abduction);
  }
  const ThumbCurl &x = a.thumb, &y = b.thumb;
  c.thumb = {x.cmc_flexion + t * (y.cmc_flexion - x.cmc_flexion), x.cmc_abduction + t * (y.cmc_abduction - x.cmc_abduction),
             x.cmc_twist + t * (y.cmc_twist - x.cmc_twist), x.mcp + t * (y.mcp - x.mcp), x.ip + t * (y.ip - x.ip)};
  return c;
}

AnatomicalPose SampleOne(SeededRandom& rng) {
  double weights[kNumGestures];
  for (int g = 0; g < kNumGestures; ++g) weights[g] = GestureWeight(static_cast<Gesture>(g));
  const Gesture gesture = static_cast<Gesture>(rng.Categorical(weights, kNumGestures));
  const double progress = std::min(1.0, rng.Uniform(kMinProgress, kMaxProgress));
  HandCurl c = Lerp(GestureCurl(Gesture::kRelaxed), GestureCurl(gesture), progress);

  // Correlated curl: index alone, ring with middle, little with ring.
  double curl[4];
  curl[0] = rng.Normal(0.0, kCurlNoise);
  curl[1] = rng.Normal(0.0, kCurlNoise);
  const double own = std::sqrt(1.0 - kRingFollowsMiddle * kRingFollowsMiddle);
  curl[2] = kRingFollowsMiddle * curl[1] + own * rng.Normal(0.0, kCurlNoise);
  const double own_little = std::sqrt(1.0 - kLittleFollowsRing * kLittleFollowsRing);
  curl[3] = kLittleFollowsRing * curl[2] + own_little * rng.Normal(0.0, kCurlNoise);
  const double spread = rng.Normal(0.0, kSpreadNoise);
  const double spread_share[4] = {1.0, 0.2, -0.8, -1.5};  // radial positive
  for (int f = 0; f < 4; ++f) {
    c.fingers[f].mcp += 0.8 * curl[f] + rng.Normal(0.0, kJointFlexNoise);
    c.fingers[f].pip += curl[f] + rng.Normal(0.0, kJointFlexNoise);
    c.fingers[f].abduction += spread_share[f] * spread + rng.Normal(0.0, kAbductionNoise);
  }
  c.thumb.cmc_flexion += rng.Normal(0.0, kThumbNoise);
  c.thumb.cmc_abduction += rng.Normal(0.0, kThumbNoise);
  c.thumb.cmc_twist += rng.Normal(0.0, kThumbTwistNoise);
  c.thumb.mcp += rng.Normal(0.0, kThumbNoise);
  c.thumb.ip += rng.Normal(0.0, kThumbIpNoise);

  AnatomicalPose pose = Expand(c);
  for (int f = 0; f < 4; ++f) pose(kFingerRow[f] + 2, 0) += rng.Normal(0.0, kDipNoise);
  for (int row = 0; row < kNumArticulatedJoints; ++row) {
    for (int axis = 0; axis < 3; ++axis) {
      // Flexions, MCP abductions and the whole thumb CMC were set above; the rest gets small noise.
      const bool driven = axis == 0 || (axis == 1 && row % 3 == 0) || row == kThumbRow;
      if (!driven) pose(row, axis) += rng.Normal(0.0, kSmallNoise);
    }
  }
  return pose;
}

}  // namespace

double GestureWeight(Gesture g) {
  switch (g) {
    case Gesture::kRelaxed: return 0.25;
    case Gesture::kFlat: return 0.05;
    case Gesture::kSpread: return 0.08;
    case Gesture::kFist: return 0.10;
    case Gesture::kGrasp: return 0.12;
    case Gesture::kPinch: return 0.10;
    case Gesture::kTripod: return 0.06;
    case Gesture::kPoint: return 0.06;
    default: return 0.036;  // each of count1..count5
  }
}

std::vector<AnatomicalPose> SampleAnatomicalPoses(const JointLimits& limits, int count, uint64_t seed) {
  SeededRandom rng(seed);
  std::vector<AnatomicalPose> poses;
  poses.reserve(count);
  for (int n = 0; n < count; ++n) poses.push_back(ClampToLimits(SampleOne(rng), limits));
  return poses;
}

Eigen::MatrixXd SamplePosePrior(const JointLimits& limits, int count, uint64_t seed) {
  const std::vector<AnatomicalPose> poses = SampleAnatomicalPoses(limits, count, seed);
  Eigen::MatrixXd out(kArticulationDim, count);
  for (int n = 0; n < count; ++n) out.col(n) = ToArticulation(poses[n], limits);
  return out;
}

}  // namespace handprop::openhand
