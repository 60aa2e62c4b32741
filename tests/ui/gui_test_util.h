// SPDX-License-Identifier: Apache-2.0
// Helpers for the ui tests: closed test meshes built in code, a CPU rasteriser that computes a
// mesh's silhouette with core's projection, and masks from rendered images.
#pragma once

#include <QImage>
#include <QtGlobal>
#include <Eigen/Core>
#include <vector>

#include "core/geometry/camera.h"

// GL tests need a platform that can host QOpenGLWidget (build-env.md §6): skip on "offscreen".
#define HANDPROP_SKIP_WITHOUT_OPENGL()                                                   \
  do {                                                                                   \
    if (QGuiApplication::platformName() == QLatin1String("offscreen"))                   \
      GTEST_SKIP() << "the offscreen Qt platform cannot host QOpenGLWidget; run under xvfb-run"; \
  } while (0)

namespace handprop::ui::testing {

struct TestMesh {
  Eigen::Matrix3Xd vertices;
  Eigen::Matrix3Xi faces;  // counter-clockwise seen from outside
};

// An axis-aligned box with the given half extents around the origin: 8 vertices, 12 triangles.
TestMesh BoxMesh(const Eigen::Vector3d& half_extents);
// A unit-radius icosphere scaled by `radius`, `subdivisions` times refined (0: icosahedron).
TestMesh IcosphereMesh(double radius, int subdivisions);
// The mesh moved by x -> R x + t.
TestMesh Transformed(const TestMesh& mesh, const Eigen::Matrix3d& rotation, const Eigen::Vector3d& translation);

// Row-major width x height mask (1 = covered).
using Mask = std::vector<uint8_t>;

// Pixels whose centre (integer (u, v), core's convention) lies inside some triangle of the
// mesh projected through `camera` (all vertices must be in front of it).
Mask CpuSilhouette(const TestMesh& mesh, const Camera& camera);
// Pixels of `image` whose grey value exceeds `threshold` (0..255).
Mask MaskFromImage(const QImage& image, int threshold);
// |a and b| / |a or b| (1 for two empty masks).
double IntersectionOverUnion(const Mask& a, const Mask& b);
// Mean (u, v) of the covered pixels.
Eigen::Vector2d MaskCentroid(const Mask& mask, int width);

}  // namespace handprop::ui::testing
