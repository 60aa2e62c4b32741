// SPDX-License-Identifier: Apache-2.0
// What the viewport draws, independent of the render backend: a triangle mesh with per-vertex
// normals, a skeleton of points joined by bones, and the style (colours, shading, toggles).
// Positions are world coordinates in metres; colours are RGB in [0, 1]. Plain values, no Qt.
#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <vector>

namespace handprop::ui {

struct SceneMesh {
  Eigen::Matrix3Xf vertices;  // 3 x V, metres
  Eigen::Matrix3Xf normals;   // 3 x V, unit length (zero for vertices on no face)
  Eigen::Matrix3Xi faces;     // 3 x F vertex ids

  bool empty() const { return vertices.cols() == 0 || faces.cols() == 0; }
};

struct SceneSkeleton {
  Eigen::Matrix3Xf points;             // 3 x K, metres
  Eigen::Matrix3Xf colours;            // 3 x K, one colour per point
  std::vector<std::array<int, 2>> bones;  // (parent, child) point ids; a bone takes its child's colour

  bool empty() const { return points.cols() == 0; }
};

// How the hand mesh is drawn: lit (kShaded), as its visible edges only (kWireframe, hidden
// lines removed), or as one flat unlit colour (kSilhouette, for checking the overlay's outline).
enum class MeshMode { kShaded, kWireframe, kSilhouette };

// An RGB8 picture for the pinhole background (a video frame): `height` rows of `width` RGB
// triples, top row first, tightly packed. Shared by pointer between viewports (immutable).
struct SceneImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> rgb;  // 3 * width * height bytes
};

struct ViewStyle {
  Eigen::Vector3f background_top{0.36f, 0.38f, 0.41f};
  Eigen::Vector3f background_bottom{0.17f, 0.18f, 0.20f};
  Eigen::Vector3f skin{0.90f, 0.72f, 0.62f};
  float ambient = 0.30f;    // shading: colour * (ambient + diffuse * lambert) + specular highlight
  float diffuse = 0.68f;
  float specular = 0.10f;
  float shininess = 24.0f;
  bool show_mesh = true;
  bool show_wireframe = false;
  bool show_skeleton = true;
  Eigen::Vector4f wireframe_colour{0.15f, 0.12f, 0.10f, 0.35f};  // alpha-blended over the mesh
  float point_size_px = 10.0f;  // keypoint disc diameter
  float bone_width_px = 3.0f;  // skeleton line width

  MeshMode mesh_mode = MeshMode::kShaded;
  float mesh_opacity = 1.0f;  // 0..1; below 1 the mesh's nearest surface is blended over the image
  // The label's provenance colour (ProvenanceLook): mixed into the mesh colour by `label_tint`
  // (0: pure skin) and drawn as the rim of every keypoint disc. Finger colours stay on the discs.
  Eigen::Vector3f label_colour{0.08f, 0.08f, 0.08f};
  float label_tint = 0.0f;
  int selected_keypoint = -1;          // drawn kSelectedScale times larger with a white rim; -1: none
  Eigen::Vector4f ghost_colour{0.30f, 0.85f, 1.00f, 0.35f};  // the propagation preview, translucent

  static constexpr float kSelectedScale = 1.6f;
};

// The mesh's flat colour: skin mixed with the label colour by label_tint (clamped to 0..1).
Eigen::Vector3f MeshColour(const ViewStyle& style);

// Area-weighted vertex normals of the triangle mesh (faces counter-clockwise seen from outside).
Eigen::Matrix3Xf VertexNormals(const Eigen::Matrix3Xf& vertices, const Eigen::Matrix3Xi& faces);

// A scene mesh with normals. Face ids must lie in [0, V) (checked: a bad id is a bug).
SceneMesh MakeSceneMesh(const Eigen::Matrix3Xd& vertices, const Eigen::Matrix3Xi& faces);

// Each undirected edge of the faces once, smaller id first, sorted.
std::vector<std::array<int, 2>> UniqueEdges(const Eigen::Matrix3Xi& faces);

// The 21 FreiHAND-order keypoints (3 x 21) as a skeleton: bones from core's keypoint parents,
// one colour per finger (thumb red, index amber, middle green, ring blue, little violet).
SceneSkeleton MakeHandSkeleton(const Eigen::Matrix3Xd& keypoints);

// Centre and radius of a sphere holding every vertex (bounding-box centre, farthest vertex).
void BoundingSphere(const Eigen::Matrix3Xf& points, Eigen::Vector3d* centre, double* radius);

}  // namespace handprop::ui
