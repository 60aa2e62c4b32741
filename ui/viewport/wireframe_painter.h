// SPDX-License-Identifier: Apache-2.0
// Draws the mesh's edges as thin blended lines over the mesh (the optional wireframe overlay, or
// the whole mesh in MeshMode::kWireframe). Setup/Upload/Render like MeshPainter; each edge once.
#pragma once

#include "ui/viewport/render_backend.h"
#include "ui/viewport/scene.h"

namespace handprop::ui {

class WireframePainter {
 public:
  void Setup(RenderBackend& backend);
  void Upload(RenderBackend& backend, const SceneMesh& mesh);
  // Draws the edges `frame.pixel_ratio` device pixels wide in `colour` (alpha-blended).
  void Render(RenderBackend& backend, const FrameTransforms& frame, const Eigen::Vector4f& colour) const;
  void Release(RenderBackend* backend);  // as MeshPainter::Release

  bool is_set_up() const { return handle_ != kNoGeometry; }

 private:
  GeometryHandle handle_ = kNoGeometry;
  bool has_edges_ = false;
};

// Positions of the mesh plus its unique edges as line indices.
GeometryData WireframeGeometry(const SceneMesh& mesh);

}  // namespace handprop::ui
