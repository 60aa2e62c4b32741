// SPDX-License-Identifier: Apache-2.0
#include "core/render/rasterizer.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {
namespace {

constexpr int kSubpixelBits = 8;
constexpr int64_t kSubpixel = int64_t{1} << kSubpixelBits;
constexpr double kGuardBandPixels = 262144.0;  // 2^18: keeps every edge product below 2^55

// Floor division of a fixed-point coordinate by the pixel size.
int64_t FloorToPixel(int64_t fixed) { return fixed >= 0 ? fixed / kSubpixel : -((-fixed + kSubpixel - 1) / kSubpixel); }
int64_t CeilToPixel(int64_t fixed) { return -FloorToPixel(-fixed); }

struct ScreenVertex {
  int64_t x, y;     // snapped pixel coordinates, 1/256 pixel units (coverage)
  double u, v;      // exact pixel coordinates (interpolation)
  double inv_z;     // 1 / camera z
};

// Screen-space barycentric weight of the vertex opposite the edge a -> b, as an affine function
// of the pixel centre: weight(u, v) = du * u + dv * v + c.
struct Affine {
  double du, dv, c;
  double At(double u, double v) const { return du * u + dv * v + c; }
};

Affine EdgeAffine(double ax, double ay, double bx, double by, double inv_area) {
  // (b - a) x (p - a) / area
  return {-(by - ay) * inv_area, (bx - ax) * inv_area, ((by - ay) * ax - (bx - ax) * ay) * inv_area};
}

// The top-left rule for a triangle with positive area in (u right, v down) coordinates: an edge
// a -> b owns the pixel centres exactly on it when it is a "left" edge (dy < 0) or a "top" edge
// (dy == 0, dx > 0). The rule is antisymmetric, so of two faces sharing an edge exactly one
// owns it. Returns the bias subtracted from the edge function before the >= 0 test.
int64_t EdgeBias(const ScreenVertex& a, const ScreenVertex& b) {
  const int64_t dx = b.x - a.x, dy = b.y - a.y;
  return (dy < 0 || (dy == 0 && dx > 0)) ? 0 : 1;
}

// Edge function of a -> b at p: positive on the inner side of a positive-area triangle.
int64_t Edge(const ScreenVertex& a, const ScreenVertex& b, int64_t px, int64_t py) {
  return (b.x - a.x) * (py - a.y) - (b.y - a.y) * (px - a.x);
}

class TriangleRasterizer {
 public:
  explicit TriangleRasterizer(VisibilityBuffer* buffer) : buf_(buffer) {}

