// SPDX-License-Identifier: Apache-2.0
#include "ui/viewport/mesh_painter.h"

#include "core/util/error.h"

namespace handprop::ui {

GeometryData MeshGeometry(const SceneMesh& mesh) {
  GeometryData data;
  data.positions.assign(mesh.vertices.data(), mesh.vertices.data() + mesh.vertices.size());
  data.normals.assign(mesh.normals.data(), mesh.normals.data() + mesh.normals.size());
  data.indices.reserve(mesh.faces.size());
  for (Eigen::Index i = 0; i < mesh.faces.size(); ++i) data.indices.push_back(static_cast<uint32_t>(mesh.faces.data()[i]));
  return data;
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

void MeshPainter::Render(RenderBackend& backend, const FrameTransforms& frame, const ViewStyle& style,
                         bool polygon_offset) const {
  if (handle_ == kNoGeometry || !has_triangles_) return;
  DrawCall call;
  call.program = ShaderProgram::kShadedMesh;
  call.primitive = Primitive::kTriangles;
  call.cam_from_world = frame.cam_from_world;
  call.clip_from_cam = frame.clip_from_cam;
  call.colour << style.skin, 1.0f;
  call.material = {style.ambient, style.diffuse, style.specular, style.shininess};
  call.polygon_offset = polygon_offset;
  backend.Draw(handle_, call);
}

void MeshPainter::Release(RenderBackend* backend) {
  if (backend != nullptr && handle_ != kNoGeometry) backend->DestroyGeometry(handle_);
  handle_ = kNoGeometry;
  has_triangles_ = false;
}

}  // namespace handprop::ui
