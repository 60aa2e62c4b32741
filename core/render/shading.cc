// SPDX-License-Identifier: Apache-2.0
#include "core/render/shading.h"

#include <algorithm>
#include <cmath>

#include "core/render/value_noise.h"

namespace handprop {

Eigen::Vector3d SkinAlbedo(const SkinMaterial& skin, const Eigen::Vector3d& base_linear,
                           const Eigen::Vector3d& rest_position) {
  const Eigen::Vector3d p = rest_position * skin.noise_frequency;
  Eigen::Vector3d a = base_linear;
  if (skin.noise_amplitude > 0) a *= 1.0 + skin.noise_amplitude * FractalNoise3(p, skin.noise_seed, skin.noise_octaves);
  if (skin.redness_amplitude > 0) {
    // Coarser than the luminance texture: blotches, not grain.
    const double r = skin.redness_amplitude * FractalNoise3(0.5 * p, skin.noise_seed ^ 0x2545F4914F6CDD1Dull, 2);
    a = a.cwiseProduct(Eigen::Vector3d(1.0 + r, 1.0 - 0.5 * r, 1.0 - 0.5 * r));
  }
  return a.cwiseMax(0.0);
}

Eigen::Vector3d ShadePoint(const Eigen::Vector3d& position, const Eigen::Vector3d& normal, const Eigen::Vector3d& albedo,
                           const SkinMaterial& skin, const LightRig& rig) {
  Eigen::Vector3d radiance = rig.ambient.cwiseProduct(albedo);
  const Eigen::Vector3d to_camera = -position.normalized();
  for (const Light& light : rig.lights) {
    const Eigen::Vector3d to_light = light.kind == Light::Kind::kPoint ? Eigen::Vector3d(light.vector - position)
                                                                       : Eigen::Vector3d(-light.vector);
    const double length = to_light.norm();
    if (!(length > 0)) continue;
    const Eigen::Vector3d l = to_light / length;
    const double n_dot_l = normal.dot(l);
    if (n_dot_l <= 0) continue;
    const Eigen::Vector3d h = (l + to_camera).normalized();
    const double n_dot_h = std::max(0.0, normal.dot(h));
    const double spec = skin.specular > 0 ? skin.specular * std::pow(n_dot_h, skin.shininess) : 0.0;
    radiance += (light.intensity * light.colour).cwiseProduct(albedo * n_dot_l + Eigen::Vector3d::Constant(spec));
  }
  return radiance;
}

}  // namespace handprop
