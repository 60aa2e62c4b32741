// SPDX-License-Identifier: Apache-2.0
#include "core/pose_edit/keypoint_ik.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/geometry/rotation.h"
#include "core/pose_edit/keypoint_kinematics.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {
namespace {

constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180.0;
constexpr double kMetresPerMm = 1e-3;
constexpr double kMinDepth = 1e-4;  // metres; a step that puts a used keypoint nearer is rejected
constexpr double kInf = std::numeric_limits<double>::infinity();

Eigen::Vector2d PixelOf(const CameraIntrinsics& camera, const Eigen::Vector3d& point) { return Project(camera, point); }

// Joints whose rotation moves keypoint `keypoint`: the sources of its keypoint ancestors, wrist excluded.
std::vector<int> ChainJoints(int keypoint) {
  std::vector<int> joints;
  for (int p = kKeypointParents[keypoint]; p > 0; p = kKeypointParents[p]) joints.push_back(kKeypointSource[p]);
  return joints;
}

// The least-squares problem over x = [anatomical angles of free joints (deg) | phi (deg) | tau (mm)].
class IkProblem {
 public:
  IkProblem(const HandModel& model, const JointLimits& limits, const CameraIntrinsics& camera, const HandParams& start,
            const std::vector<KeypointIkTarget>& targets, const KeypointIkOptions& options)
      : kin_(model, start.betas),
        limits_(limits),
        camera_(camera),
        start_(start),
        targets_(targets),
        options_(options) {
    std::array<bool, kNumJoints> is_free{};
    for (const KeypointIkTarget& t : targets)
      for (int j : ChainJoints(t.keypoint)) is_free[j] = true;
    for (int j = 1; j < kNumJoints; ++j)
      if (is_free[j]) free_joints_.push_back(j);
    const int n = 3 * static_cast<int>(free_joints_.size()) + (options.solve_global ? 6 : 0);
    lower_ = Eigen::VectorXd::Constant(n, -kInf);
    upper_ = Eigen::VectorXd::Constant(n, kInf);
    start_x_ = Eigen::VectorXd::Zero(n);
    for (size_t b = 0; b < free_joints_.size(); ++b) {
      const int j = free_joints_[b];
      lower_.segment<3>(3 * b) = limits.min_deg.row(j - 1).transpose();
      upper_.segment<3>(3 * b) = limits.max_deg.row(j - 1).transpose();
      start_x_.segment<3>(3 * b) = limits.frames[j].inverse() * start.pose.segment<3>(3 * j) / kRadiansPerDegree;
    }
    start_x_ = Clamp(start_x_);
    std::array<bool, kNumKeypoints> used{};
    for (const KeypointIkTarget& t : targets) used[t.keypoint] = true;
    for (int k = 0; k < kNumKeypoints; ++k) {
      bool carried = false;
      for (int j : ChainJoints(k)) carried = carried || is_free[j];
      if (!used[k] && !carried && options.solve_global) pinned_.push_back(k);
    }
    start_state_ = kin_.Forward(start.pose, start.trans);
    const KeypointKinematics::State& s0 = start_state_;
    for (int k : UsedKeypoints())
      if (s0.keypoints(2, k) < kMinDepth)
        throw InputError(std::string("start: keypoint ") + kKeypointNames[k] + " is behind the camera");
    for (int k : pinned_) pinned_pixels_.push_back(PixelOf(camera, s0.keypoints.col(k)));
  }

  const KeypointKinematics::State& start_state() const { return start_state_; }
  int NumUnknowns() const { return static_cast<int>(start_x_.size()); }
  const Eigen::VectorXd& start_x() const { return start_x_; }
  Eigen::VectorXd Clamp(const Eigen::VectorXd& x) const { return x.cwiseMax(lower_).cwiseMin(upper_); }
  bool AtLower(const Eigen::VectorXd& x, int i) const { return x[i] <= lower_[i] + 1e-9; }
  bool AtUpper(const Eigen::VectorXd& x, int i) const { return x[i] >= upper_[i] - 1e-9; }

  std::vector<int> UsedKeypoints() const {
    std::vector<int> used = pinned_;
    for (const KeypointIkTarget& t : targets_) used.push_back(t.keypoint);
    return used;
  }

  HandParams ParamsAt(const Eigen::VectorXd& x) const {
    HandParams p = start_;
    for (size_t b = 0; b < free_joints_.size(); ++b)
      p.pose.segment<3>(3 * free_joints_[b]) =
          limits_.frames[free_joints_[b]] * x.segment<3>(3 * b) * kRadiansPerDegree;
    if (options_.solve_global) {
      const int g = 3 * static_cast<int>(free_joints_.size());
      p.pose.head<3>() = MatrixToAxisAngle(AxisAngleToMatrix(x.segment<3>(g) * kRadiansPerDegree) *
                                           AxisAngleToMatrix(start_.pose.head<3>()));
      p.trans = start_.trans + x.segment<3>(g + 3) * kMetresPerMm;
    }
    return p;
  }

