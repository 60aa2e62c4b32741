// SPDX-License-Identifier: Apache-2.0
#include "core/model/lbs.h"

#include "core/geometry/rotation.h"

namespace handprop {

JointMatrix RestJoints(const HandModel& model, const ShapeVector& betas) {
  const Eigen::VectorXd offsets = model.shapedirs * betas;
  const Eigen::Matrix3Xd shaped = model.v_template + Eigen::Map<const Eigen::Matrix3Xd>(offsets.data(), 3, model.NumVertices());
  return shaped * model.j_regressor.transpose();
}

KeypointMatrix KeypointsFrom(const HandModel& model, const JointMatrix& joints, const Eigen::Matrix3Xd& vertices) {
  KeypointMatrix keypoints;
  for (int k = 0; k < kNumKeypoints; ++k) {
    const int source = kKeypointSource[k];
    if (source < kNumJoints) {
      keypoints.col(k) = joints.col(source);
    } else {
      keypoints.col(k) = vertices.col(model.tip_vertices[source - kNumJoints]);
    }
  }
  return keypoints;
}

HandLbs::HandLbs(const HandModel& model) : model_(model) {
  const int v = model.NumVertices();
  for (int k = 0; k < kNumArticulatedJoints; ++k) {
    PoseBlendBlock block{k, {}, {}};
    for (int i = 0; i < v; ++i)
      if (!model.posedirs.block<3, 9>(3 * i, 9 * k).isZero(0.0)) block.vertices.push_back(i);
    if (block.vertices.empty()) continue;
    if (2 * block.vertices.size() > static_cast<size_t>(v)) {  // dense enough for one shared product
      dense_pose_joints_.push_back(k);
      continue;
    }
    block.dirs.resize(3 * static_cast<Eigen::Index>(block.vertices.size()), 9);
    for (size_t n = 0; n < block.vertices.size(); ++n)
      block.dirs.block<3, 9>(3 * n, 0) = model.posedirs.block<3, 9>(3 * block.vertices[n], 9 * k).cast<float>();
    sparse_pose_blocks_.push_back(std::move(block));
  }
  dense_pose_dirs_.resize(3 * v, 9 * static_cast<Eigen::Index>(dense_pose_joints_.size()));
  for (size_t j = 0; j < dense_pose_joints_.size(); ++j)
    dense_pose_dirs_.middleCols<9>(9 * j) = model.posedirs.middleCols<9>(9 * dense_pose_joints_[j]).cast<float>();
  influence_begin_.reserve(model.NumVertices() + 1);
  for (int i = 0; i < model.NumVertices(); ++i) {
    influence_begin_.push_back(static_cast<int>(influences_.size()));
    for (int k = 0; k < kNumJoints; ++k) {
      if (model.weights(i, k) != 0.0) influences_.push_back({k, model.weights(i, k)});
    }
  }
  influence_begin_.push_back(static_cast<int>(influences_.size()));
  for (int k = 0; k < kNumJoints; ++k)
    for (int i = 0; i < model.NumVertices(); ++i)
      if (model.j_regressor(k, i) != 0.0) regressor_[k].push_back({i, model.j_regressor(k, i)});
}

HandMesh HandLbs::Forward(const PoseVector& pose, const ShapeVector& betas, const Eigen::Vector3d& trans) const {
  const int v = model_.NumVertices();
  // 1-2. Shape blend shapes and rest joints.
  Eigen::VectorXd blended = model_.shapedirs * betas;
  Eigen::Map<Eigen::Matrix3Xd> shaped(blended.data(), 3, v);
  shaped += model_.v_template;
  JointMatrix rest_joints = JointMatrix::Zero();
  for (int k = 0; k < kNumJoints; ++k)
    for (const RegressorEntry& e : regressor_[k]) rest_joints.col(k) += e.weight * shaped.col(e.vertex);

  // 3-5. Joint rotations and the pose feature (R_k - I) of the 15 non-root joints.
  std::array<Eigen::Matrix3d, kNumJoints> local;
  Eigen::Matrix<double, kPoseFeatureDim, 1> feature;
  for (int k = 0; k < kNumJoints; ++k) {
    local[k] = AxisAngleToMatrix(pose.segment<3>(3 * k));
    if (k == 0) continue;
    const Eigen::Matrix3d d = local[k] - Eigen::Matrix3d::Identity();
    for (int r = 0; r < 3; ++r) feature.segment<3>(9 * (k - 1) + 3 * r) = d.row(r).transpose();  // row-major
  }
  if (!dense_pose_joints_.empty()) {
    Eigen::VectorXf dense_feature(9 * dense_pose_joints_.size());
    for (size_t j = 0; j < dense_pose_joints_.size(); ++j)
      dense_feature.segment<9>(9 * j) = feature.segment<9>(9 * dense_pose_joints_[j]).cast<float>();
    blended += (dense_pose_dirs_ * dense_feature).cast<double>();
  }
  Eigen::VectorXf offsets;
  for (const PoseBlendBlock& block : sparse_pose_blocks_) {
    const Eigen::Matrix<float, 9, 1> f = feature.segment<9>(9 * block.joint).cast<float>();
    if (f.isZero(0.0f)) continue;  // joint at rest: nothing to add
    offsets.noalias() = block.dirs * f;
    for (size_t n = 0; n < block.vertices.size(); ++n)
      blended.segment<3>(3 * block.vertices[n]) += offsets.segment<3>(3 * n).cast<double>();
  }  // `shaped` now holds the pose-blended rest mesh

  // 6-7. Forward kinematics, then remove the rest-joint offset to get skinning transforms.
  HandMesh mesh;
  std::array<Eigen::Vector3d, kNumJoints> world_t;
  std::array<Eigen::Matrix<double, 3, 4>, kNumJoints> skin;
  for (int k = 0; k < kNumJoints; ++k) {
    const int p = model_.parents[k];
    if (p < 0) {
      mesh.joint_rotations[k] = local[k];
      world_t[k] = rest_joints.col(k);
    } else {
      mesh.joint_rotations[k] = mesh.joint_rotations[p] * local[k];
      world_t[k] = mesh.joint_rotations[p] * (rest_joints.col(k) - rest_joints.col(p)) + world_t[p];
    }
    skin[k].leftCols<3>() = mesh.joint_rotations[k];
    skin[k].col(3) = world_t[k] - mesh.joint_rotations[k] * rest_joints.col(k);
    mesh.joints.col(k) = world_t[k] + trans;
  }

  // 8-9. Blend the transforms per vertex (sparse weights), apply them, then translate.
  mesh.vertices.resize(3, v);
  for (int i = 0; i < v; ++i) {
    Eigen::Matrix<double, 3, 4> blend = Eigen::Matrix<double, 3, 4>::Zero();
    for (int n = influence_begin_[i]; n < influence_begin_[i + 1]; ++n) blend += influences_[n].weight * skin[influences_[n].joint];
    mesh.vertices.col(i) = blend.leftCols<3>() * shaped.col(i) + blend.col(3) + trans;
  }
  mesh.keypoints = KeypointsFrom(model_, mesh.joints, mesh.vertices);
  return mesh;
}

}  // namespace handprop
