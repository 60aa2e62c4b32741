// SPDX-License-Identifier: Apache-2.0
// Holds the scene (background image, mesh, ghost mesh, skeleton, style) on the host and draws it
// through a RenderBackend. Device buffers are created lazily on the first Render and re-uploaded
// only when their host data changed since the last upload (dirty flags); the wireframe is built
// only while shown, the image texture only while an image is drawn.
//
//   SceneRenderer renderer;
//   renderer.SetMesh(MakeSceneMesh(vertices, faces));     // host side only, marks the mesh dirty
//   renderer.Render(backend, view, {0, 0, w, h});          // uploads what is dirty, then draws
//
// Draw order: gradient, image (with_image only), mesh (MeshCalls), edges, ghost, skeleton.
// Threads: the thread that owns the backend's context. Not copyable (it owns device handles).
#pragma once

#include <memory>

#include "ui/viewport/image_painter.h"
#include "ui/viewport/mesh_painter.h"
#include "ui/viewport/render_backend.h"
#include "ui/viewport/scene.h"
#include "ui/viewport/skeleton_painter.h"
#include "ui/viewport/view_camera.h"
#include "ui/viewport/wireframe_painter.h"

namespace handprop::ui {

class SceneRenderer {
 public:
  SceneRenderer() = default;
  SceneRenderer(const SceneRenderer&) = delete;
  SceneRenderer& operator=(const SceneRenderer&) = delete;

  void SetMesh(SceneMesh mesh);
  void SetSkeleton(SceneSkeleton skeleton);
  void SetStyle(const ViewStyle& style) { style_ = style; }
  // The background image, shared (not copied) with whoever else holds it; nullptr removes it.
  // The texture is uploaded once per call, on the next Render that draws the image.
  void SetBackgroundImage(std::shared_ptr<const SceneImage> image);
  // The propagation preview drawn translucent over the mesh; an empty mesh removes it.
  void SetGhostMesh(SceneMesh mesh);

  const SceneMesh& mesh() const { return mesh_; }
  const SceneMesh& ghost_mesh() const { return ghost_; }
  const SceneSkeleton& skeleton() const { return skeleton_; }
  const ViewStyle& style() const { return style_; }
  const std::shared_ptr<const SceneImage>& background_image() const { return image_; }

  // Clears the framebuffer, then draws the scene as `view` sees it into `viewport` (device
  // pixels; its size should have the view's aspect ratio). `pixel_ratio` scales point sizes.
  // `with_image`: the background image fills `viewport` under the mesh (pinhole overlays);
  // without it (or without an image) the background is the style's gradient.
  void Render(RenderBackend& backend, const PinholeView& view, const PixelRect& viewport, float pixel_ratio = 1.0f,
              bool with_image = false);

  // Destroys the device buffers through `backend` (context current), or with nullptr only
  // forgets them (the context is gone). The next Render sets up and uploads everything again.
  void ReleaseDevice(RenderBackend* backend);

 private:
  SceneMesh mesh_;
  SceneMesh ghost_;
  SceneSkeleton skeleton_;
  ViewStyle style_;
  std::shared_ptr<const SceneImage> image_;
  bool mesh_dirty_ = true;
  bool wireframe_dirty_ = true;
  bool ghost_dirty_ = true;
  bool skeleton_dirty_ = true;
  bool image_dirty_ = true;
  MeshPainter mesh_painter_;
  MeshPainter ghost_painter_;
  WireframePainter wireframe_painter_;
  SkeletonPainter skeleton_painter_;
  ImagePainter image_painter_;
};

// The transforms of one frame for `view`: world -> camera and camera -> clip, in float.
FrameTransforms MakeFrameTransforms(const PinholeView& view, float pixel_ratio);

}  // namespace handprop::ui
