// SPDX-License-Identifier: Apache-2.0
#include "core/model/lbs_torch.h"

#include <torch/torch.h>

#include "core/util/error.h"

namespace handprop {

struct TorchHandLayer::Impl {
  torch::Tensor v_template;   // V x 3
  torch::Tensor shapedirs;    // 10 x 3V
  torch::Tensor posedirs;     // 135 x 3V
  torch::Tensor j_regressor;  // 16 x V
  torch::Tensor weights;      // V x 16
  torch::Tensor pca_components;  // P x 45
  torch::Tensor pca_mean;        // 45
  torch::Tensor keypoint_joint_index;   // 21 indices into cat(joints, tips)
  torch::Tensor tip_vertices;           // 5
  std::vector<std::vector<int>> levels;  // joints grouped by depth in the tree (root first)
  std::array<int, kNumJoints> parents;
  int num_vertices = 0;
  torch::TensorOptions options;
};

namespace {

torch::Tensor FromEigen(const Eigen::MatrixXd& m, const torch::TensorOptions& options) {
  // Eigen is column-major: build the transpose in row-major order, then transpose back.
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> row_major = m;
  return torch::from_blob(const_cast<double*>(row_major.data()), {m.rows(), m.cols()}, torch::kFloat64)
      .clone()
      .to(options);
}

void RequireShape(const at::Tensor& t, int64_t cols, const char* name) {
  if (t.dim() != 2 || t.size(1) != cols)
    throw InputError(std::string(name) + " must be B x " + std::to_string(cols) + ", got " + c10::str(t.sizes()));
}

}  // namespace

TorchHandLayer::TorchHandLayer(const HandModel& model, c10::Device device, c10::ScalarType dtype)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.options = torch::TensorOptions().dtype(dtype).device(device);
  m.num_vertices = model.NumVertices();
  m.v_template = FromEigen(model.v_template.transpose(), m.options);
  m.shapedirs = FromEigen(model.shapedirs.transpose(), m.options);
  m.posedirs = FromEigen(model.posedirs.transpose(), m.options);
  m.j_regressor = FromEigen(model.j_regressor, m.options);
  m.weights = FromEigen(model.weights, m.options);
  m.pca_components = FromEigen(model.pca_components, m.options);
  m.pca_mean = FromEigen(model.pca_mean, m.options).view({kArticulationDim});
  std::vector<int64_t> kp(kKeypointSource.begin(), kKeypointSource.end());
  m.keypoint_joint_index = torch::tensor(kp, torch::kLong).to(device);
  m.tip_vertices = torch::tensor(std::vector<int64_t>(model.tip_vertices.begin(), model.tip_vertices.end()), torch::kLong).to(device);
  m.parents = model.parents;
  std::array<int, kNumJoints> depth{};
  for (int k = 0; k < kNumJoints; ++k) {
    depth[k] = model.parents[k] < 0 ? 0 : depth[model.parents[k]] + 1;
    if (static_cast<int>(m.levels.size()) <= depth[k]) m.levels.resize(depth[k] + 1);
    m.levels[depth[k]].push_back(k);
  }
}

