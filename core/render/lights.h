// SPDX-License-Identifier: Apache-2.0
// Per-video lighting: an ambient term plus a few directional or point lights, all in the camera
// frame (OpenCV axes, metres). Colours are linear RGB (not sRGB) in R, G, B order; the radiance
// a light contributes is colour * intensity (no distance fall-off for point lights, so moving a
// point light changes only its direction). render_hand.h documents the shading equation.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "core/geometry/rigid3d.h"

namespace handprop {

struct Light {
  enum class Kind { kDirectional, kPoint };
  Kind kind = Kind::kDirectional;
  // kDirectional: direction the light travels (from the light into the scene), need not be unit.
  // kPoint: the light's position.
  Eigen::Vector3d vector = Eigen::Vector3d(0.0, 0.3, 1.0);
  Eigen::Vector3d colour = Eigen::Vector3d::Ones();  // linear RGB, each in [0, 1]
  double intensity = 1.0;                            // >= 0

  std::string Check() const;
};

struct LightRig {
  Eigen::Vector3d ambient = Eigen::Vector3d::Constant(0.25);  // linear RGB, >= 0
  std::vector<Light> lights{Light{}};

  std::string Check() const;
};

// A plausible random rig for one video: a key light from the camera's side of the hand (within
// ~60 degrees of the viewing axis), 0-2 fill or rim lights, warm-to-cool colour temperatures,
// and an ambient level in [0.08, 0.35]. Deterministic per seed.
LightRig RandomLightRig(uint64_t seed);

// Re-expresses a rig given in world coordinates in a camera's frame (directions are rotated,
// positions transformed), so one world rig lights all views of a multi-camera video alike.
LightRig ToCameraFrame(const LightRig& world_rig, const Rigid3d& cam_from_world);

}  // namespace handprop
