// SPDX-License-Identifier: Apache-2.0
// The thin interface between the viewport's painters and the graphics API (style.md rule 18).
// Painters describe geometry and draw calls in plain Eigen types; GlRenderBackend implements
// them with OpenGL 3.3 core, and the tests implement them with a recording mock, so painter
// logic (what is uploaded when, what is drawn with which state) is testable without a GPU.
//
// Threads: a backend is used from the thread that owns its graphics context only.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace handprop::ui {

using GeometryHandle = int;
inline constexpr GeometryHandle kNoGeometry = 0;
using TextureHandle = int;
inline constexpr TextureHandle kNoTexture = 0;

// Each program draws one primitive: kShadedMesh and kFlatMesh triangles, kFlatLines lines,
// kRoundPoints points.
enum class ShaderProgram {
  kShadedMesh,  // positions + normals, lit with the call's material
  kFlatMesh,    // positions only, every fragment the call's colour (no lighting): silhouettes
  kFlatLines,   // positions (+ optional per-vertex colours), else the call's colour; lines are
                // drawn `line_width_px` wide
  kRoundPoints  // like kFlatLines, drawn as round discs of `point_size_px` with a rim of
                // `outline_colour`
};

enum class Primitive { kTriangles, kLines, kPoints };

// Vertex data of one geometry. Normals and colours are empty or hold 3 floats per vertex.
struct GeometryData {
  std::vector<float> positions;   // x y z per vertex, metres, world frame
  std::vector<float> normals;
  std::vector<float> colours;     // r g b per vertex
  std::vector<uint32_t> indices;  // empty: the vertices are drawn in order

  int NumVertices() const { return static_cast<int>(positions.size() / 3); }
};

struct Material {
  float ambient = 0.3f;
  float diffuse = 0.7f;
  float specular = 0.1f;
  float shininess = 24.0f;
};

// Pixel rectangle of the framebuffer, origin at the bottom-left (OpenGL's glViewport).
struct PixelRect {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
};

struct DrawCall {
  ShaderProgram program = ShaderProgram::kFlatLines;
  Primitive primitive = Primitive::kTriangles;
  Eigen::Matrix4f cam_from_world = Eigen::Matrix4f::Identity();  // camera: x right, y down, z forward
  Eigen::Matrix4f clip_from_cam = Eigen::Matrix4f::Identity();   // PinholeProjectionMatrix
  Eigen::Vector4f colour = Eigen::Vector4f::Ones();              // used without per-vertex colours
  Eigen::Vector4f outline_colour{0.08f, 0.08f, 0.08f, 1.0f};     // kRoundPoints' rim
  Material material;
  float point_size_px = 1.0f;
  float line_width_px = 1.0f;
  bool depth_test = true;
  bool depth_write = true;
  bool blend = false;           // alpha blending
  bool polygon_offset = false;  // push filled triangles back so that lines drawn over them win
  bool colour_write = true;     // false: a depth-only pass (hidden-line wireframe, translucent mesh)
  // The range drawn: `count` indices (or vertices without indices) from `first`; -1: to the end.
  int first = 0;
  int count = -1;
};

// The two transforms every draw of one frame shares.
struct FrameTransforms {
  Eigen::Matrix4f cam_from_world = Eigen::Matrix4f::Identity();
  Eigen::Matrix4f clip_from_cam = Eigen::Matrix4f::Identity();
  float pixel_ratio = 1.0f;  // device pixels per logical pixel, scales point sizes and line widths
};

class RenderBackend {
 public:
  virtual ~RenderBackend() = default;

  // A new, empty geometry slot (never kNoGeometry).
  virtual GeometryHandle CreateGeometry() = 0;
  // Replaces the slot's contents on the device.
  virtual void UploadGeometry(GeometryHandle handle, const GeometryData& data) = 0;
  virtual void DestroyGeometry(GeometryHandle handle) = 0;

  // Clears colour and depth of the whole framebuffer, then fills the current viewport with a
  // vertical gradient from `bottom` to `top`.
  virtual void ClearBackground(const Eigen::Vector3f& top, const Eigen::Vector3f& bottom) = 0;
  // Restricts the following draws to `rect`.
  virtual void SetViewport(const PixelRect& rect) = 0;
  // Draws the slot's vertices (or indices) as `call.primitive`.
  virtual void Draw(GeometryHandle handle, const DrawCall& call) = 0;

  // A new, empty RGB texture slot (never kNoTexture); nothing is allocated on the device yet.
  virtual TextureHandle CreateTexture() = 0;
  // Replaces the texture's pixels: `height` rows of `width` RGB byte triples, the top row first,
  // row r starting at rgb + r * stride (stride >= 3 * width bytes). An upload of the size
  // already held overwrites the pixels in place; a new size reallocates.
  virtual void UploadTexture(TextureHandle handle, int width, int height, const uint8_t* rgb, int stride) = 0;
  virtual void DestroyTexture(TextureHandle handle) = 0;
  // Fills the current viewport with the texture (its top row at the viewport's top edge), with no
  // depth test, depth write or blending. Nothing happens before the texture's first upload.
  virtual void DrawTexturedQuad(TextureHandle handle) = 0;
};

}  // namespace handprop::ui
