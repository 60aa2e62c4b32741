// SPDX-License-Identifier: Apache-2.0
#include "core/eval/hand_eval.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/geometry/rotation.h"
#include "core/util/error.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::WavePoints;

const Eigen::Vector3d kOffset(0.01, -0.02, 0.03);

// Three samples whose metrics were computed independently in NumPy/SciPy with FreiHAND's
// align_w_scale, its strict F-score and Zimmermann's EvalUtil PCK.
void GoldenSets(std::vector<HandSample>* pred, std::vector<HandSample>* gt) {
  for (int k = 0; k < 3; ++k) {
    pred->push_back({WavePoints(21, 1.3 + 0.05 * k, 0.7, 2.1 - 0.1 * k), WavePoints(50, 0.9 + 0.01 * k, 1.1, 0.4)});
    gt->push_back({WavePoints(21, 1.25, 0.75 + 0.02 * k, 2.0, kOffset), WavePoints(50, 0.95, 1.05, 0.45 + 0.01 * k, kOffset)});
  }
}

HandSample Transformed(const HandSample& s, const Eigen::Matrix3d& r, double scale, const Eigen::Vector3d& t) {
  return {(scale * r * s.keypoints).colwise() + t, (scale * r * s.vertices).colwise() + t};
}

TEST(HandEvalTest, DefaultOptionsAreValidAndChecksNameTheField) {
  EXPECT_EQ(HandEvalOptions().Check(), "");
  HandEvalOptions o;
  o.bone_keypoint = o.root_keypoint;
  EXPECT_NE(o.Check().find("must differ"), std::string::npos);
  o = HandEvalOptions();
  o.fscore_thresholds = {0.015, 0.005};
  EXPECT_NE(o.Check().find("ascend"), std::string::npos);
  o = HandEvalOptions();
  o.pck_steps = 1;
  EXPECT_EQ(o.Check(), "pck_steps = 1 violates pck_steps >= 2");
  o = HandEvalOptions();
  o.bone_pck_max = 0.01;
  EXPECT_EQ(o.Check(), "bone_pck_max = 0.01 violates bone_pck_max > 0.02");
}

TEST(HandEvalTest, MatchesTheReferenceImplementation) {
  std::vector<HandSample> pred, gt;
  GoldenSets(&pred, &gt);
  const HandEvalReport r = EvaluateHands(pred, gt, HandEvalOptions());
  EXPECT_EQ(r.num_samples, 3);
  EXPECT_EQ(r.num_with_vertices, 3);
  EXPECT_EQ(r.num_with_mpvpe, 3);
  EXPECT_NEAR(r.mpjpe, 0.05625769981792078, 1e-12);
  EXPECT_NEAR(r.mpjpe_t, 0.038426144565310315, 1e-12);
  EXPECT_NEAR(r.mpjpe_sd, 0.042974122215375, 1e-12);
  EXPECT_NEAR(r.mpjpe_p, 0.03645234605191197, 1e-9);  // FreiHAND's 1e-8 norm guard
  EXPECT_NEAR(r.mpjpe_rb, 0.0720229016185374, 1e-12);
  EXPECT_NEAR(r.mpvpe, 0.06308919516663332, 1e-12);
  EXPECT_NEAR(r.mpvpe_p, 0.04455526841100128, 1e-9);
  ASSERT_EQ(r.fscore.size(), 2u);
  EXPECT_NEAR(r.fscore[0], 0.015555555555555557, 1e-12);
  EXPECT_NEAR(r.fscore[1], 0.21737142857142858, 1e-12);
  EXPECT_NEAR(r.fscore_p[0], 0.008888888888888889, 1e-12);
  EXPECT_NEAR(r.fscore_p[1], 0.19087633087633085, 1e-12);
  EXPECT_NEAR(r.pck.auc, 0.12257495590828923, 1e-12);
  EXPECT_NEAR(r.pck_p.auc, 0.31345198011864683, 1e-9);
  EXPECT_NEAR(r.pck_rb.auc, 0.19444444444444442, 1e-12);
  EXPECT_EQ(r.pck.thresholds.size(), 100);
  EXPECT_EQ(r.pck_rb.thresholds.size(), 15);
  ASSERT_EQ(r.samples.size(), 3u);
  EXPECT_NEAR((r.samples[0].mpjpe + r.samples[1].mpjpe + r.samples[2].mpjpe) / 3, r.mpjpe, 1e-15);
}

TEST(HandEvalTest, KnownAnswersFromGeometry) {
  const HandSample gt{WavePoints(21, 1.25, 0.75, 2.0, kOffset), WavePoints(50, 0.95, 1.05, 0.45, kOffset)};
  const HandEvalOptions options;
  const HandEvalReport same = EvaluateHands({gt}, {gt}, options);
  EXPECT_EQ(same.mpjpe, 0.0);
  EXPECT_EQ(same.fscore[0], 1.0);
  // A 10 mm translation: MPJPE 10 mm, zero after root translation.
  const HandEvalReport moved =
      EvaluateHands({Transformed(gt, Eigen::Matrix3d::Identity(), 1.0, Eigen::Vector3d(0.006, -0.008, 0))}, {gt}, options);
  EXPECT_NEAR(moved.mpjpe, 0.010, 1e-12);
  EXPECT_NEAR(moved.mpjpe_t, 0.0, 1e-15);
  EXPECT_NEAR(moved.mpvpe, 0.010, 1e-12);
  // A similarity: zero after Procrustes, keypoints and vertices, F = 1 after alignment.
  const HandSample similar =
      Transformed(gt, AxisAngleToMatrix(Eigen::Vector3d(0.1, 0.35, -0.2)), 1.15, Eigen::Vector3d(0.02, 0.01, 0.05));
  const HandEvalReport r = EvaluateHands({similar}, {gt}, options);
  EXPECT_NEAR(r.mpjpe_p, 0.0, 1e-8);  // FreiHAND's 1e-8 norm guards leave a few nanometres
  EXPECT_NEAR(r.mpvpe_p, 0.0, 1e-8);
  EXPECT_EQ(r.fscore_p[0], 1.0);
  EXPECT_LT(r.fscore[0], 0.5);
  EXPECT_GE(r.pck_p.auc, 1.0 - 0.5 / 99.0 - 1e-12);  // within every threshold, except perhaps 0
}