  // s[i] corresponds to the face's vertex i. Draws the face with id `face`.
  void Draw(int32_t face, ScreenVertex s0, ScreenVertex s1, ScreenVertex s2, bool cull_back_faces) {
    int64_t area = Edge(s0, s1, s2.x, s2.y);
    if (area == 0) return;
    // Positive area in (u right, v down) means the camera sees the face's inside (its normal
    // (v1 - v0) x (v2 - v0) points away from the camera).
    if (area > 0 && cull_back_faces) return;
    bool swapped = false;  // draw with positive area: local order (0, 2, 1) when negative
    if (area < 0) {
      std::swap(s1, s2);
      area = -area;
      swapped = true;
    }
    const int64_t min_x = std::min({s0.x, s1.x, s2.x}), max_x = std::max({s0.x, s1.x, s2.x});
    const int64_t min_y = std::min({s0.y, s1.y, s2.y}), max_y = std::max({s0.y, s1.y, s2.y});
    const int u0 = static_cast<int>(std::max<int64_t>(CeilToPixel(min_x), 0));
    const int u1 = static_cast<int>(std::min<int64_t>(FloorToPixel(max_x), buf_->width - 1));
    const int v0 = static_cast<int>(std::max<int64_t>(CeilToPixel(min_y), 0));
    const int v1 = static_cast<int>(std::min<int64_t>(FloorToPixel(max_y), buf_->height - 1));
    if (u0 > u1 || v0 > v1) return;

    // Edge functions opposite each vertex: w0 = E(1->2), w1 = E(2->0), w2 = E(0->1).
    const int64_t bias0 = EdgeBias(s1, s2), bias1 = EdgeBias(s2, s0), bias2 = EdgeBias(s0, s1);
    const int64_t step_u0 = -(s2.y - s1.y) * kSubpixel, step_v0 = (s2.x - s1.x) * kSubpixel;
    const int64_t step_u1 = -(s0.y - s2.y) * kSubpixel, step_v1 = (s0.x - s2.x) * kSubpixel;
    const int64_t step_u2 = -(s1.y - s0.y) * kSubpixel, step_v2 = (s1.x - s0.x) * kSubpixel;
    const int64_t px = int64_t{u0} * kSubpixel, py = int64_t{v0} * kSubpixel;
    int64_t row0 = Edge(s1, s2, px, py), row1 = Edge(s2, s0, px, py), row2 = Edge(s0, s1, px, py);

    // Interpolation uses the exact (unsnapped) projection, so depths and attributes do not
    // inherit the 1/256-pixel snapping; a sliver whose exact area is (nearly) zero or of the
    // other sign falls back to the snapped vertices.
    const double exact_area = (s1.u - s0.u) * (s2.v - s0.v) - (s1.v - s0.v) * (s2.u - s0.u);
    const double snapped_area = static_cast<double>(area) / (kSubpixel * kSubpixel);
    const bool use_exact = exact_area > 0.5 * snapped_area;
    auto coord = [&](const ScreenVertex& s, bool along_u) {
      if (use_exact) return along_u ? s.u : s.v;
      return static_cast<double>(along_u ? s.x : s.y) / kSubpixel;
    };
    const double ax = coord(s0, true), ay = coord(s0, false), bx = coord(s1, true), by = coord(s1, false);
    const double cx = coord(s2, true), cy = coord(s2, false);
    const double inv_area = 1.0 / ((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
    const Affine bary0 = EdgeAffine(bx, by, cx, cy, inv_area), bary1 = EdgeAffine(cx, cy, ax, ay, inv_area);
    const Affine bary2 = EdgeAffine(ax, ay, bx, by, inv_area);

    for (int v = v0; v <= v1; ++v, row0 += step_v0, row1 += step_v1, row2 += step_v2) {
      int64_t w0 = row0, w1 = row1, w2 = row2;
      const size_t row_index = static_cast<size_t>(v) * buf_->width;
      for (int u = u0; u <= u1; ++u, w0 += step_u0, w1 += step_u1, w2 += step_u2) {
        if ((w0 - bias0) < 0 || (w1 - bias1) < 0 || (w2 - bias2) < 0) continue;
        const double l0 = bary0.At(u, v), l1 = bary1.At(u, v), l2 = bary2.At(u, v);
        const double q0 = l0 * s0.inv_z, q1 = l1 * s1.inv_z, q2 = l2 * s2.inv_z;
        const double inv_z = q0 + q1 + q2;
        const float depth = static_cast<float>(1.0 / inv_z);
        const size_t i = row_index + u;
        if (!(depth < buf_->depth[i] || (depth == buf_->depth[i] && face < buf_->face[i]))) continue;
        buf_->depth[i] = depth;
        buf_->face[i] = face;
        // Back to the face's own vertex order: locally (0, 2, 1) when swapped.
        buf_->bary1[i] = static_cast<float>((swapped ? q2 : q1) / inv_z);
        buf_->bary2[i] = static_cast<float>((swapped ? q1 : q2) / inv_z);
      }
    }
  }

 private:
  VisibilityBuffer* buf_;
};

}  // namespace

std::string RasterOptions::Check() const {
  HP_OPTION_CHECK_GT(near, 0.0);
  return {};
}

VisibilityBuffer Rasterize(const Eigen::Matrix3Xd& vertices, const Eigen::Matrix3Xi& faces, const CameraIntrinsics& k,
                           int width, int height, const RasterOptions& options) {
  HP_CHECK(width >= 1 && height >= 1 && width <= 16384 && height <= 16384, "Rasterize: image ", width, " x ", height);
  HP_CHECK(options.Check().empty(), options.Check());
  VisibilityBuffer buf;
  buf.width = width;
  buf.height = height;
  const size_t n = static_cast<size_t>(width) * height;
  buf.depth.assign(n, std::numeric_limits<float>::infinity());
  buf.face.assign(n, -1);
  buf.bary1.assign(n, 0.0f);
  buf.bary2.assign(n, 0.0f);

  // Project every vertex once; `usable` marks those in front of the near plane and in the band.
  const Eigen::Index num_vertices = vertices.cols();
  std::vector<ScreenVertex> screen(static_cast<size_t>(num_vertices));
  std::vector<uint8_t> usable(static_cast<size_t>(num_vertices), 0);
  for (Eigen::Index i = 0; i < num_vertices; ++i) {
    const double x = vertices(0, i), y = vertices(1, i), z = vertices(2, i);
    if (!(z > options.near) || !std::isfinite(x) || !std::isfinite(y) || !std::isfinite(z)) continue;
    const double u = k.fx * x / z + k.cx, v = k.fy * y / z + k.cy;
    if (!(std::abs(u) < kGuardBandPixels && std::abs(v) < kGuardBandPixels)) continue;
    screen[i] = {std::llround(u * kSubpixel), std::llround(v * kSubpixel), u, v, 1.0 / z};
    usable[i] = 1;
  }

  TriangleRasterizer raster(&buf);
  for (Eigen::Index f = 0; f < faces.cols(); ++f) {
    const int a = faces(0, f), b = faces(1, f), c = faces(2, f);
    HP_CHECK(a >= 0 && b >= 0 && c >= 0 && a < num_vertices && b < num_vertices && c < num_vertices,
             "Rasterize: face ", f, " has a vertex index out of [0, ", num_vertices, ")");
    if (!usable[a] || !usable[b] || !usable[c]) continue;
    raster.Draw(static_cast<int32_t>(f), screen[a], screen[b], screen[c], options.cull_back_faces);
  }
  return buf;
}

Eigen::Vector3d InterpolateAt(const VisibilityBuffer& buf, const Eigen::Matrix3Xi& faces,
                              const Eigen::Matrix3Xd& attribute, int u, int v) {
  const size_t i = static_cast<size_t>(v) * buf.width + u;
  const int32_t f = buf.face[i];
  HP_CHECK(f >= 0, "InterpolateAt: pixel (", u, ", ", v, ") is not covered");
  const double b1 = buf.bary1[i], b2 = buf.bary2[i], b0 = 1.0 - b1 - b2;
  return b0 * attribute.col(faces(0, f)) + b1 * attribute.col(faces(1, f)) + b2 * attribute.col(faces(2, f));
}

}  // namespace handprop
