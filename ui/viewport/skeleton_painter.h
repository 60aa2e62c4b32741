// SPDX-License-Identifier: Apache-2.0
// Draws the keypoint skeleton: bones as coloured lines and keypoints as round discs, on top of
// the mesh (keypoints lie inside the hand, so they are drawn without a depth test). Same
// Setup/Upload/Render protocol as MeshPainter; uses two device buffers (bones, points).
#pragma once

#include "ui/viewport/render_backend.h"
#include "ui/viewport/scene.h"

namespace handprop::ui {

class SkeletonPainter {
 public:
  void Setup(RenderBackend& backend);
  void Upload(RenderBackend& backend, const SceneSkeleton& skeleton);
  void Render(RenderBackend& backend, const FrameTransforms& frame, const ViewStyle& style) const;
  void Release(RenderBackend* backend);  // as MeshPainter::Release

  bool is_set_up() const { return bones_ != kNoGeometry; }

 private:
  GeometryHandle bones_ = kNoGeometry;
  GeometryHandle points_ = kNoGeometry;
  bool has_bones_ = false;
  bool has_points_ = false;
  int num_points_ = 0;
};

// Two vertices per bone, both with the child's colour.
GeometryData BoneGeometry(const SceneSkeleton& skeleton);
// One vertex per keypoint with its colour.
GeometryData KeypointGeometry(const SceneSkeleton& skeleton);

}  // namespace handprop::ui
