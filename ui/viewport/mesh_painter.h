// SPDX-License-Identifier: Apache-2.0
// Draws a triangle mesh (positions + per-vertex normals) with draw calls built by MeshCalls
// (the hand in its mesh mode and opacity) or GhostCall (the translucent propagation preview).
//   painter.Setup(backend);           // once per graphics context: creates the device buffer
//   painter.Upload(backend, mesh);    // whenever the mesh changed
//   for (const DrawCall& call : MeshCalls(frame, style, false)) painter.Draw(backend, call);
// Threads: the backend's thread only.
#pragma once

#include <vector>

#include "ui/viewport/render_backend.h"
#include "ui/viewport/scene.h"

namespace handprop::ui {

class MeshPainter {
 public:
  void Setup(RenderBackend& backend);
  void Upload(RenderBackend& backend, const SceneMesh& mesh);
  // Draws the mesh with `call` (a triangle program); nothing before the first Upload or for an
  // empty mesh.
  void Draw(RenderBackend& backend, const DrawCall& call) const;
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

// The hand mesh's calls for `style`, in order. kShaded (lit) and kSilhouette (kFlatMesh, unlit)
// draw MeshColour(style) opaque; below full opacity a depth-only pass comes first and the colour
// pass blends with alpha = mesh_opacity and no depth write, so only the nearest surface shows.
// kWireframe draws depth only (the edges are drawn next, hidden lines removed). `polygon_offset`
// pushes the triangles back so that lines drawn next stay visible.
std::vector<DrawCall> MeshCalls(const FrameTransforms& frame, const ViewStyle& style, bool polygon_offset);

// The ghost mesh: lit, in ghost_colour (alpha-blended), depth-tested without depth write.
DrawCall GhostCall(const FrameTransforms& frame, const ViewStyle& style);

}  // namespace handprop::ui
