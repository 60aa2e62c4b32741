// SPDX-License-Identifier: Apache-2.0
// Linear blend skinning of one hand in double precision with Eigen, for interactive editing
// (reference.md §1.5; the LibTorch twin for batches and gradients is lbs_torch.h).
//
//   HandLbs lbs(model);                       // precomputes sparse skinning weights
//   HandMesh mesh = lbs.Forward(pose48, betas, trans);
//   mesh.keypoints.col(8)                     // index fingertip, FreiHAND order
//
// Thread safety: Forward is const and may run concurrently. The model must outlive the HandLbs.
#pragma once

#include <Eigen/Core>
#include <array>
#include <vector>

#include "core/model/hand_model.h"

namespace handprop {

using PoseVector = Eigen::Matrix<double, kPoseDim, 1>;
using ShapeVector = Eigen::Matrix<double, kNumBetas, 1>;
using JointMatrix = Eigen::Matrix<double, 3, kNumJoints>;
using KeypointMatrix = Eigen::Matrix<double, 3, kNumKeypoints>;

// One hand instance: absolute pose (pose_convention.h), shape and root translation (metres).
struct HandParams {
  PoseVector pose = PoseVector::Zero();
  ShapeVector betas = ShapeVector::Zero();
  Eigen::Vector3d trans = Eigen::Vector3d::Zero();
};

struct HandMesh {
  Eigen::Matrix3Xd vertices;  // 3 x V, metres
  JointMatrix joints;         // 16 posed joints, MANO order
  KeypointMatrix keypoints;   // 21 keypoints, FreiHAND order (joints + fingertip vertices)
  std::array<Eigen::Matrix3d, kNumJoints> joint_rotations;  // world rotation of each joint frame
};

// Shaped rest joints J = J_regressor (T + S beta), 3 x 16 (step 2 of §1.5).
JointMatrix RestJoints(const HandModel& model, const ShapeVector& betas);

// The 21 FreiHAND-order keypoints from posed joints and vertices.
KeypointMatrix KeypointsFrom(const HandModel& model, const JointMatrix& joints, const Eigen::Matrix3Xd& vertices);

class HandLbs {
 public:
  explicit HandLbs(const HandModel& model);

  // `pose` is the absolute 48-vector (see pose_convention.h), `trans` is added last.
  HandMesh Forward(const PoseVector& pose, const ShapeVector& betas, const Eigen::Vector3d& trans) const;
  HandMesh Forward(const HandParams& p) const { return Forward(p.pose, p.betas, p.trans); }

  const HandModel& model() const { return model_; }

 private:
  struct Influence {
    int joint;
    double weight;
  };
  const HandModel& model_;
  // Pose blend shapes in single precision: the 3V x 135 product dominates a forward pass and is
  // memory-bound, and float halves the bytes (vertices change by < 1e-8 m). Joints whose blend
  // shapes touch most vertices (all of MANO's) share one dense product; the others (most of
  // OpenHand's, ~90% zero) keep only the vertices they move.
  struct PoseBlendBlock {
    int joint;                  // articulated joint index 0..14 (MANO joint + 1)
    std::vector<int> vertices;  // vertices with a non-zero row in this joint's 9 columns
    Eigen::MatrixXf dirs;       // 3 * vertices.size() x 9
  };
  std::vector<int> dense_pose_joints_;   // articulated joints in the dense product, in column order
  Eigen::MatrixXf dense_pose_dirs_;      // 3V x 9 * dense_pose_joints_.size()
  std::vector<PoseBlendBlock> sparse_pose_blocks_;
  std::vector<int> influence_begin_;   // CSR offsets per vertex into influences_
  std::vector<Influence> influences_;  // non-zero skinning weights
  struct RegressorEntry {
    int vertex;
    double weight;
  };
  std::array<std::vector<RegressorEntry>, kNumJoints> regressor_;  // non-zeros of J_regressor rows
};

}  // namespace handprop
