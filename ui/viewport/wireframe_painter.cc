// SPDX-License-Identifier: Apache-2.0
#include "ui/viewport/wireframe_painter.h"

#include "core/util/error.h"

namespace handprop::ui {

GeometryData WireframeGeometry(const SceneMesh& mesh) {
  GeometryData data;
  data.positions.assign(mesh.vertices.data(), mesh.vertices.data() + mesh.vertices.size());
  const std::vector<std::array<int, 2>> edges = UniqueEdges(mesh.faces);
  data.indices.reserve(2 * edges.size());
  for (const auto& edge : edges) {
    data.indices.push_back(static_cast<uint32_t>(edge[0]));
    data.indices.push_back(static_cast<uint32_t>(edge[1]));
  }
  return data;
}

void WireframePainter::Setup(RenderBackend& backend) {
  if (handle_ == kNoGeometry) handle_ = backend.CreateGeometry();
}

void WireframePainter::Upload(RenderBackend& backend, const SceneMesh& mesh) {
  HP_CHECK(handle_ != kNoGeometry, "WireframePainter::Upload before Setup");
  const GeometryData data = WireframeGeometry(mesh);
  backend.UploadGeometry(handle_, data);
  has_edges_ = !data.indices.empty();
}

void WireframePainter::Render(RenderBackend& backend, const FrameTransforms& frame, const Eigen::Vector4f& colour) const {
  if (handle_ == kNoGeometry || !has_edges_) return;
  DrawCall call;
  call.program = ShaderProgram::kFlatLines;
  call.primitive = Primitive::kLines;
  call.cam_from_world = frame.cam_from_world;
  call.clip_from_cam = frame.clip_from_cam;
  call.colour = colour;
  call.line_width_px = frame.pixel_ratio;
  call.depth_write = false;  // hidden edges stay hidden behind the (offset) mesh
  call.blend = true;
  backend.Draw(handle_, call);
}

void WireframePainter::Release(RenderBackend* backend) {
  if (backend != nullptr && handle_ != kNoGeometry) backend->DestroyGeometry(handle_);
  handle_ = kNoGeometry;
  has_edges_ = false;
}

}  // namespace handprop::ui
