// SPDX-License-Identifier: Apache-2.0
// MANO pose conventions (reference.md §1.4). Internally a pose is always the *absolute* 48-vector:
// global axis-angle (3) then 15 joint axis-angles in MANO order, mean already added.
// The user-facing vector depends on two switches:
//   flat_hand_mean = false (MANO, smplx, FreiHAND, HanCo): articulation = hands_mean + input
//   flat_hand_mean = true  (manopth default, minimal-hand):  articulation = input
//   num_pca = 0: the input articulation is 45 axis-angle numbers
//   num_pca = n: it is n PCA coefficients, articulation = mean_or_0 + c * hands_components[:n]
#pragma once

#include <Eigen/Core>
#include <string>

#include "core/model/hand_model.h"

namespace handprop {

struct PoseConvention {
  // true: a zero pose is the flat hand; false: a zero pose is the model's mean pose.
  bool flat_hand_mean = false;
  // 0: 45 axis-angle articulation values; 1..45: that many PCA coefficients.
  int num_pca = 0;

  // 3 + 45, or 3 + num_pca.
  int InputSize() const { return 3 + (num_pca > 0 ? num_pca : kArticulationDim); }
  std::string Check() const;
};

// Input vector (InputSize()) to the absolute 48-vector. Throws InputError on a wrong size or
// when num_pca exceeds the model's component count.
Eigen::VectorXd AbsolutePose(const HandModel& model, const Eigen::VectorXd& input, const PoseConvention& convention);

// Absolute 48-vector to the convention's input vector. With num_pca < 45 the articulation is
// projected (least squares) onto the first num_pca components, so the round trip is exact
// only for poses inside that subspace.
Eigen::VectorXd ConventionPose(const HandModel& model, const Eigen::VectorXd& absolute, const PoseConvention& convention);

}  // namespace handprop
