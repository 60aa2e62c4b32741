// SPDX-License-Identifier: Apache-2.0
#include "ui/viewport/scene_renderer.h"

#include <algorithm>
#include <utility>

namespace handprop::ui {

FrameTransforms MakeFrameTransforms(const PinholeView& view, float pixel_ratio) {
  FrameTransforms frame;
  frame.cam_from_world = view.camera.cam_from_world.ToMatrix().cast<float>();
  frame.clip_from_cam = PinholeProjectionMatrix(view).cast<float>();
  frame.pixel_ratio = pixel_ratio;
  return frame;
}

void SceneRenderer::SetMesh(SceneMesh mesh) {
  mesh_ = std::move(mesh);
  mesh_dirty_ = wireframe_dirty_ = true;
}

void SceneRenderer::SetSkeleton(SceneSkeleton skeleton) {
  skeleton_ = std::move(skeleton);
  skeleton_dirty_ = true;
}

void SceneRenderer::SetBackgroundImage(std::shared_ptr<const SceneImage> image) {
  image_ = std::move(image);
  image_dirty_ = true;
}

void SceneRenderer::SetGhostMesh(SceneMesh mesh) {
  ghost_ = std::move(mesh);
  ghost_dirty_ = true;
}

void SceneRenderer::Render(RenderBackend& backend, const PinholeView& view, const PixelRect& viewport,
                           float pixel_ratio, bool with_image) {
  backend.SetViewport(viewport);
  backend.ClearBackground(style_.background_top, style_.background_bottom);
  const FrameTransforms frame = MakeFrameTransforms(view, pixel_ratio);

  if (with_image && image_ != nullptr) {
    if (!image_painter_.is_set_up()) image_painter_.Setup(backend);
    if (image_dirty_) image_painter_.Upload(backend, *image_);
    image_dirty_ = false;
    image_painter_.Render(backend);
  }
  const bool mode_edges = style_.show_mesh && style_.mesh_mode == MeshMode::kWireframe;
  if (style_.show_mesh) {
    if (!mesh_painter_.is_set_up()) mesh_painter_.Setup(backend);
    if (mesh_dirty_) mesh_painter_.Upload(backend, mesh_);
    mesh_dirty_ = false;
    for (const DrawCall& call : MeshCalls(frame, style_, /*polygon_offset=*/style_.show_wireframe))
      mesh_painter_.Draw(backend, call);
  }
  if (style_.show_wireframe || mode_edges) {
    if (!wireframe_painter_.is_set_up()) wireframe_painter_.Setup(backend);
    if (wireframe_dirty_) wireframe_painter_.Upload(backend, mesh_);
    wireframe_dirty_ = false;
    Eigen::Vector4f colour = style_.wireframe_colour;
    if (mode_edges) {
      const Eigen::Vector3f mesh_colour = MeshColour(style_);
      colour = Eigen::Vector4f(mesh_colour.x(), mesh_colour.y(), mesh_colour.z(), std::clamp(style_.mesh_opacity, 0.0f, 1.0f));
    }
    wireframe_painter_.Render(backend, frame, colour);
  }
  if (!ghost_.empty()) {
    if (!ghost_painter_.is_set_up()) ghost_painter_.Setup(backend);
    if (ghost_dirty_) ghost_painter_.Upload(backend, ghost_);
    ghost_dirty_ = false;
    ghost_painter_.Draw(backend, GhostCall(frame, style_));
  }
  if (style_.show_skeleton) {
    if (!skeleton_painter_.is_set_up()) skeleton_painter_.Setup(backend);
    if (skeleton_dirty_) skeleton_painter_.Upload(backend, skeleton_);
    skeleton_dirty_ = false;
    skeleton_painter_.Render(backend, frame, style_);
  }
}

void SceneRenderer::ReleaseDevice(RenderBackend* backend) {
  mesh_painter_.Release(backend);
  ghost_painter_.Release(backend);
  wireframe_painter_.Release(backend);
  skeleton_painter_.Release(backend);
  image_painter_.Release(backend);
  mesh_dirty_ = wireframe_dirty_ = ghost_dirty_ = skeleton_dirty_ = image_dirty_ = true;
}

}  // namespace handprop::ui
