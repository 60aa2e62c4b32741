// SPDX-License-Identifier: Apache-2.0
// Procedural 3D value noise for the skin texture: pseudo-random values on the integer lattice
// (hashed from the lattice point and a seed, no tables), blended with a quintic fade, summed
// over octaves (fractal Brownian motion). Evaluated at a vertex's REST-pose position so that the
// pattern sticks to the skin as the hand moves. Pure and thread-safe; the same seed and point
// give the same value on every platform (integer hashing, IEEE double arithmetic).
#pragma once

#include <Eigen/Core>
#include <cstdint>

namespace handprop {

// Single octave at p (lattice units), in [-1, 1]; continuous, C2.
double ValueNoise3(const Eigen::Vector3d& p, uint64_t seed);

// Sum over `octaves` of ValueNoise3(p * 2^o) * 0.5^o, normalised to [-1, 1]. octaves >= 1.
double FractalNoise3(const Eigen::Vector3d& p, uint64_t seed, int octaves);

}  // namespace handprop
