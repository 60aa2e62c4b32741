// SPDX-License-Identifier: Apache-2.0
#include "core/io/formats/mano_vector.h"

#include "core/model/pose_convention.h"
#include "core/model/rigid_transform.h"
#include "core/util/error.h"

namespace handprop {
namespace {

constexpr int kRootKeypoint = 9;  // middle MCP, FreiHAND order
const PoseConvention kOffsetConvention{/*flat_hand_mean=*/false, /*num_pca=*/0};

}  // namespace

PoseVector PoseOffsetsFromAbsolute(const HandModel& model, const PoseVector& absolute) {
  return ConventionPose(model, absolute, kOffsetConvention);
}

PoseVector AbsoluteFromPoseOffsets(const HandModel& model, const PoseVector& offsets) {
  return AbsolutePose(model, offsets, kOffsetConvention);
}

ManoVector ManoVectorFromParams(const HandLbs& lbs, const CameraIntrinsics& k, const HandParams& params) {
  const Eigen::Vector3d root = lbs.Forward(params).keypoints.col(kRootKeypoint);
  if (!InFront(root))
    throw InputError(detail::Concat("the root keypoint is at z = ", root.z(), " m, not in front of the camera"));
  ManoVector out;
  out.head<kPoseDim>() = PoseOffsetsFromAbsolute(lbs.model(), params.pose);
  out.segment<kNumBetas>(kPoseDim) = params.betas;
  out.tail<3>() = UvScaleFromRoot(k, root);
  return out;
}

HandParams ParamsFromManoVector(const HandLbs& lbs, const CameraIntrinsics& k, const ManoVector& vector) {
  if (!vector.allFinite()) throw InputError("the 61-vector has a non-finite value");
  if (!(vector(kManoVectorSize - 1) > 0.0))
    throw InputError(detail::Concat("the 61-vector's scale s = ", vector(kManoVectorSize - 1), " is not positive"));
  HandParams out;
  out.pose = AbsoluteFromPoseOffsets(lbs.model(), vector.head<kPoseDim>());
  out.betas = vector.segment<kNumBetas>(kPoseDim);
  const Eigen::Vector3d root = RootFromUvScale(k, vector.tail<3>());
  const Eigen::Vector3d centred = lbs.Forward(out.pose, out.betas, Eigen::Vector3d::Zero()).keypoints.col(kRootKeypoint);
  out.trans = root - centred;
  return out;
}

HandParams WorldParamsFromCamera(const HandModel& model, const Rigid3d& cam_from_world, const HandParams& camera_params) {
  const Rigid3d world_from_cam = cam_from_world.Inverse();
  return TransformHandParams(model, camera_params, world_from_cam.rotation, world_from_cam.translation);
}

HandParams CameraParamsFromWorld(const HandModel& model, const Rigid3d& cam_from_world, const HandParams& world_params) {
  return TransformHandParams(model, world_params, cam_from_world.rotation, cam_from_world.translation);
}

}  // namespace handprop