TorchHandLayer::~TorchHandLayer() = default;
TorchHandLayer::TorchHandLayer(const TorchHandLayer& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
TorchHandLayer& TorchHandLayer::operator=(const TorchHandLayer& other) {
  if (this != &other) impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}

int TorchHandLayer::NumVertices() const { return impl_->num_vertices; }
c10::Device TorchHandLayer::device() const { return impl_->options.device(); }
c10::ScalarType TorchHandLayer::dtype() const { return c10::typeMetaToScalarType(impl_->options.dtype()); }

at::Tensor TorchHandLayer::Rodrigues(const at::Tensor& axis_angle) {
  // R = I + A K + B K^2 with the unnormalised skew matrix K, A = sin(t)/t, B = (1 - cos t)/t^2.
  // Both branches are evaluated on safe inputs so no NaN reaches the gradient near t = 0.
  const torch::Tensor t2 = (axis_angle * axis_angle).sum(-1, /*keepdim=*/true);
  const torch::Tensor small = t2 < 1e-8;
  const torch::Tensor t2_safe = torch::where(small, torch::ones_like(t2), t2);
  const torch::Tensor t_safe = torch::sqrt(t2_safe);
  const torch::Tensor a = torch::where(small, 1.0 - t2 / 6.0, torch::sin(t_safe) / t_safe).unsqueeze(-1);
  const torch::Tensor b = torch::where(small, 0.5 - t2 / 24.0, (1.0 - torch::cos(t_safe)) / t2_safe).unsqueeze(-1);
  const torch::Tensor x = axis_angle.select(-1, 0), y = axis_angle.select(-1, 1), z = axis_angle.select(-1, 2);
  const torch::Tensor zero = torch::zeros_like(x);
  const torch::Tensor k = torch::stack({zero, -z, y, z, zero, -x, -y, x, zero}, -1).view({-1, 3, 3});
  const torch::Tensor eye = torch::eye(3, axis_angle.options()).expand_as(k);
  return eye + a * k + b * torch::matmul(k, k);
}

at::Tensor TorchHandLayer::AbsolutePose(const at::Tensor& input, const PoseConvention& c) const {
  if (const std::string problem = c.Check(); !problem.empty()) throw InputError("pose convention: " + problem);
  if (c.num_pca > impl_->pca_components.size(0))
    throw InputError("--pca " + std::to_string(c.num_pca) + " exceeds the model's PCA components");
  RequireShape(input, c.InputSize(), "pose");
  torch::Tensor articulation = c.num_pca > 0
      ? torch::matmul(input.slice(1, 3), impl_->pca_components.slice(0, 0, c.num_pca))
      : input.slice(1, 3);
  if (!c.flat_hand_mean) articulation = articulation + impl_->pca_mean;
  return torch::cat({input.slice(1, 0, 3), articulation}, 1);
}

at::Tensor TorchHandLayer::RestJoints(const at::Tensor& betas) const {
  RequireShape(betas, kNumBetas, "betas");
  const torch::Tensor shaped = impl_->v_template + torch::matmul(betas, impl_->shapedirs).view({betas.size(0), -1, 3});
  return torch::matmul(impl_->j_regressor, shaped);
}

TorchHandOutput TorchHandLayer::Forward(const at::Tensor& pose, const at::Tensor& betas, const at::Tensor& trans) const {
  const Impl& m = *impl_;
  RequireShape(pose, kPoseDim, "pose");
  RequireShape(betas, kNumBetas, "betas");
  RequireShape(trans, 3, "trans");
  const int64_t batch = pose.size(0);
  if (betas.size(0) != batch || trans.size(0) != batch)
    throw InputError("pose, betas and trans must share the batch size (" + std::to_string(batch) + ")");

  // 1-2. Shape blend shapes and rest joints.
  const torch::Tensor shaped = m.v_template + torch::matmul(betas, m.shapedirs).view({batch, -1, 3});
  const torch::Tensor rest_joints = torch::matmul(m.j_regressor, shaped);  // B x 16 x 3

  // 3-5. Rotations and the pose feature vec(R_k - I), k = 1..15, row-major.
  const torch::Tensor rot = Rodrigues(pose.reshape({batch * kNumJoints, 3})).view({batch, kNumJoints, 3, 3});
  const torch::Tensor feature = (rot.slice(1, 1) - torch::eye(3, pose.options())).reshape({batch, kPoseFeatureDim});
  const torch::Tensor blended = shaped + torch::matmul(feature, m.posedirs).view({batch, -1, 3});

  // 6. Forward kinematics, level by level (all joints of one depth in one batched product).
  std::vector<torch::Tensor> world_rot(kNumJoints), world_t(kNumJoints);
  for (const std::vector<int>& level : m.levels) {
    for (int k : level) {
      const int p = m.parents[k];
      const torch::Tensor jk = rest_joints.select(1, k);
      if (p < 0) {
        world_rot[k] = rot.select(1, k);
        world_t[k] = jk;
      } else {
        world_rot[k] = torch::matmul(world_rot[p], rot.select(1, k));
        world_t[k] = torch::matmul(world_rot[p], (jk - rest_joints.select(1, p)).unsqueeze(-1)).squeeze(-1) + world_t[p];
      }
    }
  }
  const torch::Tensor rotations = torch::stack(world_rot, 1);   // B x 16 x 3 x 3
  const torch::Tensor positions = torch::stack(world_t, 1);     // B x 16 x 3

  // 7. Skinning transforms A_k = [R_k | t_k - R_k J_k], flattened to 12 numbers.
  const torch::Tensor offset = positions - torch::matmul(rotations, rest_joints.unsqueeze(-1)).squeeze(-1);
  const torch::Tensor skin = torch::cat({rotations, offset.unsqueeze(-1)}, -1).view({batch, kNumJoints, 12});

  // 8-9. Blend per vertex, apply, translate.
  const torch::Tensor blend = torch::matmul(m.weights, skin).view({batch, -1, 3, 4});  // B x V x 3 x 4
  const torch::Tensor t = trans.unsqueeze(1);
  torch::Tensor vertices =
      torch::matmul(blend.slice(-1, 0, 3), blended.unsqueeze(-1)).squeeze(-1) + blend.select(-1, 3) + t;
  torch::Tensor joints = positions + t;
  const torch::Tensor tips = vertices.index_select(1, m.tip_vertices);
  torch::Tensor keypoints = torch::cat({joints, tips}, 1).index_select(1, m.keypoint_joint_index);
  return {vertices, joints, keypoints};
}

}  // namespace handprop
