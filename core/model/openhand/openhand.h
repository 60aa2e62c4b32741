// SPDX-License-Identifier: Apache-2.0
// OpenHand: HandProp's own right-hand model with MANO's parameterisation (778-vertex MANO is
// licensed and never shipped). It is generated in code at build time by handprop-make-openhand
// and installed as share/handprop/models/openhand_right.npz; docs/openhand.md describes it.
//
//   HandModel model = BuildOpenHand();      // valid, deterministic, about 0.3 s
//   HandLbs lbs(model);                     // any MANO LBS can pose it
//
// What it holds: a closed genus-0 surface of ~1000 vertices (surface.h) around MANO's 16-joint
// skeleton (skeleton.h), a J_regressor that reproduces the joints (joint_regressor.h), smooth
// skinning weights, 10 anatomical shape directions (shape_space.h), pose correctives fitted to
// dual-quaternion skinning (pose_correctives.h), a natural pose prior's mean and whitened PCA
// (pose_prior.h, pose_pca.h), and per-joint limits in anatomical frames (joint_limits.h).
// Thread-safe (no shared state); the same options give the same bytes on every build.
#pragma once

#include <cstdint>
#include <string>

#include "core/model/hand_model.h"

namespace handprop {

struct OpenHandOptions {
  // Seed of the pose prior samples (PCA and correctives use separate streams from it).
  uint64_t seed = 20240611;
  // Prior samples for hands_mean and hands_components (MANO used 1554 scans).
  int num_prior_samples = 6000;
  // Training poses for the pose correctives.
  int num_corrective_samples = 1200;
  // Ridge of the corrective fit, relative to the normal matrix's mean diagonal.
  double corrective_ridge = 1e-3;

  std::string Check() const;
};

HandModel BuildOpenHand(const OpenHandOptions& options = {});

// Version of the generator, recorded in the model's `source`; bump when the output changes.
inline constexpr int kOpenHandGeneratorVersion = 1;

}  // namespace handprop
