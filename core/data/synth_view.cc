// SPDX-License-Identifier: Apache-2.0
#include "core/data/synth_view.h"

#include <opencv2/imgproc.hpp>

#include "core/model/rigid_transform.h"
#include "core/render/render_hand.h"

namespace handprop {

ViewTruth RenderSyntheticView(const HandModel& model, const std::vector<HandParams>& world, const std::vector<HandMesh>& meshes,
                              const Camera& camera, const LightRig& world_lights, const SkinMaterial& skin,
                              const cv::Mat& background, VideoWriter& rgb, VideoWriter& masks) {
  const LightRig lights = ToCameraFrame(world_lights, camera.cam_from_world);
  const Rigid3d& cam = camera.cam_from_world;
  ViewTruth truth;
  cv::Mat mask_bgr;
  for (size_t f = 0; f < world.size(); ++f) {
    const HandImage image = RenderHandImage(camera, meshes[f].vertices, model.faces, model.v_template, lights, skin, background);
    rgb.Write(image.colour);
    cv::cvtColor(image.mask, mask_bgr, cv::COLOR_GRAY2BGR);
    masks.Write(mask_bgr);
    truth.params.push_back(TransformHandParams(model, world[f], cam.rotation, cam.translation));
    const KeypointMatrix keypoints = cam * Eigen::Matrix3Xd(meshes[f].keypoints);
    truth.keypoints.push_back(keypoints);
    truth.keypoints_2d.push_back(Project(camera.intrinsics, Eigen::Matrix3Xd(keypoints)));
    truth.mask_pixels.push_back(cv::countNonZero(image.mask));
  }
  return truth;
}

}  // namespace handprop
