// SPDX-License-Identifier: Apache-2.0
#include "core/io/formats/hand_dataset.h"

#include "core/util/error.h"

namespace handprop {
namespace {

std::string FramePrefix(const std::string& origin, size_t v, const DatasetView& view, int frame) {
  return detail::Concat(origin, ": view ", v, " (sequence ", view.sequence, ", camera ", view.camera_index, ") frame ",
                        frame, ": ");
}

std::string CheckLabel(const HandLabel& label) {
  if (label.has_params) {
    if (!label.params.pose.allFinite()) return "pose has a non-finite value";
    if (!label.params.betas.allFinite()) return "betas has a non-finite value";
    if (!label.params.trans.allFinite()) return "trans has a non-finite value";
  } else if (!label.params.pose.isZero(0) || !label.params.betas.isZero(0) || !label.params.trans.isZero(0)) {
    return "has_params is false but the parameters are not zero";
  }
  if (!label.keypoints.allFinite()) return "keypoints have a non-finite value";
  if (!label.vertices.allFinite()) return "vertices have a non-finite value";
  return {};
}

std::string CheckCamera(const Camera& camera) {
  const std::string k = CheckIntrinsicsMatrix(camera.intrinsics.Matrix());
  if (!k.empty()) return k;
  const std::string r = CheckRotationMatrix(camera.cam_from_world.rotation);
  if (!r.empty()) return "cam_from_world: " + r;
  if (!camera.cam_from_world.translation.allFinite()) return "cam_from_world translation is not finite";
  if (camera.width < 0 || camera.height < 0)
    return detail::Concat("image size ", camera.width, " x ", camera.height, " is negative");
  return {};
}

}  // namespace

void ValidateHandDataset(const HandDataset& dataset, const std::string& origin) {
  for (size_t v = 0; v < dataset.views.size(); ++v) {
    const DatasetView& view = dataset.views[v];
    int previous = -1;
    for (const ViewFrame& frame : view.frames) {
      const std::string prefix = FramePrefix(origin, v, view, frame.index);
      if (frame.index <= previous)
        throw InputError(prefix + detail::Concat("frame indices must increase (previous ", previous, ")"));
      previous = frame.index;
      const std::string camera = CheckCamera(frame.camera);
      if (!camera.empty()) throw InputError(prefix + camera);
      if (frame.label) {
        const std::string label = CheckLabel(*frame.label);
        if (!label.empty()) throw InputError(prefix + label);
      }
    }
  }
}

int CountLabels(const HandDataset& dataset) {
  int count = 0;
  for (const DatasetView& view : dataset.views)
    for (const ViewFrame& frame : view.frames) count += frame.label.has_value() ? 1 : 0;
  return count;
}

}  // namespace handprop