  KeypointKinematics::State Forward(const Eigen::VectorXd& x) const {
    const HandParams p = ParamsAt(x);
    return kin_.Forward(p.pose, p.trans);
  }

  // Residuals at x (targets, pinned, prior); false when a used keypoint is behind the camera.
  bool Residuals(const Eigen::VectorXd& x, const KeypointKinematics::State& s, Eigen::VectorXd* r) const {
    r->resize(2 * (targets_.size() + pinned_.size()) + x.size());
    int row = 0;
    for (const KeypointIkTarget& t : targets_) {
      if (s.keypoints(2, t.keypoint) < kMinDepth) return false;
      r->segment<2>(row) = PixelOf(camera_, s.keypoints.col(t.keypoint)) - t.pixel;
      row += 2;
    }
    for (size_t i = 0; i < pinned_.size(); ++i) {
      if (s.keypoints(2, pinned_[i]) < kMinDepth) return false;
      r->segment<2>(row) = options_.pinned_weight * (PixelOf(camera_, s.keypoints.col(pinned_[i])) - pinned_pixels_[i]);
      row += 2;
    }
    r->tail(x.size()) = options_.prior_weight * (x - start_x_);
    return true;
  }

  Eigen::MatrixXd Jacobian(const Eigen::VectorXd& x, const KeypointKinematics::State& s) const {
    const int n = NumUnknowns();
    // Per unknown block: the world rotation increment (radians) per unit of the block's unknowns.
    std::vector<std::pair<int, Eigen::Matrix3d>> blocks;
    for (size_t b = 0; b < free_joints_.size(); ++b) {
      const int j = free_joints_[b];
      const Eigen::Matrix3d& f = limits_.frames[j];
      const Eigen::Vector3d axis_angle = f * x.segment<3>(3 * b) * kRadiansPerDegree;
      blocks.emplace_back(j, s.rotations[kin_parent(j)] * LeftJacobianSo3(axis_angle) * f * kRadiansPerDegree);
    }
    const int g = 3 * static_cast<int>(free_joints_.size());
    if (options_.solve_global)
      blocks.emplace_back(0, LeftJacobianSo3(x.segment<3>(g) * kRadiansPerDegree) * kRadiansPerDegree);
    Eigen::MatrixXd jac = Eigen::MatrixXd::Zero(2 * (targets_.size() + pinned_.size()) + n, n);
    auto fill = [&](int row, int keypoint, double weight) {
      const Eigen::Vector3d p = s.keypoints.col(keypoint);
      Eigen::Matrix<double, 2, 3> d_pixel;
      d_pixel << camera_.fx / p.z(), 0.0, -camera_.fx * p.x() / (p.z() * p.z()), 0.0, camera_.fy / p.z(),
          -camera_.fy * p.y() / (p.z() * p.z());
      d_pixel *= weight;
      for (size_t b = 0; b < blocks.size(); ++b)
        jac.block<2, 3>(row, 3 * b) = -d_pixel * Skew(kin_.LeverArm(s, keypoint, blocks[b].first)) * blocks[b].second;
      if (options_.solve_global) jac.block<2, 3>(row, g + 3) = d_pixel * kMetresPerMm;
    };
    int row = 0;
    for (const KeypointIkTarget& t : targets_) fill((row += 2) - 2, t.keypoint, 1.0);
    for (int k : pinned_) fill((row += 2) - 2, k, options_.pinned_weight);
    jac.bottomRows(n).diagonal().setConstant(options_.prior_weight);
    return jac;
  }

 private:
  int kin_parent(int joint) const { return kManoParents[joint] < 0 ? 0 : kManoParents[joint]; }

  KeypointKinematics kin_;
  const JointLimits& limits_;
  const CameraIntrinsics& camera_;
  const HandParams& start_;
  const std::vector<KeypointIkTarget>& targets_;
  const KeypointIkOptions& options_;
  std::vector<int> free_joints_;
  std::vector<int> pinned_;
  std::vector<Eigen::Vector2d> pinned_pixels_;
  Eigen::VectorXd lower_, upper_, start_x_;
  KeypointKinematics::State start_state_;
};

double TargetRms(const CameraIntrinsics& camera, const KeypointMatrix& keypoints,
                 const std::vector<KeypointIkTarget>& targets) {
  if (targets.empty()) return 0.0;
  double sum = 0.0;
  for (const KeypointIkTarget& t : targets) sum += (PixelOf(camera, keypoints.col(t.keypoint)) - t.pixel).squaredNorm();
  return std::sqrt(sum / targets.size());
}

void CheckInputs(const CameraIntrinsics& camera, const HandParams& start, const std::vector<KeypointIkTarget>& targets,
                 const KeypointIkOptions& options) {
  if (const std::string e = options.Check(); !e.empty()) throw InputError("options: " + e);
  if (const std::string e = camera.Check(); !e.empty()) throw InputError("camera: " + e);
  if (!start.pose.allFinite()) throw InputError("start.pose: not finite");
  if (!start.betas.allFinite()) throw InputError("start.betas: not finite");
  if (!start.trans.allFinite()) throw InputError("start.trans: not finite");
  for (size_t i = 0; i < targets.size(); ++i) {
    const std::string field = "targets[" + std::to_string(i) + "]";
    if (targets[i].keypoint < 0 || targets[i].keypoint >= kNumKeypoints)
      throw InputError(field + ".keypoint: " + std::to_string(targets[i].keypoint) + " is out of range 0..20");
    if (!targets[i].pixel.allFinite()) throw InputError(field + ".pixel: not finite");
  }
}

}  // namespace

