// SPDX-License-Identifier: Apache-2.0
// Draws the shaded triangle mesh (positions + per-vertex normals, the style's skin material).
//   painter.Setup(backend);           // once per graphics context: creates the device buffer
//   painter.Upload(backend, mesh);    // whenever the mesh changed
//   painter.Render(backend, frame, style);
// Threads: the backend's thread only.
#pragma once

#include "ui/viewport/render_backend.h"
#include "ui/viewport/scene.h"

namespace handprop::ui {

class MeshPainter {
 public:
  void Setup(RenderBackend& backend);
  void Upload(RenderBackend& backend, const SceneMesh& mesh);
  // Draws nothing before the first Upload or for an empty mesh. `polygon_offset` pushes the
  // triangles back so that a wireframe drawn next stays visible.
  void Render(RenderBackend& backend, const FrameTransforms& frame, const ViewStyle& style, bool polygon_offset) const;
  // Destroys the device buffer through `backend` (context current); with nullptr (the context
  // is already gone) only forgets it. Setup must run again before the next Upload.
  void Release(RenderBackend* backend);

  bool is_set_up() const { return handle_ != kNoGeometry; }

 private:
  GeometryHandle handle_ = kNoGeometry;
  bool has_triangles_ = false;
};

// The device layout of a scene mesh: positions, normals and the faces as triangle indices.
GeometryData MeshGeometry(const SceneMesh& mesh);

}  // namespace handprop::ui
