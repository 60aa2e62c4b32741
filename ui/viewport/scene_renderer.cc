// SPDX-License-Identifier: Apache-2.0
#include "ui/viewport/scene_renderer.h"

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

void SceneRenderer::Render(RenderBackend& backend, const PinholeView& view, const PixelRect& viewport,
                           float pixel_ratio) {
  backend.SetViewport(viewport);
  backend.ClearBackground(style_.background_top, style_.background_bottom);
  const FrameTransforms frame = MakeFrameTransforms(view, pixel_ratio);

  if (style_.show_mesh) {
    if (!mesh_painter_.is_set_up()) mesh_painter_.Setup(backend);
    if (mesh_dirty_) mesh_painter_.Upload(backend, mesh_);
    mesh_dirty_ = false;
    mesh_painter_.Render(backend, frame, style_, /*polygon_offset=*/style_.show_wireframe);
  }
  if (style_.show_wireframe) {
    if (!wireframe_painter_.is_set_up()) wireframe_painter_.Setup(backend);
    if (wireframe_dirty_) wireframe_painter_.Upload(backend, mesh_);
    wireframe_dirty_ = false;
    wireframe_painter_.Render(backend, frame, style_);
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
  wireframe_painter_.Release(backend);
  skeleton_painter_.Release(backend);
  mesh_dirty_ = wireframe_dirty_ = skeleton_dirty_ = true;
}

}  // namespace handprop::ui
