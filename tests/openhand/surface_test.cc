// SPDX-License-Identifier: Apache-2.0
// The OpenHand surface: a closed, outward-oriented genus-0 2-manifold of MANO-like size whose
// cross-sections and outline match hand-anatomy.md.
#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "core/model/openhand/anatomy.h"
#include "core/model/openhand/skeleton.h"
#include "tests/openhand/openhand_test_util.h"

namespace handprop {
namespace {

using testing::OpenHandModel;

TEST(OpenHandSurface, VertexCountIsMeshLike) {
  EXPECT_GE(OpenHandModel().NumVertices(), 500);
  EXPECT_LE(OpenHandModel().NumVertices(), 1100);
}

TEST(OpenHandSurface, EveryDirectedEdgeOnceAndEveryEdgeInTwoFaces) {
  const Eigen::Matrix3Xi& f = OpenHandModel().faces;
  std::map<std::pair<int, int>, int> directed;
  for (Eigen::Index i = 0; i < f.cols(); ++i) {
    ASSERT_TRUE(f(0, i) != f(1, i) && f(1, i) != f(2, i) && f(2, i) != f(0, i)) << "face " << i << " repeats a vertex";
    for (int k = 0; k < 3; ++k) ++directed[{f(k, i), f((k + 1) % 3, i)}];
  }
  for (const auto& [edge, count] : directed) {
    EXPECT_EQ(count, 1) << "directed edge " << edge.first << "->" << edge.second;
    EXPECT_EQ(directed.count({edge.second, edge.first}), 1u) << "edge " << edge.first << "-" << edge.second << " has one face";
  }
}

TEST(OpenHandSurface, IsOneComponentOfGenusZero) {
  const HandModel& m = OpenHandModel();
  std::set<std::pair<int, int>> edges;
  std::vector<int> root(m.NumVertices());
  for (int i = 0; i < m.NumVertices(); ++i) root[i] = i;
  auto find = [&](int x) {
    while (root[x] != x) x = root[x] = root[root[x]];
    return x;
  };
  for (Eigen::Index i = 0; i < m.faces.cols(); ++i) {
    for (int k = 0; k < 3; ++k) {
      const int a = m.faces(k, i), b = m.faces((k + 1) % 3, i);
      edges.insert({std::min(a, b), std::max(a, b)});
      root[find(a)] = find(b);
    }
  }
  std::set<int> components;
  for (int i = 0; i < m.NumVertices(); ++i) components.insert(find(i));
  EXPECT_EQ(components.size(), 1u);
  EXPECT_EQ(m.NumVertices() - static_cast<int>(edges.size()) + m.NumFaces(), 2);  // Euler: sphere
}

TEST(OpenHandSurface, EnclosesAPositiveHandSizedVolume) {
  const double volume = testing::EnclosedVolume(OpenHandModel().v_template, OpenHandModel().faces);
  EXPECT_GT(volume, 200e-6);  // an adult hand is about 300-450 ml
  EXPECT_LT(volume, 500e-6);
}

TEST(OpenHandSurface, HasNoDegenerateOrSliverFaces) {
  const HandModel& m = OpenHandModel();
  double min_area = 1.0, min_angle = 180.0;
  for (Eigen::Index i = 0; i < m.faces.cols(); ++i) {
    const Eigen::Vector3d a = m.v_template.col(m.faces(0, i)), b = m.v_template.col(m.faces(1, i)),
                          c = m.v_template.col(m.faces(2, i));
    min_area = std::min(min_area, 0.5 * (b - a).cross(c - a).norm());
    const Eigen::Vector3d p[3] = {a, b, c};
    for (int k = 0; k < 3; ++k) {
      const Eigen::Vector3d u = p[(k + 1) % 3] - p[k], v = p[(k + 2) % 3] - p[k];
      min_angle = std::min(min_angle, std::acos(u.normalized().dot(v.normalized())) * 180.0 / 3.14159265358979);
    }
  }
  EXPECT_GT(min_area, 0.05e-6);  // 0.05 mm^2
  EXPECT_GT(min_angle, 5.0);
}

// True when segment pq crosses triangle abc (strictly, Moller-Trumbore).
bool SegmentCrossesTriangle(const Eigen::Vector3d& p, const Eigen::Vector3d& q, const Eigen::Vector3d& a,
                            const Eigen::Vector3d& b, const Eigen::Vector3d& c) {
  const Eigen::Vector3d d = q - p, e1 = b - a, e2 = c - a, h = d.cross(e2);
  const double det = e1.dot(h);
  if (std::abs(det) < 1e-18) return false;
  const Eigen::Vector3d s = p - a;
  const double u = s.dot(h) / det;
  const Eigen::Vector3d w = s.cross(e1);
  const double v = d.dot(w) / det, t = e2.dot(w) / det;
  return u > 0 && v > 0 && u + v < 1 && t > 0 && t < 1;
}

TEST(OpenHandSurface, DoesNotIntersectItself) {
  const HandModel& m = OpenHandModel();
  std::set<std::pair<int, int>> edges;
  for (Eigen::Index i = 0; i < m.faces.cols(); ++i)
    for (int k = 0; k < 3; ++k) edges.insert({std::min(m.faces(k, i), m.faces((k + 1) % 3, i)), std::max(m.faces(k, i), m.faces((k + 1) % 3, i))});
  Eigen::Matrix3Xd lo(3, m.NumFaces()), hi(3, m.NumFaces());
  for (Eigen::Index i = 0; i < m.faces.cols(); ++i) {
    lo.col(i) = m.v_template.col(m.faces(0, i)).cwiseMin(m.v_template.col(m.faces(1, i))).cwiseMin(m.v_template.col(m.faces(2, i)));
    hi.col(i) = m.v_template.col(m.faces(0, i)).cwiseMax(m.v_template.col(m.faces(1, i))).cwiseMax(m.v_template.col(m.faces(2, i)));
  }
  int crossings = 0;
  for (const auto& [a, b] : edges) {
    const Eigen::Vector3d p = m.v_template.col(a), q = m.v_template.col(b);
    const Eigen::Vector3d elo = p.cwiseMin(q), ehi = p.cwiseMax(q);
    for (Eigen::Index i = 0; i < m.faces.cols(); ++i) {
      if ((elo.array() > hi.col(i).array()).any() || (ehi.array() < lo.col(i).array()).any()) continue;
      const Eigen::Vector3i f = m.faces.col(i);
      if ((f.array() == a).any() || (f.array() == b).any()) continue;
      if (SegmentCrossesTriangle(p, q, m.v_template.col(f[0]), m.v_template.col(f[1]), m.v_template.col(f[2]))) ++crossings;
    }
  }
  EXPECT_EQ(crossings, 0);
}

TEST(OpenHandSurface, LiesLikeManosRightTemplate) {
  const HandModel& m = OpenHandModel();
  const JointMatrix j = RestJoints(m, ShapeVector::Zero());
  const Eigen::Vector3d wrist = j.col(0);
  const Eigen::Vector3d thumb = m.v_template.col(m.tip_vertices[0]), middle = m.v_template.col(m.tip_vertices[2]);
  EXPECT_NEAR(wrist.x(), 0.095, 0.005);                 // wrist at +x ...
  EXPECT_LT(middle.x(), wrist.x() - 0.15);              // ... fingers along -x
  EXPECT_GT(thumb.z(), wrist.z() + 0.05);               // thumb on the +z side
  EXPECT_GT(m.v_template.col(m.tip_vertices[1]).z(), m.v_template.col(m.tip_vertices[4]).z());  // index radial of little
  EXPECT_LT(thumb.y(), wrist.y() - 0.01);               // thumb turned towards the palm (-y)
  EXPECT_GT(m.v_template.row(0).maxCoeff(), wrist.x() + 0.01);  // the heel extends past the wrist joint
}

// Width (lateral) and thickness (dorsal, palmar) of a digit's skin across the plane through
// `centre` perpendicular to its axis, from the vertices skinned to that digit.
struct Measured {
  double width = 0.0, dorsal = 0.0, palmar = 0.0;
};
Measured MeasureSection(const HandModel& m, const openhand::DigitChain& c, int first_joint, const Eigen::Vector3d& centre) {
  double lmin = 1, lmax = -1, nmin = 1, nmax = -1;
  for (int i = 0; i < m.NumVertices(); ++i) {
    const Eigen::Vector3d v = m.v_template.col(i) - centre;
    const double along = v.dot(c.axis);
    if (std::abs(along) > 0.002 || m.weights.row(i).segment<3>(first_joint).sum() < 0.5) continue;
    lmin = std::min(lmin, v.dot(c.lateral));
    lmax = std::max(lmax, v.dot(c.lateral));
    nmin = std::min(nmin, v.dot(c.dorsal));
    nmax = std::max(nmax, v.dot(c.dorsal));
  }
  return {(lmax - lmin) * 1e3, nmax * 1e3, -nmin * 1e3};
}

TEST(OpenHandSurface, FingerSectionsTaperAsDocumented) {
  const HandModel& m = OpenHandModel();
  const openhand::Skeleton s = openhand::BuildSkeleton({});
  for (int digit = openhand::kIndex; digit <= openhand::kLittle; ++digit) {
    SCOPED_TRACE(openhand::kDigitNames[digit]);
    const openhand::DigitChain& c = s.digits[digit];
    const int j = openhand::kDigitFirstJoint[digit];
    const Measured proximal = MeasureSection(m, c, j, c.joints[0] + 0.5 * c.length[0] * c.axis);
    const Measured distal = MeasureSection(m, c, j, c.joints[2] + 0.6 * c.length[2] * c.axis);
    const bool little = digit == openhand::kLittle;
    // hand-anatomy.md: 18-20 mm at the proximal phalanx, 14-16 at the distal, little 2-3 mm less.
    EXPECT_NEAR(proximal.width, little ? 16.5 : 19.0, 1.5);
    EXPECT_NEAR(distal.width, little ? 12.5 : 15.0, 1.5);
    EXPECT_GT(proximal.width, distal.width + 2.0);
    EXPECT_NEAR(proximal.dorsal + proximal.palmar, 0.85 * proximal.width, 2.5);  // thickness
    EXPECT_GT(distal.palmar, distal.dorsal + 1.5);                                // the pad bulges palmarly
  }
}

TEST(OpenHandSurface, PalmMatchesDocumentedBreadthAndThickness) {
  const HandModel& m = OpenHandModel();
  const double wrist_x = RestJoints(m, ShapeVector::Zero())(0, 0);
  double zmin = 1, zmax = -1, ymin = 1, ymax = -1;
  for (int i = 0; i < m.NumVertices(); ++i) {
    const double d = wrist_x - m.v_template(0, i);  // distance from the wrist towards the fingers
    if (d < 0.070 || d > 0.085 || m.weights.row(i).segment<3>(13).sum() > 0.2) continue;  // metacarpal heads, no thumb
    zmin = std::min(zmin, m.v_template(2, i));
    zmax = std::max(zmax, m.v_template(2, i));
    ymin = std::min(ymin, m.v_template(1, i));
    ymax = std::max(ymax, m.v_template(1, i));
  }
  EXPECT_NEAR((zmax - zmin) * 1e3, 82.5, 4.0);  // 87 mm male x 0.95
  EXPECT_NEAR((ymax - ymin) * 1e3, 28.5, 3.0);  // 30 mm male x 0.95
}

TEST(OpenHandSurface, FingertipVerticesEndTheirDigits) {
  const HandModel& m = OpenHandModel();
  const openhand::Skeleton s = openhand::BuildSkeleton({});
  for (int digit = 0; digit < openhand::kNumDigits; ++digit) {
    const openhand::DigitChain& c = s.digits[digit];
    const Eigen::Vector3d tip = m.v_template.col(m.tip_vertices[digit]);
    EXPECT_LT((tip - c.end).norm(), 1e-9) << openhand::kDigitNames[digit];
    double furthest = -1.0;
    for (int i = 0; i < m.NumVertices(); ++i)
      if (m.weights(i, openhand::kDigitFirstJoint[digit] + 2) > 0.5) furthest = std::max(furthest, (m.v_template.col(i) - c.joints[2]).dot(c.axis));
    EXPECT_NEAR((tip - c.joints[2]).dot(c.axis), furthest, 0.0015) << openhand::kDigitNames[digit];
  }
  // Hand length, wrist joint to middle fingertip: the mean of the doc's 172 and 189 mm.
  EXPECT_NEAR((m.v_template.col(m.tip_vertices[2]) - RestJoints(m, ShapeVector::Zero()).col(0)).norm() * 1e3, 180.0, 1.5);
}

}  // namespace
}  // namespace handprop
