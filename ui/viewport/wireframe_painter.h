// SPDX-License-Identifier: Apache-2.0
// Draws the mesh's edges as thin blended lines over the shaded mesh (the optional wireframe
// overlay). Same Setup/Upload/Render protocol as MeshPainter; each edge is drawn once.
#pragma once

#include "ui/viewport/render_backend.h"
#include "ui/viewport/scene.h"

namespace handprop::ui {

class WireframePainter {
 public:
  void Setup(RenderBackend& backend);
  void Upload(RenderBackend& backend, const SceneMesh& mesh);
  void Render(RenderBackend& backend, const FrameTransforms& frame, const ViewStyle& style) const;
  void Release(RenderBackend* backend);  // as MeshPainter::Release

  bool is_set_up() const { return handle_ != kNoGeometry; }

 private:
  GeometryHandle handle_ = kNoGeometry;
  bool has_edges_ = false;
};

// Positions of the mesh plus its unique edges as line indices.
GeometryData WireframeGeometry(const SceneMesh& mesh);

}  // namespace handprop::ui
