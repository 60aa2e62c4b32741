// SPDX-License-Identifier: Apache-2.0
#include "core/model/openhand/quad_orientation.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <map>
#include <utility>

#include "core/util/error.h"

namespace handprop::openhand {
namespace {

using Edge = std::pair<int, int>;  // undirected: (smaller, larger)

Edge Undirected(int a, int b) { return {std::min(a, b), std::max(a, b)}; }

// True when `quad` walks the edge a -> b.
bool Walks(const std::array<int, 4>& quad, int a, int b) {
  for (int k = 0; k < 4; ++k)
    if (quad[k] == a && quad[(k + 1) % 4] == b) return true;
  return false;
}

}  // namespace

double SignedVolume(const Eigen::Matrix3Xd& p, const std::vector<std::array<int, 4>>& quads) {
  double six_volume = 0.0;
  for (const auto& q : quads) {
    six_volume += p.col(q[0]).dot(p.col(q[1]).cross(p.col(q[2])));
    six_volume += p.col(q[0]).dot(p.col(q[2]).cross(p.col(q[3])));
  }
  return six_volume / 6.0;
}

void OrientQuads(const Eigen::Matrix3Xd& points, std::vector<std::array<int, 4>>* quads) {
  std::vector<std::array<int, 4>>& q = *quads;
  std::map<Edge, std::vector<int>> edge_faces;
  for (int f = 0; f < static_cast<int>(q.size()); ++f)
    for (int k = 0; k < 4; ++k) edge_faces[Undirected(q[f][k], q[f][(k + 1) % 4])].push_back(f);
  for (const auto& [edge, faces] : edge_faces)
    HP_CHECK(faces.size() == 2, "cage edge ", edge.first, "-", edge.second, " is in ", faces.size(), " quads");

  std::vector<bool> done(q.size(), false);
  std::vector<int> queue = {0};
  done[0] = true;
  for (size_t head = 0; head < queue.size(); ++head) {
    const int f = queue[head];
    for (int k = 0; k < 4; ++k) {
      const int a = q[f][k], b = q[f][(k + 1) % 4];
      const std::vector<int>& faces = edge_faces[Undirected(a, b)];
      const int g = faces[0] == f ? faces[1] : faces[0];
      if (done[g]) {
        HP_CHECK(Walks(q[g], b, a), "cage is not orientable at edge ", a, "-", b);
        continue;
      }
      if (Walks(q[g], a, b)) std::reverse(q[g].begin(), q[g].end());
      done[g] = true;
      queue.push_back(g);
    }
  }
  HP_CHECK(queue.size() == q.size(), "cage is not connected");
  if (SignedVolume(points, q) < 0.0)
    for (auto& quad : q) std::reverse(quad.begin(), quad.end());
}

}  // namespace handprop::openhand
