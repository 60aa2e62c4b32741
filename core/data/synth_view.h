// SPDX-License-Identifier: Apache-2.0
// Renders every frame of one camera of one synthetic sequence and writes the RGB video and the
// mask frames; returns that view's ground truth in the camera's frame.
#pragma once

#include <Eigen/Core>
#include <opencv2/core.hpp>
#include <vector>

#include "core/geometry/camera.h"
#include "core/io/video/video_writer.h"
#include "core/model/lbs.h"
#include "core/render/lights.h"
#include "core/render/skin.h"

namespace handprop {

using Keypoints2d = Eigen::Matrix<double, 2, kNumKeypoints>;

struct ViewTruth {
  std::vector<HandParams> params;          // camera frame, absolute pose
  std::vector<KeypointMatrix> keypoints;   // 3 x 21, camera frame, metres
  std::vector<Keypoints2d> keypoints_2d;   // pixels, camera.h convention
  std::vector<int> mask_pixels;            // hand pixels per frame
};

// `world` and `meshes` hold the sequence's frames in the world frame (meshes = HandLbs of world).
// `world_lights` is the sequence's light rig in world coordinates. Masks are written as
// 3-channel grey frames (255 = hand) because the writers take BGR frames.
ViewTruth RenderSyntheticView(const HandModel& model, const std::vector<HandParams>& world, const std::vector<HandMesh>& meshes,
                              const Camera& camera, const LightRig& world_lights, const SkinMaterial& skin,
                              const cv::Mat& background, VideoWriter& rgb, VideoWriter& masks);

}  // namespace handprop
