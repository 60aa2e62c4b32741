// SPDX-License-Identifier: Apache-2.0
#include "core/eval/hand_eval.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>

#include "core/eval/alignment.h"
#include "core/eval/freihand_alignment.h"
#include "core/eval/pck.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {

std::string HandEvalOptions::Check() const {
  HP_OPTION_CHECK_GE(root_keypoint, 0);
  HP_OPTION_CHECK_GE(bone_keypoint, 0);
  HP_OPTION_CHECK(root_keypoint != bone_keypoint, "root_keypoint and bone_keypoint must differ");
  for (size_t i = 0; i < fscore_thresholds.size(); ++i) {
    HP_OPTION_CHECK(std::isfinite(fscore_thresholds[i]) && fscore_thresholds[i] > 0,
                    "fscore_thresholds must be positive and finite");
    HP_OPTION_CHECK(i == 0 || fscore_thresholds[i] > fscore_thresholds[i - 1], "fscore_thresholds must ascend");
  }
  HP_OPTION_CHECK_GT(pck_max, 0.0);
  HP_OPTION_CHECK_GE(pck_steps, 2);
  HP_OPTION_CHECK_GE(bone_pck_min, 0.0);
  HP_OPTION_CHECK_GT(bone_pck_max, bone_pck_min);
  HP_OPTION_CHECK_GE(bone_pck_steps, 2);
  return {};
}

namespace {

std::string CheckSample(const HandSample& s, const char* side, size_t index, Eigen::Index num_keypoints) {
  std::ostringstream out;
  out << side << " " << index << ": ";
  if (s.keypoints.cols() != num_keypoints) {
    out << s.keypoints.cols() << " keypoints, expected " << num_keypoints;
    return out.str();
  }
  if (!s.keypoints.allFinite() || !s.vertices.allFinite()) {
    out << "non-finite coordinate";
    return out.str();
  }
  return {};
}

double Mean(const Eigen::Matrix3Xd& a, const Eigen::Matrix3Xd& b) { return PointDistances(a, b).mean(); }

}  // namespace

std::string CheckHandSets(const std::vector<HandSample>& predictions, const std::vector<HandSample>& ground_truth,
                          const HandEvalOptions& options) {
  std::ostringstream out;
  if (ground_truth.empty()) return "no ground-truth samples";
  if (predictions.size() != ground_truth.size()) {
    out << predictions.size() << " predictions but " << ground_truth.size() << " ground-truth samples";
    return out.str();
  }
  const Eigen::Index num_keypoints = ground_truth.front().keypoints.cols();
  if (num_keypoints <= std::max(options.root_keypoint, options.bone_keypoint)) {
    out << "ground truth has " << num_keypoints << " keypoints, too few for root_keypoint "
        << options.root_keypoint << " and bone_keypoint " << options.bone_keypoint;
    return out.str();
  }
  for (size_t i = 0; i < ground_truth.size(); ++i) {
    std::string problem = CheckSample(predictions[i], "prediction", i, num_keypoints);
    if (problem.empty()) problem = CheckSample(ground_truth[i], "ground truth", i, num_keypoints);
    if (!problem.empty()) return problem;
  }
  return {};
}

namespace {

// Per-keypoint distances of one sample, unaligned and after the alignments the PCK curves use.
struct KeypointDistances {
  Eigen::VectorXd raw, procrustes, root_bone;
};

// EvaluateHand, also handing out the keypoint distances so EvaluateHands can feed its PCK curves
// without aligning every sample a second time.
HandSampleErrors EvaluateHandAndDistances(const HandSample& pred, const HandSample& gt, const HandEvalOptions& options,
                                          KeypointDistances* d) {
  const Eigen::Matrix3Xd& p = pred.keypoints;
  const Eigen::Matrix3Xd& g = gt.keypoints;
  HandSampleErrors e;
  d->raw = PointDistances(p, g);
  e.mpjpe = d->raw.mean();
  e.mpjpe_t = Mean(AlignRoot(p, g, options.root_keypoint), g);
  e.mpjpe_sd = Mean(AlignScaleDepth(p, g), g);
  // FreiHAND mode keeps eval.py's keypoint trafo for meshes of another topology; the proper
  // rotation mode uses the keypoints' least-squares similarity instead.
  FreiHandTrafo freihand_trafo;
  Similarity3d keypoint_transform;
  d->procrustes = PointDistances(options.allow_reflection ? FreiHandAlignWithScale(p, g, &freihand_trafo)
                                                          : AlignProcrustes(p, g, false, &keypoint_transform),
                                 g);
  e.mpjpe_p = d->procrustes.mean();
  d->root_bone = PointDistances(AlignRootBoneScale(p, g, options.root_keypoint, options.bone_keypoint), g);
  e.mpjpe_rb = d->root_bone.mean();

  if (pred.vertices.cols() == 0 || gt.vertices.cols() == 0) return e;
  Eigen::Matrix3Xd aligned;
  if (pred.vertices.cols() == gt.vertices.cols()) {
    e.mpvpe = Mean(pred.vertices, gt.vertices);
    aligned = AlignProcrustes(pred.vertices, gt.vertices, options.allow_reflection);
    e.mpvpe_p = Mean(aligned, gt.vertices);
  } else {
    aligned = options.allow_reflection ? FreiHandAlignByTrafo(pred.vertices, freihand_trafo)
                                       : keypoint_transform * pred.vertices;
  }
  e.fscores = ComputeFScores(pred.vertices, gt.vertices, options.fscore_thresholds);
  e.fscores_p = ComputeFScores(aligned, gt.vertices, options.fscore_thresholds);
  return e;
}

PckSummary Summarise(const PckAccumulator& pck) {
  PckSummary s;
  s.thresholds = pck.thresholds();
  s.curve = pck.Curve();
  s.auc = pck.Auc();
  return s;
}

}  // namespace

