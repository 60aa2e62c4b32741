// SPDX-License-Identifier: Apache-2.0
#include "core/model/openhand/subdivision.h"

#include <algorithm>
#include <map>
#include <utility>

#include "core/util/error.h"

namespace handprop::openhand {

Subdivision CatmullClark(int num_points, const std::vector<std::array<int, 4>>& quads) {
  const int num_quads = static_cast<int>(quads.size());
  // Edge ids in order of first appearance, and the quads on each side.
  std::map<std::pair<int, int>, int> edge_id;
  std::vector<std::pair<int, int>> edges;
  std::vector<std::vector<int>> edge_quads;
  std::vector<std::array<int, 4>> quad_edges(num_quads);
  for (int f = 0; f < num_quads; ++f) {
    for (int k = 0; k < 4; ++k) {
      const int a = quads[f][k], b = quads[f][(k + 1) % 4];
      const auto key = std::make_pair(std::min(a, b), std::max(a, b));
      auto [it, inserted] = edge_id.emplace(key, static_cast<int>(edges.size()));
      if (inserted) {
        edges.push_back(key);
        edge_quads.emplace_back();
      }
      edge_quads[it->second].push_back(f);
      quad_edges[f][k] = it->second;
    }
  }
  const int num_edges = static_cast<int>(edges.size());
  const int edge_base = num_points, face_base = num_points + num_edges;
  Subdivision out;
  Eigen::MatrixXd& s = out.map;
  s = Eigen::MatrixXd::Zero(face_base + num_quads, num_points);

  for (int f = 0; f < num_quads; ++f)
    for (int v : quads[f]) s(face_base + f, v) += 0.25;
  for (int e = 0; e < num_edges; ++e) {
    HP_CHECK(edge_quads[e].size() == 2, "subdivision needs a closed mesh; edge ", e, " has ", edge_quads[e].size(), " quads");
    auto row = s.row(edge_base + e);
    row(edges[e].first) += 0.25;
    row(edges[e].second) += 0.25;
    row += 0.25 * (s.row(face_base + edge_quads[e][0]) + s.row(face_base + edge_quads[e][1]));
  }
  // Vertex rule: (F + 2 R + (n - 3) v) / n, F the mean of the adjacent face points, R the mean of
  // the adjacent edge midpoints, n the valence.
  std::vector<std::vector<int>> vertex_quads(num_points), vertex_edges(num_points);
  for (int f = 0; f < num_quads; ++f)
    for (int v : quads[f]) vertex_quads[v].push_back(f);
  for (int e = 0; e < num_edges; ++e) {
    vertex_edges[edges[e].first].push_back(e);
    vertex_edges[edges[e].second].push_back(e);
  }
  for (int v = 0; v < num_points; ++v) {
    const double n = static_cast<double>(vertex_edges[v].size());
    HP_CHECK(n >= 3 && vertex_quads[v].size() == vertex_edges[v].size(), "cage point ", v, " is not a closed fan");
    auto row = s.row(v);
    for (int f : vertex_quads[v]) row += s.row(face_base + f) / (n * n);
    for (int e : vertex_edges[v]) {
      row(edges[e].first) += 1.0 / (n * n);
      row(edges[e].second) += 1.0 / (n * n);
    }
    row(v) += (n - 3.0) / n;
  }

  out.quads.reserve(4 * num_quads);
  for (int f = 0; f < num_quads; ++f) {
    const std::array<int, 4>& q = quads[f];
    const int centre = face_base + f;
    for (int k = 0; k < 4; ++k) {
      const int next_edge = edge_base + quad_edges[f][k];             // q[k] -> q[k+1]
      const int prev_edge = edge_base + quad_edges[f][(k + 3) % 4];   // q[k-1] -> q[k]
      out.quads.push_back({q[k], next_edge, centre, prev_edge});
    }
  }
  return out;
}

Eigen::Matrix3Xi Triangulate(const Eigen::Matrix3Xd& v, const std::vector<std::array<int, 4>>& quads) {
  Eigen::Matrix3Xi faces(3, 2 * quads.size());
  for (size_t f = 0; f < quads.size(); ++f) {
    const auto& [a, b, c, d] = quads[f];
    const Eigen::Index col = static_cast<Eigen::Index>(2 * f);
    if ((v.col(a) - v.col(c)).squaredNorm() <= (v.col(b) - v.col(d)).squaredNorm()) {
      faces.col(col) << a, b, c;
      faces.col(col + 1) << a, c, d;
    } else {
      faces.col(col) << a, b, d;
      faces.col(col + 1) << b, c, d;
    }
  }
  return faces;
}

}  // namespace handprop::openhand
