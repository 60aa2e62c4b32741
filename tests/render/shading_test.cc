// SPDX-License-Identifier: Apache-2.0
#include "core/render/shading.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/geometry/camera.h"
#include "core/render/render_random.h"
#include "core/render/srgb.h"
#include "core/render/value_noise.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

TEST(SrgbTest, KnownValuesRoundTripAndTable) {
  EXPECT_NEAR(SrgbToLinear(0.5), 0.214041, 1e-6);
  EXPECT_NEAR(LinearToSrgb(0.214041), 0.5, 1e-6);
  EXPECT_DOUBLE_EQ(SrgbToLinear(0.0), 0.0);
  EXPECT_DOUBLE_EQ(LinearToSrgb(1.0), 1.0);
  int previous = 0;
  for (int i = 0; i <= 10000; ++i) {
    const double x = i / 10000.0;
    EXPECT_NEAR(SrgbToLinear(LinearToSrgb(x)), x, 1e-12);
    const int level = LinearToSrgb8(static_cast<float>(x));
    EXPECT_LE(std::abs(level - std::lround(255.0 * LinearToSrgb(x))), 1) << x;
    EXPECT_GE(level, previous);
    previous = level;
  }
  EXPECT_EQ(LinearToSrgb8(-1.0f), 0);
  EXPECT_EQ(LinearToSrgb8(7.0f), 255);
  EXPECT_EQ(LinearToSrgb8(std::nanf("")), 0);
}

TEST(ValueNoiseTest, BoundedContinuousSeededAndVaried) {
  RenderRng rng(3);
  double lo = 1, hi = -1, sum = 0;
  for (int i = 0; i < 20000; ++i) {
    const Eigen::Vector3d p(rng.Uniform(-50, 50), rng.Uniform(-50, 50), rng.Uniform(-50, 50));
    const double n = FractalNoise3(p, 42, 3);
    ASSERT_GE(n, -1.0);
    ASSERT_LE(n, 1.0);
    lo = std::min(lo, n), hi = std::max(hi, n), sum += n;
    EXPECT_NEAR(FractalNoise3(p + Eigen::Vector3d::Constant(1e-6), 42, 3), n, 1e-4);
    EXPECT_EQ(FractalNoise3(p, 42, 3), n);
  }
  EXPECT_LT(lo, -0.5);
  EXPECT_GT(hi, 0.5);
  EXPECT_NEAR(sum / 20000, 0.0, 0.05);
  // Lattice points take their hashed value, so different seeds give different fields.
  EXPECT_NE(ValueNoise3(Eigen::Vector3d(1, 2, 3), 1), ValueNoise3(Eigen::Vector3d(1, 2, 3), 2));
}

TEST(SkinTest, PaletteRunsFromLightToDarkAndRandomSkinsAreValid) {
  double previous = 1e9;
  for (const SkinTone& tone : SkinTonePalette()) {
    const double luminance = 0.2126 * SrgbToLinear(tone.r / 255.0) + 0.7152 * SrgbToLinear(tone.g / 255.0) +
                             0.0722 * SrgbToLinear(tone.b / 255.0);
    EXPECT_LT(luminance, previous) << tone.name;
    EXPECT_GT(tone.r, tone.g) << tone.name;  // skin is red-dominant
    EXPECT_GT(tone.g, tone.b) << tone.name;
    previous = luminance;
  }
  std::set<double> reds;
  for (uint64_t seed = 0; seed < 200; ++seed) {
    const SkinMaterial skin = RandomSkin(seed);
    ASSERT_EQ(skin.Check(), "") << seed;
    reds.insert(skin.albedo_srgb[0]);
    EXPECT_EQ(RandomSkin(seed).albedo_srgb, skin.albedo_srgb);
  }
  EXPECT_GT(reds.size(), 150u);
  EXPECT_EQ(SkinMaterial{}.Check(), "");
  SkinMaterial bad;
  bad.shininess = 0.5;
  EXPECT_EQ(bad.Check(), "shininess = 0.5 violates shininess >= 1");
}

TEST(SkinTest, TextureDependsOnlyOnTheRestPosition) {
  const SkinMaterial skin = RandomSkin(5);
  const Eigen::Vector3d base(0.5, 0.3, 0.2);
  const Eigen::Vector3d a = SkinAlbedo(skin, base, Eigen::Vector3d(0.01, 0.02, 0.03));
  EXPECT_EQ(a, SkinAlbedo(skin, base, Eigen::Vector3d(0.01, 0.02, 0.03)));
  EXPECT_NE(a, SkinAlbedo(skin, base, Eigen::Vector3d(0.04, 0.02, 0.03)));
  EXPECT_LE((a.array() / base.array() - 1.0).abs().maxCoeff(), skin.noise_amplitude + 2 * skin.redness_amplitude + 1e-9);
  SkinMaterial plain = skin;
  plain.noise_amplitude = 0;
  plain.redness_amplitude = 0;
  EXPECT_EQ(SkinAlbedo(plain, base, Eigen::Vector3d(0.04, 0.02, 0.03)), base);
}

