// SPDX-License-Identifier: Apache-2.0
#include "ui/viewport/skeleton_painter.h"

#include "core/util/error.h"

namespace handprop::ui {
namespace {
void Append(std::vector<float>& out, const Eigen::Vector3f& v) { out.insert(out.end(), {v.x(), v.y(), v.z()}); }
}  // namespace

GeometryData BoneGeometry(const SceneSkeleton& skeleton) {
  GeometryData data;
  for (const auto& bone : skeleton.bones) {
    HP_CHECK(bone[0] >= 0 && bone[1] >= 0 && bone[0] < skeleton.points.cols() && bone[1] < skeleton.points.cols(),
             "bone (", bone[0], ", ", bone[1], ") out of range");
    for (int end : bone) {
      Append(data.positions, skeleton.points.col(end));
      Append(data.colours, skeleton.colours.col(bone[1]));
    }
  }
  return data;
}

GeometryData KeypointGeometry(const SceneSkeleton& skeleton) {
  GeometryData data;
  data.positions.assign(skeleton.points.data(), skeleton.points.data() + skeleton.points.size());
  data.colours.assign(skeleton.colours.data(), skeleton.colours.data() + skeleton.colours.size());
  return data;
}

void SkeletonPainter::Setup(RenderBackend& backend) {
  if (bones_ == kNoGeometry) bones_ = backend.CreateGeometry();
  if (points_ == kNoGeometry) points_ = backend.CreateGeometry();
}

void SkeletonPainter::Upload(RenderBackend& backend, const SceneSkeleton& skeleton) {
  HP_CHECK(bones_ != kNoGeometry && points_ != kNoGeometry, "SkeletonPainter::Upload before Setup");
  HP_CHECK(skeleton.colours.cols() == skeleton.points.cols(), "skeleton has ", skeleton.colours.cols(),
           " colours for ", skeleton.points.cols(), " points");
  const GeometryData bones = BoneGeometry(skeleton);
  backend.UploadGeometry(bones_, bones);
  backend.UploadGeometry(points_, KeypointGeometry(skeleton));
  has_bones_ = !bones.positions.empty();
  has_points_ = !skeleton.empty();
  num_points_ = static_cast<int>(skeleton.points.cols());
}

void SkeletonPainter::Render(RenderBackend& backend, const FrameTransforms& frame, const ViewStyle& style) const {
  DrawCall call;
  call.program = ShaderProgram::kFlatLines;
  call.primitive = Primitive::kLines;
  call.cam_from_world = frame.cam_from_world;
  call.clip_from_cam = frame.clip_from_cam;
  call.line_width_px = style.bone_width_px * frame.pixel_ratio;
  call.depth_test = false;
  call.depth_write = false;
  if (bones_ != kNoGeometry && has_bones_) backend.Draw(bones_, call);
  call.program = ShaderProgram::kRoundPoints;
  call.primitive = Primitive::kPoints;
  call.point_size_px = style.point_size_px * frame.pixel_ratio;
  call.blend = true;  // the discs' anti-aliased rims
  call.outline_colour = Eigen::Vector4f(style.label_colour.x(), style.label_colour.y(), style.label_colour.z(), 1.0f);
  if (points_ == kNoGeometry || !has_points_) return;
  backend.Draw(points_, call);
  if (style.selected_keypoint >= 0 && style.selected_keypoint < num_points_) {
    call.first = style.selected_keypoint;
    call.count = 1;
    call.point_size_px *= ViewStyle::kSelectedScale;
    call.outline_colour = Eigen::Vector4f::Ones();
    backend.Draw(points_, call);
  }
}

void SkeletonPainter::Release(RenderBackend* backend) {
  for (GeometryHandle* handle : {&bones_, &points_}) {
    if (backend != nullptr && *handle != kNoGeometry) backend->DestroyGeometry(*handle);
    *handle = kNoGeometry;
  }
  has_bones_ = has_points_ = false;
  num_points_ = 0;
}

}  // namespace handprop::ui