std::string KeypointIkOptions::Check() const {
  HP_OPTION_CHECK_GE(max_iterations, 0);
  HP_OPTION_CHECK_GE(tolerance_px, 0.0);
  HP_OPTION_CHECK_GE(pinned_weight, 0.0);
  HP_OPTION_CHECK_GE(prior_weight, 0.0);
  HP_OPTION_CHECK(std::isfinite(tolerance_px) && std::isfinite(pinned_weight) && std::isfinite(prior_weight),
                  "tolerance_px, pinned_weight and prior_weight must be finite");
  return {};
}

KeypointIkResult SolveKeypointIk(const HandModel& model, const JointLimits& limits, const CameraIntrinsics& camera,
                                 const HandParams& start, const std::vector<KeypointIkTarget>& targets,
                                 const KeypointIkOptions& options) {
  CheckInputs(camera, start, targets, options);
  KeypointIkResult result;
  const IkProblem problem(model, limits, camera, start, targets, options);
  const KeypointKinematics::State& s0 = problem.start_state();
  result.target_error_px_before = TargetRms(camera, s0.keypoints, targets);
  if (targets.empty() || problem.NumUnknowns() == 0) {
    result.params = start;
    result.keypoints = s0.keypoints;
    result.target_error_px_after = result.target_error_px_before;
    return result;
  }

  Eigen::VectorXd x = problem.start_x();
  KeypointKinematics::State state = problem.Forward(x);
  Eigen::VectorXd r;
  if (!problem.Residuals(x, state, &r)) throw InputError("start: a keypoint moves behind the camera within the limits");
  const std::vector<int> used = problem.UsedKeypoints();
  double lambda = 1e-3;
  bool fresh = true;
  Eigen::MatrixXd jac;
  while (result.iterations < options.max_iterations) {
    if (fresh) jac = problem.Jacobian(x, state);
    fresh = false;
    ++result.iterations;
    const Eigen::VectorXd gradient = jac.transpose() * r;
    const Eigen::MatrixXd normal = jac.transpose() * jac;
    std::vector<int> active;  // unknowns not held at a bound by a gradient pushing outwards
    for (int i = 0; i < problem.NumUnknowns(); ++i)
      if (!(problem.AtLower(x, i) && gradient[i] > 0.0) && !(problem.AtUpper(x, i) && gradient[i] < 0.0))
        active.push_back(i);
    if (active.empty()) break;
    const int m = static_cast<int>(active.size());
    Eigen::MatrixXd a(m, m);
    Eigen::VectorXd b(m);
    for (int i = 0; i < m; ++i) {
      b[i] = -gradient[active[i]];
      for (int j = 0; j < m; ++j) a(i, j) = normal(active[i], active[j]);
      a(i, i) += lambda * (normal(active[i], active[i]) + 1e-9);
    }
    const Eigen::VectorXd step = a.ldlt().solve(b);
    Eigen::VectorXd trial = x;
    for (int i = 0; i < m; ++i) trial[active[i]] += step[i];
    trial = problem.Clamp(trial);
    if ((trial - x).lpNorm<Eigen::Infinity>() < 1e-10) break;  // held at the limits: nothing left to do
    const KeypointKinematics::State trial_state = problem.Forward(trial);
    Eigen::VectorXd trial_r;
    if (trial.allFinite() && problem.Residuals(trial, trial_state, &trial_r) &&
        trial_r.squaredNorm() < r.squaredNorm()) {
      double moved = 0.0;
      for (int k : used)
        moved +=
            (PixelOf(camera, trial_state.keypoints.col(k)) - PixelOf(camera, state.keypoints.col(k))).squaredNorm();
      x = trial;
      state = trial_state;
      r = trial_r;
      fresh = true;
      lambda = std::max(lambda / 3.0, 1e-7);
      if (std::sqrt(moved / used.size()) < options.tolerance_px) break;
    } else {
      lambda *= 5.0;
      if (lambda > 1e7) break;
    }
  }
  result.params = problem.ParamsAt(x);
  result.keypoints = state.keypoints;
  result.target_error_px_after = TargetRms(camera, state.keypoints, targets);
  return result;
}

}  // namespace handprop
