// SPDX-License-Identifier: Apache-2.0
#include "core/render/value_noise.h"

#include <cmath>

#include "core/util/error.h"

namespace handprop {
namespace {

// A lattice point's value in [-1, 1] from its per-axis hashes (a multiply-xorshift finaliser).
double LatticeValue(uint64_t hx, uint64_t hy, uint64_t hz) {
  uint64_t h = hx ^ hy ^ hz;
  h = (h ^ (h >> 31)) * 0xBF58476D1CE4E5B9ull;
  h ^= h >> 29;
  return static_cast<double>(h >> 11) * 0x1.0p-52 - 1.0;
}

double Fade(double t) { return t * t * t * (t * (t * 6.0 - 15.0) + 10.0); }
double Lerp(double a, double b, double t) { return a + t * (b - a); }

}  // namespace

double ValueNoise3(const Eigen::Vector3d& p, uint64_t seed) {
  const double fx = std::floor(p.x()), fy = std::floor(p.y()), fz = std::floor(p.z());
  const auto x = static_cast<uint64_t>(static_cast<int64_t>(fx));
  const auto y = static_cast<uint64_t>(static_cast<int64_t>(fy));
  const auto z = static_cast<uint64_t>(static_cast<int64_t>(fz));
  const double tx = Fade(p.x() - fx), ty = Fade(p.y() - fy), tz = Fade(p.z() - fz);
  // Per-axis hashes of the cell's two lattice coordinates (odd multipliers: distinct per axis).
  const uint64_t hx[2] = {(x * 0x9E3779B97F4A7C15ull) ^ seed, ((x + 1) * 0x9E3779B97F4A7C15ull) ^ seed};
  const uint64_t hy[2] = {y * 0xC2B2AE3D27D4EB4Full, (y + 1) * 0xC2B2AE3D27D4EB4Full};
  const uint64_t hz[2] = {z * 0x165667B19E3779F9ull, (z + 1) * 0x165667B19E3779F9ull};
  double c[2][2];
  for (int dz = 0; dz < 2; ++dz)
    for (int dy = 0; dy < 2; ++dy)
      c[dz][dy] = Lerp(LatticeValue(hx[0], hy[dy], hz[dz]), LatticeValue(hx[1], hy[dy], hz[dz]), tx);
  return Lerp(Lerp(c[0][0], c[0][1], ty), Lerp(c[1][0], c[1][1], ty), tz);
}

double FractalNoise3(const Eigen::Vector3d& p, uint64_t seed, int octaves) {
  HP_CHECK(octaves >= 1, "FractalNoise3: octaves = ", octaves);
  double sum = 0.0, norm = 0.0, amplitude = 1.0, scale = 1.0;
  for (int o = 0; o < octaves; ++o) {
    sum += amplitude * ValueNoise3(p * scale, seed + static_cast<uint64_t>(o) * 0x632BE59BD9B4E019ull);
    norm += amplitude;
    amplitude *= 0.5;
    scale *= 2.0;
  }
  return sum / norm;
}

}  // namespace handprop
