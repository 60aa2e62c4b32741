// SPDX-License-Identifier: Apache-2.0
// Conversions between HandProp's labels and the MANO encodings of FreiHAND and HanCo
// (reference.md §1.4, §1.8, §1.9, §5):
//  - pose offsets: FreiHAND/HanCo store the 48-vector with flat_hand_mean = false, i.e. the
//    articulation as an offset from the model's hands_mean; HandProp keeps absolute poses;
//  - the 61-vector [offsets 48 | betas 10 | u, v | s] of training_mano.json and HanCo's
//    shape/{sid}/cam{c}/{fid}.json: (u, v) is the pixel of keypoint 9 (middle MCP) and
//    s = f-bar / z_root; the mesh is posed, centred on keypoint 9 and moved to the root, so
//    trans = root_cam - keypoint9(pose, betas, trans = 0);
//  - HanCo's world-frame shape/{sid}/{fid}.json {poses, shapes, global_t}: posed with
//    flat_hand_mean = false and no centring, then + global_t, so global_t is HandParams.trans.
// Pure functions; thread-safe. Units: metres, pixels.
#pragma once

#include <Eigen/Core>

#include "core/geometry/camera.h"
#include "core/model/lbs.h"

namespace handprop {

inline constexpr int kManoVectorSize = 61;
using ManoVector = Eigen::Matrix<double, kManoVectorSize, 1>;

// Absolute pose <-> FreiHAND/HanCo offsets (pose_convention.h with flat_hand_mean = false).
PoseVector PoseOffsetsFromAbsolute(const HandModel& model, const PoseVector& absolute);
PoseVector AbsoluteFromPoseOffsets(const HandModel& model, const PoseVector& offsets);

// Camera-frame parameters -> the 61-vector seen through intrinsics `k`. The root (keypoint 9)
// must be in front of the camera (InputError otherwise).
ManoVector ManoVectorFromParams(const HandLbs& lbs, const CameraIntrinsics& k, const HandParams& params);
// The 61-vector -> camera-frame parameters (contra-hand's root decoding, camera.h). s must be
// positive and every value finite (InputError otherwise).
HandParams ParamsFromManoVector(const HandLbs& lbs, const CameraIntrinsics& k, const ManoVector& vector);

// Camera-frame parameters <-> world-frame ones (HanCo shape/{sid}/{fid}.json), rigid motion
// through the camera's cam_from_world (rigid_transform.h).
HandParams WorldParamsFromCamera(const HandModel& model, const Rigid3d& cam_from_world, const HandParams& camera_params);
HandParams CameraParamsFromWorld(const HandModel& model, const Rigid3d& cam_from_world, const HandParams& world_params);

}  // namespace handprop