TEST(ShadingTest, AmbientLambertAndBlinnPhong) {
  SkinMaterial skin;
  skin.specular = 0.2;
  skin.shininess = 10;
  const Eigen::Vector3d albedo(0.5, 0.4, 0.3), position(0, 0, 1), normal(0, 0, -1);
  LightRig rig;
  rig.ambient = Eigen::Vector3d(0.1, 0.2, 0.3);
  rig.lights.clear();
  EXPECT_TRUE(testing::MatricesNear(ShadePoint(position, normal, albedo, skin, rig), Eigen::Vector3d(0.05, 0.08, 0.09), 1e-12));
  Light head_on;  // from the camera, along +z: n.l = 1 and h = n
  head_on.vector = Eigen::Vector3d(0, 0, 2);
  head_on.colour = Eigen::Vector3d(1.0, 0.5, 1.0);
  head_on.intensity = 0.8;
  rig.lights = {head_on};
  const Eigen::Vector3d expected = rig.ambient.cwiseProduct(albedo) +
                                   0.8 * head_on.colour.cwiseProduct(albedo + Eigen::Vector3d::Constant(0.2));
  EXPECT_TRUE(testing::MatricesNear(ShadePoint(position, normal, albedo, skin, rig), expected, 1e-12));
  // At 60 degrees incidence the diffuse term halves.
  head_on.vector = Eigen::Vector3d(std::sin(M_PI / 3), 0, std::cos(M_PI / 3));
  skin.specular = 0;
  rig.lights = {head_on};
  const Eigen::Vector3d at_60 = rig.ambient.cwiseProduct(albedo) + 0.4 * head_on.colour.cwiseProduct(albedo);
  EXPECT_TRUE(testing::MatricesNear(ShadePoint(position, normal, albedo, skin, rig), at_60, 1e-12));
  // A light behind the surface adds nothing; a point light is aimed from its position.
  head_on.vector = Eigen::Vector3d(0, 0, -1);
  rig.lights = {head_on};
  EXPECT_TRUE(testing::MatricesNear(ShadePoint(position, normal, albedo, skin, rig), rig.ambient.cwiseProduct(albedo), 1e-12));
  Light point;
  point.kind = Light::Kind::kPoint;
  point.vector = Eigen::Vector3d(0, 0, 0.2);  // between camera and surface
  rig.lights = {point};
  EXPECT_TRUE(testing::MatricesNear(ShadePoint(position, normal, albedo, skin, rig),
                                    rig.ambient.cwiseProduct(albedo) + albedo, 1e-12));
}

TEST(LightsTest, RandomRigsAreValidVariedAndFrontLit) {
  std::set<size_t> counts;
  for (uint64_t seed = 0; seed < 100; ++seed) {
    const LightRig rig = RandomLightRig(seed);
    ASSERT_EQ(rig.Check(), "") << seed;
    ASSERT_FALSE(rig.lights.empty());
    EXPECT_GT(rig.lights[0].vector.z(), 0.49) << "key light within 60 degrees of the view axis";
    EXPECT_EQ(RandomLightRig(seed).lights[0].vector, rig.lights[0].vector);
    counts.insert(rig.lights.size());
  }
  EXPECT_EQ(counts.size(), 3u);
  LightRig bad;
  bad.lights[0].intensity = -1;
  EXPECT_EQ(bad.Check(), "lights[0].intensity = -1 violates intensity >= 0");
}

TEST(LightsTest, ToCameraFrameRotatesDirectionsAndMovesPositions) {
  LightRig world;
  world.lights[0].vector = Eigen::Vector3d(1, 0, 0);
  Light point;
  point.kind = Light::Kind::kPoint;
  point.vector = Eigen::Vector3d(0, 0, 1);
  world.lights.push_back(point);
  const Rigid3d cam_from_world = LookAt(Eigen::Vector3d(0, 0, -1), Eigen::Vector3d::Zero(), Eigen::Vector3d(0, -1, 0));
  const LightRig cam = ToCameraFrame(world, cam_from_world);
  EXPECT_TRUE(testing::MatricesNear(cam.lights[0].vector, cam_from_world.rotation * Eigen::Vector3d(1, 0, 0), 1e-12));
  EXPECT_TRUE(testing::MatricesNear(cam.lights[1].vector, Eigen::Vector3d(0, 0, 2), 1e-12));
}

}  // namespace
}  // namespace handprop
