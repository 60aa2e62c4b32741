// SPDX-License-Identifier: Apache-2.0
// The skin's shading model, in linear RGB (R, G, B order):
//   albedo  a = linear(skin.albedo_srgb) * (1 + A n1(p)), then redness: a *= 1 + R n2(p) (1, -1/2, -1/2)
//           n1, n2: independent fractal value noise at the rest-pose position p * frequency
//   radiance = ambient * a + sum over lights  colour * intensity * (a max(0, n.l)
//                                              + specular max(0, n.h)^shininess  [if n.l > 0])
// with n the unit shading normal, l the unit direction to the light, h = normalize(l + v) and v
// the unit direction to the camera (Lambert diffuse + Blinn-Phong specular). The caller clamps
// to [0, 1] and encodes to sRGB. Pure and thread-safe.
#pragma once

#include <Eigen/Core>

#include "core/render/lights.h"
#include "core/render/skin.h"

namespace handprop {

// Linear albedo of `skin` at rest-pose position `rest_position` (metres), each channel >= 0.
// `base_linear` is linear(skin.albedo_srgb), passed in so callers convert it once.
Eigen::Vector3d SkinAlbedo(const SkinMaterial& skin, const Eigen::Vector3d& base_linear,
                           const Eigen::Vector3d& rest_position);

// Linear radiance towards the camera (at the origin) of the point `position` (camera frame)
// with unit normal `normal` and linear albedo `albedo`. Not clamped.
Eigen::Vector3d ShadePoint(const Eigen::Vector3d& position, const Eigen::Vector3d& normal, const Eigen::Vector3d& albedo,
                           const SkinMaterial& skin, const LightRig& rig);

}  // namespace handprop
