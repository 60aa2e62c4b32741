// SPDX-License-Identifier: Apache-2.0
// The hand model data shared by both LBS implementations: MANO's arrays (reference.md §1.1,
// §8) plus the few facts HandProp adds (fingertip vertices, joint limits, descriptions).
// A converted MANO file and the built-in OpenHand model load into the same type.
//
// Layout: points are columns (3 x N), so vertex i is v_template.col(i) and the stacked
// coordinate index of (vertex i, axis c) is 3 * i + c, as in MANO's (V, 3, K) arrays.
#pragma once

#include <Eigen/Core>
#include <array>
#include <string>
#include <vector>

#include "core/model/hand_topology.h"

namespace handprop {

enum class HandSide { kRight, kLeft };
const char* HandSideName(HandSide side);

// One shape direction's meaning, e.g. {"overall_size", "+1 makes every length 4% longer"}.
struct ShapeDirectionInfo {
  std::string name;
  std::string meaning;
};

// Per-joint rotation limits in the joint's anatomical frame, degrees. Axis order is
// (flexion, abduction, twist); flexion is positive.
struct JointLimits {
  std::array<Eigen::Matrix3d, kNumJoints> frames;     // columns: flexion, abduction, twist axes in the rest frame
  Eigen::Matrix<double, kNumArticulatedJoints, 3> min_deg;
  Eigen::Matrix<double, kNumArticulatedJoints, 3> max_deg;
};

struct HandModel {
  std::string name = "unnamed";      // "openhand", "mano", ...
  std::string source;                // where it came from (generator version, converted file)
  HandSide side = HandSide::kRight;

  Eigen::Matrix3Xd v_template;       // 3 x V rest mesh, metres
  Eigen::MatrixXd shapedirs;         // 3V x 10 shape blend shapes
  Eigen::MatrixXd posedirs;          // 3V x 135 pose blend shapes, applied to (R_k - I), k = 1..15
  Eigen::MatrixXd j_regressor;       // 16 x V, rows sum to 1
  Eigen::MatrixXd weights;           // V x 16 skinning weights, rows sum to 1
  Eigen::Matrix3Xi faces;            // 3 x F triangle vertex ids (counter-clockwise seen from outside)
  std::array<int, kNumJoints> parents = kManoParents;
  Eigen::MatrixXd pca_components;    // P x 45, one component per row, not unit norm (whitened coefficients)
  Eigen::VectorXd pca_mean;          // 45, MANO's hands_mean
  std::array<int, kNumFingers> tip_vertices = kFreiHandTipVertices;  // thumb..pinky

  std::vector<ShapeDirectionInfo> shape_directions;  // optional, one per beta
  bool has_joint_limits = false;
  JointLimits joint_limits;                          // valid when has_joint_limits

  int NumVertices() const { return static_cast<int>(v_template.cols()); }
  int NumFaces() const { return static_cast<int>(faces.cols()); }
  int NumPcaComponents() const { return static_cast<int>(pca_components.rows()); }
};

// Checks shapes, finite values, index ranges and row sums. Returns "" when valid, else one
// line naming the array and the problem ("J_regressor row 3 sums to 0.7, expected 1").
std::string ValidateHandModel(const HandModel& model);

}  // namespace handprop
