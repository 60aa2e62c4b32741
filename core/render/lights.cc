// SPDX-License-Identifier: Apache-2.0
#include "core/render/lights.h"

#include <Eigen/Geometry>

#include <cmath>
#include <sstream>

#include "core/render/render_random.h"
#include "core/util/option_check.h"

namespace handprop {
namespace {

// Linear RGB of a light between warm (t = 0, ~3000 K) and cool (t = 1, ~7500 K), max channel 1.
Eigen::Vector3d TemperatureColour(double t) {
  const Eigen::Vector3d warm(1.0, 0.72, 0.45), neutral(1.0, 0.96, 0.92), cool(0.80, 0.88, 1.0);
  return t < 0.5 ? Eigen::Vector3d(warm + (neutral - warm) * (2.0 * t))
                 : Eigen::Vector3d(neutral + (cool - neutral) * (2.0 * t - 1.0));
}

// A unit direction within `max_angle` radians of `axis` (unit), uniform in solid angle.
Eigen::Vector3d DirectionInCone(RenderRng* rng, const Eigen::Vector3d& axis, double max_angle) {
  const double cos_angle = 1.0 - rng->Uniform() * (1.0 - std::cos(max_angle));
  const double sin_angle = std::sqrt(std::max(0.0, 1.0 - cos_angle * cos_angle));
  const double phi = 2.0 * M_PI * rng->Uniform();
  const Eigen::Vector3d helper = std::abs(axis.x()) < 0.9 ? Eigen::Vector3d::UnitX() : Eigen::Vector3d::UnitY();
  const Eigen::Vector3d e1 = axis.cross(helper).normalized(), e2 = axis.cross(e1);
  return cos_angle * axis + sin_angle * (std::cos(phi) * e1 + std::sin(phi) * e2);
}

}  // namespace

std::string Light::Check() const {
  HP_OPTION_CHECK(vector.allFinite(), "light vector must be finite");
  HP_OPTION_CHECK(kind == Kind::kPoint || vector.norm() > 0, "a directional light needs a non-zero direction");
  HP_OPTION_CHECK(colour.allFinite() && colour.minCoeff() >= 0 && colour.maxCoeff() <= 1,
                  "light colour channels must be in [0, 1]");
  HP_OPTION_CHECK_GE(intensity, 0.0);
  return {};
}

std::string LightRig::Check() const {
  HP_OPTION_CHECK(ambient.allFinite() && ambient.minCoeff() >= 0, "ambient must be finite and >= 0");
  for (size_t i = 0; i < lights.size(); ++i) {
    const std::string problem = lights[i].Check();
    if (!problem.empty()) return "lights[" + std::to_string(i) + "]." + problem;
  }
  return {};
}

LightRig RandomLightRig(uint64_t seed) {
  RenderRng rng(MixSeed(seed, 0x11647));
  LightRig rig;
  rig.lights.clear();
  const double key_temperature = rng.Uniform(0.1, 0.9);
  rig.ambient = TemperatureColour(rng.Uniform(0.3, 0.8)) * rng.Uniform(0.08, 0.35);
  Light key;
  key.vector = DirectionInCone(&rng, Eigen::Vector3d::UnitZ(), 60.0 * M_PI / 180.0);
  key.colour = TemperatureColour(key_temperature);
  key.intensity = rng.Uniform(0.7, 1.1);
  rig.lights.push_back(key);
  const int extra = rng.UniformInt(3);
  for (int i = 0; i < extra; ++i) {
    Light fill;
    if (rng.Bernoulli(0.5)) {
      fill.kind = Light::Kind::kPoint;  // somewhere around the camera, 0.3-1 m away
      fill.vector = DirectionInCone(&rng, -Eigen::Vector3d::UnitZ(), 80.0 * M_PI / 180.0) * rng.Uniform(0.3, 1.0) +
                    Eigen::Vector3d(0, 0, 0.4);
    } else {
      fill.vector = DirectionInCone(&rng, Eigen::Vector3d::UnitZ(), 110.0 * M_PI / 180.0);
    }
    fill.colour = TemperatureColour(rng.Uniform());
    fill.intensity = rng.Uniform(0.1, 0.45);
    rig.lights.push_back(fill);
  }
  return rig;
}

LightRig ToCameraFrame(const LightRig& world_rig, const Rigid3d& cam_from_world) {
  LightRig rig = world_rig;
  for (Light& light : rig.lights)
    light.vector = light.kind == Light::Kind::kPoint ? Eigen::Vector3d(cam_from_world * light.vector)
                                                     : Eigen::Vector3d(cam_from_world.rotation * light.vector);
  return rig;
}

}  // namespace handprop