HandSampleErrors EvaluateHand(const HandSample& pred, const HandSample& gt, const HandEvalOptions& options) {
  KeypointDistances unused;
  return EvaluateHandAndDistances(pred, gt, options, &unused);
}

HandEvalReport EvaluateHands(const std::vector<HandSample>& predictions, const std::vector<HandSample>& ground_truth,
                             const HandEvalOptions& options) {
  const std::string invalid_options = options.Check();
  if (!invalid_options.empty()) throw InputError("evaluation options: " + invalid_options);
  const std::string invalid_sets = CheckHandSets(predictions, ground_truth, options);
  if (!invalid_sets.empty()) throw InputError(invalid_sets);

  const int num_keypoints = static_cast<int>(ground_truth.front().keypoints.cols());
  const Eigen::VectorXd freihand_thresholds = LinearThresholds(0.0, options.pck_max, options.pck_steps);
  PckAccumulator pck(num_keypoints, freihand_thresholds);
  PckAccumulator pck_p(num_keypoints, freihand_thresholds);
  PckAccumulator pck_rb(num_keypoints,
                        LinearThresholds(options.bone_pck_min, options.bone_pck_max, options.bone_pck_steps));

  HandEvalReport r;
  r.num_samples = static_cast<int>(ground_truth.size());
  r.fscore_thresholds = options.fscore_thresholds;
  r.fscore.assign(options.fscore_thresholds.size(), 0.0);
  r.fscore_p.assign(options.fscore_thresholds.size(), 0.0);
  r.samples.reserve(ground_truth.size());
  double mpvpe_sum = 0, mpvpe_p_sum = 0;
  for (size_t i = 0; i < ground_truth.size(); ++i) {
    const HandSample& pred = predictions[i];
    const HandSample& gt = ground_truth[i];
    KeypointDistances distances;
    HandSampleErrors e = EvaluateHandAndDistances(pred, gt, options, &distances);
    pck.Add(distances.raw);
    pck_p.Add(distances.procrustes);
    pck_rb.Add(distances.root_bone);
    r.mpjpe += e.mpjpe;
    r.mpjpe_t += e.mpjpe_t;
    r.mpjpe_sd += e.mpjpe_sd;
    r.mpjpe_p += e.mpjpe_p;
    r.mpjpe_rb += e.mpjpe_rb;
    if (!std::isnan(e.mpvpe)) {
      ++r.num_with_mpvpe;
      mpvpe_sum += e.mpvpe;
      mpvpe_p_sum += e.mpvpe_p;
    }
    if (!e.fscores.empty()) {
      ++r.num_with_vertices;
      for (size_t t = 0; t < e.fscores.size(); ++t) {
        r.fscore[t] += e.fscores[t].f;
        r.fscore_p[t] += e.fscores_p[t].f;
      }
    }
    r.samples.push_back(std::move(e));
  }
  const double n = r.num_samples;
  r.mpjpe /= n;
  r.mpjpe_t /= n;
  r.mpjpe_sd /= n;
  r.mpjpe_p /= n;
  r.mpjpe_rb /= n;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  r.mpvpe = r.num_with_mpvpe > 0 ? mpvpe_sum / r.num_with_mpvpe : nan;
  r.mpvpe_p = r.num_with_mpvpe > 0 ? mpvpe_p_sum / r.num_with_mpvpe : nan;
  for (size_t t = 0; t < r.fscore.size(); ++t) {
    r.fscore[t] = r.num_with_vertices > 0 ? r.fscore[t] / r.num_with_vertices : nan;
    r.fscore_p[t] = r.num_with_vertices > 0 ? r.fscore_p[t] / r.num_with_vertices : nan;
  }
  r.pck = Summarise(pck);
  r.pck_p = Summarise(pck_p);
  r.pck_rb = Summarise(pck_rb);
  return r;
}

}  // namespace handprop
