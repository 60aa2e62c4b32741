// SPDX-License-Identifier: Apache-2.0
#include "tests/ui/gui_test_util.h"

#include <Eigen/Geometry>
#include <QColor>
#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "core/util/error.h"

namespace handprop::ui::testing {
namespace {

// Makes every face of a convex mesh around the origin counter-clockwise seen from outside.
void OrientOutwards(TestMesh& mesh) {
  for (Eigen::Index f = 0; f < mesh.faces.cols(); ++f) {
    const Eigen::Vector3d a = mesh.vertices.col(mesh.faces(0, f)), b = mesh.vertices.col(mesh.faces(1, f)),
                          c = mesh.vertices.col(mesh.faces(2, f));
    if ((b - a).cross(c - a).dot(a + b + c) < 0.0) std::swap(mesh.faces(1, f), mesh.faces(2, f));
  }
}

}  // namespace

TestMesh BoxMesh(const Eigen::Vector3d& h) {
  TestMesh mesh;
  mesh.vertices.resize(3, 8);
  for (int i = 0; i < 8; ++i)
    mesh.vertices.col(i) << ((i & 1) ? h.x() : -h.x()), ((i & 2) ? h.y() : -h.y()), ((i & 4) ? h.z() : -h.z());
  // Two triangles per side of the box (-z, +z, -y, +y, -x, +x).
  mesh.faces.resize(3, 12);
  mesh.faces << 0, 0, 4, 4, 0, 0, 2, 2, 0, 0, 1, 1,  //
      2, 3, 5, 7, 4, 5, 6, 7, 2, 6, 3, 7,            //
      3, 1, 7, 6, 5, 1, 7, 3, 6, 4, 7, 5;
  OrientOutwards(mesh);
  return mesh;
}

TestMesh IcosphereMesh(double radius, int subdivisions) {
  const double t = (1.0 + std::sqrt(5.0)) / 2.0;
  std::vector<Eigen::Vector3d> v = {{-1, t, 0}, {1, t, 0}, {-1, -t, 0}, {1, -t, 0}, {0, -1, t}, {0, 1, t},
                                    {0, -1, -t}, {0, 1, -t}, {t, 0, -1}, {t, 0, 1}, {-t, 0, -1}, {-t, 0, 1}};
  for (auto& p : v) p.normalize();
  std::vector<Eigen::Vector3i> f = {{0, 11, 5}, {0, 5, 1},  {0, 1, 7},   {0, 7, 10}, {0, 10, 11}, {1, 5, 9}, {5, 11, 4},
                                    {11, 10, 2}, {10, 7, 6}, {7, 1, 8},  {3, 9, 4},  {3, 4, 2},   {3, 2, 6}, {3, 6, 8},
                                    {3, 8, 9},  {4, 9, 5},  {2, 4, 11}, {6, 2, 10}, {8, 6, 7},   {9, 8, 1}};
  for (int s = 0; s < subdivisions; ++s) {
    std::map<std::pair<int, int>, int> midpoints;
    auto midpoint = [&](int a, int b) {
      const auto key = std::minmax(a, b);
      const auto it = midpoints.find(key);
      if (it != midpoints.end()) return it->second;
      v.push_back((v[a] + v[b]).normalized());
      return midpoints[key] = static_cast<int>(v.size()) - 1;
    };
    std::vector<Eigen::Vector3i> refined;
    for (const auto& tri : f) {
      const int ab = midpoint(tri[0], tri[1]), bc = midpoint(tri[1], tri[2]), ca = midpoint(tri[2], tri[0]);
      refined.insert(refined.end(), {{tri[0], ab, ca}, {tri[1], bc, ab}, {tri[2], ca, bc}, {ab, bc, ca}});
    }
    f = std::move(refined);
  }
  TestMesh mesh;
  mesh.vertices.resize(3, static_cast<Eigen::Index>(v.size()));
  for (size_t i = 0; i < v.size(); ++i) mesh.vertices.col(static_cast<Eigen::Index>(i)) = radius * v[i];
  mesh.faces.resize(3, static_cast<Eigen::Index>(f.size()));
  for (size_t i = 0; i < f.size(); ++i) mesh.faces.col(static_cast<Eigen::Index>(i)) = f[i];
  OrientOutwards(mesh);
  return mesh;
}

TestMesh Transformed(const TestMesh& mesh, const Eigen::Matrix3d& rotation, const Eigen::Vector3d& translation) {
  TestMesh out = mesh;
  out.vertices = (rotation * mesh.vertices).colwise() + translation;
  return out;
}

Mask CpuSilhouette(const TestMesh& mesh, const Camera& camera) {
  const Eigen::Matrix3Xd cam = camera.cam_from_world * mesh.vertices;
  for (Eigen::Index i = 0; i < cam.cols(); ++i) HP_CHECK(InFront(cam.col(i)), "vertex ", i, " behind the camera");
  const Eigen::Matrix2Xd uv = Project(camera.intrinsics, cam);
  const int w = camera.width, h = camera.height;
  Mask mask(static_cast<size_t>(w) * h, 0);
  for (Eigen::Index f = 0; f < mesh.faces.cols(); ++f) {
    const Eigen::Vector2d a = uv.col(mesh.faces(0, f)), b = uv.col(mesh.faces(1, f)), c = uv.col(mesh.faces(2, f));
    const double area = (b - a).x() * (c - a).y() - (b - a).y() * (c - a).x();
    if (area == 0.0) continue;
    auto edge = [](const Eigen::Vector2d& p, const Eigen::Vector2d& q, double x, double y) {
      return (q.x() - p.x()) * (y - p.y()) - (q.y() - p.y()) * (x - p.x());
    };
    const int u0 = std::max(0, static_cast<int>(std::floor(std::min({a.x(), b.x(), c.x()}))));
    const int u1 = std::min(w - 1, static_cast<int>(std::ceil(std::max({a.x(), b.x(), c.x()}))));
    const int v0 = std::max(0, static_cast<int>(std::floor(std::min({a.y(), b.y(), c.y()}))));
    const int v1 = std::min(h - 1, static_cast<int>(std::ceil(std::max({a.y(), b.y(), c.y()}))));
    const double sign = area > 0.0 ? 1.0 : -1.0;
    for (int v = v0; v <= v1; ++v) {
      for (int u = u0; u <= u1; ++u) {
        if (sign * edge(a, b, u, v) >= 0.0 && sign * edge(b, c, u, v) >= 0.0 && sign * edge(c, a, u, v) >= 0.0)
          mask[static_cast<size_t>(v) * w + u] = 1;
      }
    }
  }
  return mask;
}

Mask MaskFromImage(const QImage& image, int threshold) {
  Mask mask(static_cast<size_t>(image.width()) * image.height(), 0);
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x)
      mask[static_cast<size_t>(y) * image.width() + x] = qGray(image.pixel(x, y)) > threshold ? 1 : 0;
  return mask;
}

double IntersectionOverUnion(const Mask& a, const Mask& b) {
  HP_CHECK(a.size() == b.size(), "mask sizes differ: ", a.size(), " vs ", b.size());
  size_t both = 0, either = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    both += (a[i] && b[i]) ? 1 : 0;
    either += (a[i] || b[i]) ? 1 : 0;
  }
  return either == 0 ? 1.0 : static_cast<double>(both) / static_cast<double>(either);
}

Eigen::Vector2d MaskCentroid(const Mask& mask, int width) {
  Eigen::Vector2d sum = Eigen::Vector2d::Zero();
  size_t count = 0;
  for (size_t i = 0; i < mask.size(); ++i) {
    if (!mask[i]) continue;
    sum += Eigen::Vector2d(static_cast<double>(i % width), static_cast<double>(i / width));
    ++count;
  }
  return count == 0 ? sum : Eigen::Vector2d(sum / static_cast<double>(count));
}

}  // namespace handprop::ui::testing
