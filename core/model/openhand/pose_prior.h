// SPDX-License-Identifier: Apache-2.0
// OpenHand's natural pose prior: a seeded sampler of plausible articulations, from which the
// model's pca_mean and pca_components are fitted and the pose correctives are trained.
//
// A sample: pick a gesture (gestures.h) with the weights of GestureWeight; move from the relaxed
// hand towards it by a random amount (partial gestures and transitions); add correlated curl
// noise per finger (the ring follows the middle, the little the ring: hand-anatomy.md's
// coupling), a common spread, and thumb noise; expand with DIP = 2/3 PIP plus noise; add small
// independent noise to every degree of freedom (so the covariance has full rank); clamp to the
// joint limits. Deterministic for a seed on every platform (random.h).
#pragma once

#include <Eigen/Core>
#include <cstdint>

#include "core/model/hand_model.h"
#include "core/model/openhand/anatomical_pose.h"
#include "core/model/openhand/gestures.h"

namespace handprop::openhand {

// Probability of each gesture in the prior (the weights sum to 1).
double GestureWeight(Gesture gesture);

// `count` anatomical poses, each within the limits.
std::vector<AnatomicalPose> SampleAnatomicalPoses(const JointLimits& limits, int count, uint64_t seed);

// The same samples as MANO articulations, 45 x count (one pose per column).
Eigen::MatrixXd SamplePosePrior(const JointLimits& limits, int count, uint64_t seed);

}  // namespace handprop::openhand
