// SPDX-License-Identifier: Apache-2.0
#include "core/model/openhand/openhand.h"

#include "core/model/openhand/joint_limits.h"
#include "core/model/openhand/joint_regressor.h"
#include "core/model/openhand/pose_correctives.h"
#include "core/model/openhand/pose_pca.h"
#include "core/model/openhand/pose_prior.h"
#include "core/model/openhand/shape_space.h"
#include "core/model/openhand/surface.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {

std::string OpenHandOptions::Check() const {
  HP_OPTION_CHECK_GT(num_prior_samples, 2 * kArticulationDim);
  HP_OPTION_CHECK_GE(num_corrective_samples, 200);
  HP_OPTION_CHECK_GT(corrective_ridge, 0.0);
  HP_OPTION_CHECK_LT(corrective_ridge, 1.0);
  return {};
}

HandModel BuildOpenHand(const OpenHandOptions& options) {
  if (const std::string problem = options.Check(); !problem.empty()) throw InputError("OpenHand options: " + problem);
  using namespace openhand;
  const ShapeFactors mean_shape;
  const Skeleton skeleton = BuildSkeleton(mean_shape);
  const HandSurface surface = BuildSurface(mean_shape);
  const JointMatrix joints = skeleton.Joints();

  HandModel m;
  m.name = "openhand";
  m.source = "handprop-make-openhand (OpenHand generator " + std::to_string(kOpenHandGeneratorVersion) +
             ", seed " + std::to_string(options.seed) + ")";
  m.side = HandSide::kRight;
  m.v_template = surface.vertices;
  m.faces = surface.faces;
  m.weights = surface.weights;
  m.j_regressor = BuildJointRegressor(surface.vertices, surface.weights, joints);
  m.shapedirs = BuildShapeDirs(surface.subdivision);
  for (const ShapeDirectionSpec& spec : ShapeDirectionTable()) m.shape_directions.push_back({spec.name, spec.meaning});
  m.tip_vertices = surface.tips;  // anatomical order = thumb..pinky
  m.joint_limits = BuildJointLimits(skeleton);
  m.has_joint_limits = true;

  const PosePca pca = FitPosePca(SamplePosePrior(m.joint_limits, options.num_prior_samples, options.seed));
  m.pca_mean = pca.mean;
  m.pca_components = pca.components;

  const Eigen::MatrixXd training = SamplePosePrior(m.joint_limits, options.num_corrective_samples, options.seed + 1);
  CorrectiveFitInput fit;
  fit.rest = &m.v_template;
  fit.weights = &m.weights;
  fit.joints = &joints;
  fit.articulations = &training;
  fit.ridge = options.corrective_ridge;
  m.posedirs = FitPoseCorrectives(fit);

  HP_CHECK(ValidateHandModel(m).empty(), "OpenHand is invalid: ", ValidateHandModel(m));
  return m;
}

}  // namespace handprop
