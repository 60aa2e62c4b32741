// SPDX-License-Identifier: Apache-2.0
#include "ui/viewport/mesh_painter.h"

#include <algorithm>

#include "core/util/error.h"

namespace handprop::ui {
namespace {

DrawCall BaseCall(const FrameTransforms& frame, const ViewStyle& style) {
  DrawCall call;
  call.program = ShaderProgram::kShadedMesh;
  call.primitive = Primitive::kTriangles;
  call.cam_from_world = frame.cam_from_world;
  call.clip_from_cam = frame.clip_from_cam;
  call.material = {style.ambient, style.diffuse, style.specular, style.shininess};
  return call;
}

}  // namespace

GeometryData MeshGeometry(const SceneMesh& mesh) {
  GeometryData data;
  data.positions.assign(mesh.vertices.data(), mesh.vertices.data() + mesh.vertices.size());
  data.normals.assign(mesh.normals.data(), mesh.normals.data() + mesh.normals.size());
  data.indices.reserve(mesh.faces.size());
  for (Eigen::Index i = 0; i < mesh.faces.size(); ++i) data.indices.push_back(static_cast<uint32_t>(mesh.faces.data()[i]));
  return data;
}

std::vector<DrawCall> MeshCalls(const FrameTransforms& frame, const ViewStyle& style, bool polygon_offset) {
  DrawCall call = BaseCall(frame, style);
  const float opacity = std::clamp(style.mesh_opacity, 0.0f, 1.0f);
  const Eigen::Vector3f colour = MeshColour(style);
  call.colour = Eigen::Vector4f(colour.x(), colour.y(), colour.z(), opacity);
  call.polygon_offset = polygon_offset || style.mesh_mode == MeshMode::kWireframe;
  if (style.mesh_mode == MeshMode::kSilhouette) call.program = ShaderProgram::kFlatMesh;

  DrawCall depth_only = call;
  depth_only.colour_write = false;
  if (style.mesh_mode == MeshMode::kWireframe) return {depth_only};
  if (opacity >= 1.0f) return {call};
  call.blend = true;
  call.depth_write = false;
  return {depth_only, call};
}

DrawCall GhostCall(const FrameTransforms& frame, const ViewStyle& style) {
  DrawCall call = BaseCall(frame, style);
  call.colour = style.ghost_colour;
  call.blend = true;
  call.depth_write = false;
  return call;
}

void MeshPainter::Setup(RenderBackend& backend) {
  if (handle_ == kNoGeometry) handle_ = backend.CreateGeometry();
}

void MeshPainter::Upload(RenderBackend& backend, const SceneMesh& mesh) {
  HP_CHECK(handle_ != kNoGeometry, "MeshPainter::Upload before Setup");
  HP_CHECK(mesh.normals.cols() == mesh.vertices.cols(), "mesh has ", mesh.normals.cols(), " normals for ",
           mesh.vertices.cols(), " vertices");
  backend.UploadGeometry(handle_, MeshGeometry(mesh));
  has_triangles_ = !mesh.empty();
}

void MeshPainter::Draw(RenderBackend& backend, const DrawCall& call) const {
  if (handle_ == kNoGeometry || !has_triangles_) return;
  backend.Draw(handle_, call);
}

void MeshPainter::Release(RenderBackend* backend) {
  if (backend != nullptr && handle_ != kNoGeometry) backend->DestroyGeometry(handle_);
  handle_ = kNoGeometry;
  has_triangles_ = false;
}

}  // namespace handprop::ui