TEST(HandEvalTest, PerfectPredictionAucMissesOnlyTheZeroThreshold) {
  // With distances 0 and thresholds from 0, PCK is 1 everywhere (<=), so the AUC is exactly 1.
  const HandSample gt{WavePoints(21, 1.25, 0.75, 2.0), {}};
  EXPECT_DOUBLE_EQ(EvaluateHands({gt}, {gt}, HandEvalOptions()).pck.auc, 1.0);
}

TEST(HandEvalTest, VertexMetricsFollowWhatBothSidesHave) {
  const HandSample gt{WavePoints(21, 1.25, 0.75, 2.0, kOffset), WavePoints(50, 0.95, 1.05, 0.45, kOffset)};
  const Eigen::Matrix3d r = AxisAngleToMatrix(Eigen::Vector3d(0.2, -0.1, 0.3));
  const Eigen::Vector3d t(0.03, 0, 0.1);
  // Prediction without vertices: keypoint metrics only.
  HandSample keypoints_only = Transformed(gt, r, 0.9, t);
  keypoints_only.vertices.resize(3, 0);
  const HandEvalReport a = EvaluateHands({keypoints_only}, {gt}, HandEvalOptions());
  EXPECT_EQ(a.num_with_vertices, 0);
  EXPECT_TRUE(std::isnan(a.mpvpe));
  EXPECT_TRUE(std::isnan(a.fscore_p[0]));
  EXPECT_TRUE(a.samples[0].fscores.empty());
  // A different mesh topology: no MPVPE, F-scores after the keypoints' transform.
  HandSample other_topology = Transformed(gt, r, 0.9, t);
  other_topology.vertices = other_topology.vertices.leftCols(30).eval();
  HandEvalOptions proper;
  proper.allow_reflection = false;
  const HandEvalReport b = EvaluateHands({other_topology}, {gt}, proper);
  EXPECT_EQ(b.num_with_vertices, 1);
  EXPECT_EQ(b.num_with_mpvpe, 0);
  EXPECT_TRUE(std::isnan(b.mpvpe_p));
  // With the proper similarity the 30 vertices land on the ground truth's first 30, so recall
  // is the fraction of the ground truth within 5 mm of those.
  EXPECT_EQ(b.samples[0].fscores_p[0].precision, 1.0);
  const Eigen::VectorXd gt_to_30 = NearestNeighbourDistances(gt.vertices, gt.vertices.leftCols(30));
  EXPECT_NEAR(b.samples[0].fscores_p[0].recall, (gt_to_30.array() < 0.005).cast<double>().mean(), 1e-15);
  EXPECT_LT(b.samples[0].fscores_p[0].recall, 1.0);
  // FreiHAND's eval.py (the default) applies align_by_trafo, which leaves the mesh scaled by the
  // keypoints' norm s2 (freihand_alignment.h): the aligned F-score collapses, as in eval.py.
  const HandEvalReport c = EvaluateHands({other_topology}, {gt}, HandEvalOptions());
  EXPECT_LT(c.samples[0].fscores_p[0].precision, 0.5);
}

TEST(HandEvalTest, ReflectionOptionChangesProcrustes) {
  HandSample gt{WavePoints(21, 1.25, 0.75, 2.0, kOffset), {}};
  HandSample mirrored = gt;
  mirrored.keypoints.row(0) *= -1;
  HandEvalOptions options;
  EXPECT_NEAR(EvaluateHands({mirrored}, {gt}, options).mpjpe_p, 0.0, 1e-8);
  options.allow_reflection = false;
  EXPECT_GT(EvaluateHands({mirrored}, {gt}, options).mpjpe_p, 0.005);
}

TEST(HandEvalTest, InvalidSetsThrowOneLineNamingTheSample) {
  const HandSample good{WavePoints(21, 1.25, 0.75, 2.0), {}};
  HandSample short_one{WavePoints(20, 1.25, 0.75, 2.0), {}};
  HandSample bad = good;
  bad.keypoints(1, 4) = std::nan("");
  const HandEvalOptions o;
  EXPECT_EQ(CheckHandSets({good, good}, {good, good}, o), "");
  EXPECT_EQ(CheckHandSets({good}, {good, good}, o), "1 predictions but 2 ground-truth samples");
  EXPECT_EQ(CheckHandSets({good, short_one}, {good, good}, o), "prediction 1: 20 keypoints, expected 21");
  EXPECT_EQ(CheckHandSets({good}, {bad}, o), "ground truth 0: non-finite coordinate");
  EXPECT_EQ(CheckHandSets({}, {}, o), "no ground-truth samples");
  HandEvalOptions far_bone;
  far_bone.bone_keypoint = 30;
  EXPECT_NE(CheckHandSets({good}, {good}, far_bone).find("too few for"), std::string::npos);
  EXPECT_THROW(EvaluateHands({good}, {short_one}, o), InputError);
  HandEvalOptions invalid;
  invalid.pck_max = -1;
  try {
    EvaluateHands({good}, {good}, invalid);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "evaluation options: pck_max = -1 violates pck_max > 0");
  }
}

}  // namespace
}  // namespace handprop
