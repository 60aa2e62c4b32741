// SPDX-License-Identifier: Apache-2.0
#include "ui/viewport/scene.h"

#include <Eigen/Geometry>
#include <algorithm>

#include "core/model/hand_topology.h"
#include "core/util/error.h"

namespace handprop::ui {
namespace {

// Per finger in FreiHAND order: keypoints 1-4 thumb, 5-8 index, 9-12 middle, 13-16 ring, 17-20 little.
const std::array<Eigen::Vector3f, kNumFingers> kFingerColours = {
    Eigen::Vector3f(0.93f, 0.36f, 0.32f), Eigen::Vector3f(0.96f, 0.72f, 0.22f), Eigen::Vector3f(0.40f, 0.78f, 0.38f),
    Eigen::Vector3f(0.25f, 0.63f, 0.90f), Eigen::Vector3f(0.72f, 0.45f, 0.88f)};
const Eigen::Vector3f kWristColour(0.95f, 0.95f, 0.95f);

}  // namespace

Eigen::Vector3f MeshColour(const ViewStyle& style) {
  const float t = std::clamp(style.label_tint, 0.0f, 1.0f);
  return (1.0f - t) * style.skin + t * style.label_colour;
}

Eigen::Matrix3Xf VertexNormals(const Eigen::Matrix3Xf& vertices, const Eigen::Matrix3Xi& faces) {
  Eigen::Matrix3Xf normals = Eigen::Matrix3Xf::Zero(3, vertices.cols());
  for (Eigen::Index f = 0; f < faces.cols(); ++f) {
    const Eigen::Vector3f a = vertices.col(faces(0, f)), b = vertices.col(faces(1, f)), c = vertices.col(faces(2, f));
    const Eigen::Vector3f area_normal = (b - a).cross(c - a);  // length = twice the area
    for (int k = 0; k < 3; ++k) normals.col(faces(k, f)) += area_normal;
  }
  for (Eigen::Index i = 0; i < normals.cols(); ++i) {
    const float length = normals.col(i).norm();
    if (length > 0.0f) normals.col(i) /= length;
  }
  return normals;
}

SceneMesh MakeSceneMesh(const Eigen::Matrix3Xd& vertices, const Eigen::Matrix3Xi& faces) {
  const Eigen::Index v = vertices.cols();
  HP_CHECK(faces.size() == 0 || (faces.minCoeff() >= 0 && faces.maxCoeff() < v), "face id out of range for ", v,
           " vertices");
  SceneMesh mesh;
  mesh.vertices = vertices.cast<float>();
  mesh.faces = faces;
  mesh.normals = VertexNormals(mesh.vertices, faces);
  return mesh;
}

std::vector<std::array<int, 2>> UniqueEdges(const Eigen::Matrix3Xi& faces) {
  std::vector<std::array<int, 2>> edges;
  edges.reserve(3 * faces.cols());
  for (Eigen::Index f = 0; f < faces.cols(); ++f) {
    for (int k = 0; k < 3; ++k) {
      const int a = faces(k, f), b = faces((k + 1) % 3, f);
      if (a != b) edges.push_back({std::min(a, b), std::max(a, b)});
    }
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  return edges;
}

SceneSkeleton MakeHandSkeleton(const Eigen::Matrix3Xd& keypoints) {
  HP_CHECK(keypoints.cols() == kNumKeypoints, "expected ", kNumKeypoints, " keypoints, got ", keypoints.cols());
  SceneSkeleton skeleton;
  skeleton.points = keypoints.cast<float>();
  skeleton.colours.resize(3, kNumKeypoints);
  skeleton.colours.col(0) = kWristColour;
  for (int k = 1; k < kNumKeypoints; ++k) skeleton.colours.col(k) = kFingerColours[(k - 1) / 4];
  for (int k = 1; k < kNumKeypoints; ++k) skeleton.bones.push_back({kKeypointParents[k], k});
  return skeleton;
}

void BoundingSphere(const Eigen::Matrix3Xf& points, Eigen::Vector3d* centre, double* radius) {
  if (points.cols() == 0) {
    *centre = Eigen::Vector3d::Zero();
    *radius = 0.1;
    return;
  }
  const Eigen::Matrix3Xd p = points.cast<double>();
  *centre = 0.5 * (p.rowwise().minCoeff() + p.rowwise().maxCoeff());
  *radius = std::max((p.colwise() - *centre).colwise().norm().maxCoeff(), 1e-6);
}

}  // namespace handprop::ui
