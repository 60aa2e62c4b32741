// SPDX-License-Identifier: Apache-2.0
// An in-memory labelled hand dataset: the common ground of the dataset formats (FreiHAND, HanCo,
// HandProp JSON/NPZ), the synthetic generator and the project store's import and export.
//
//   HandDataset
//     views[i]            one camera of one sequence = one video in a project
//       frames[j]         one image: its calibration, where its pixels are, and maybe a label
//         label           the right hand's MANO parameters and 21 keypoints in this camera's frame
//
// Conventions (reference.md §1.4-1.9): poses are *absolute* 48-vectors (pose_convention.h: the
// model's hands_mean already added, so FreiHAND/HanCo offsets are converted on read and write),
// lengths in metres, camera frames in OpenCV's convention (camera.h), keypoints in FreiHAND
// order. World-frame parameters follow from `camera.cam_from_world` (rigid_transform.h, §1.8).
// Only right hands: left hands are flipped images of right ones (reference.md §1.7).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/geometry/camera.h"
#include "core/model/lbs.h"

namespace handprop {

struct HandLabel {
  HandParams params;          // camera frame of the view; meaningful only when has_params
  KeypointMatrix keypoints;   // 3 x 21, camera frame, FreiHAND order
  Eigen::Matrix3Xd vertices;  // 3 x V camera-frame mesh when the source has one, else 3 x 0
  // false: the source gives keypoints (and maybe vertices) but no MANO fit (e.g. FreiHAND's
  // evaluation split, or a HanCo frame with xyz but no shape file); params is then all zero.
  bool has_params = true;
  // HanCo's meta.json `is_valid`: the fit was checked by a person. True for other sources.
  bool is_valid = true;
};

struct ViewFrame {
  int index = 0;                    // frame number within the sequence, 0-based
  Camera camera;                    // this frame's calibration (K, cam_from_world, image size)
  std::string image_path;           // the RGB image, "" when the view's pixels are in a video
  std::string mask_path;            // the hand mask image, "" when none
  std::optional<HandLabel> label;   // none: no label for this frame
};

struct DatasetView {
  std::string sequence;        // sequence name, e.g. "0007" (HanCo sid) or "training" (FreiHAND)
  int camera_index = 0;        // 0-based camera of the sequence
  std::string video_path;      // a video file, or "" when every frame names its image
  double fps = 0.0;            // 0 when unknown (still images)
  int subject_id = -1;         // -1 when unknown
  std::vector<ViewFrame> frames;
};

struct HandDataset {
  std::string name;
  std::vector<DatasetView> views;
};

// Checks what the writers rely on: finite parameters, keypoints and vertices; pinhole K
// (CheckIntrinsicsMatrix); a proper rotation in cam_from_world (CheckRotationMatrix); frame
// indices >= 0 and strictly increasing within a view; non-negative image sizes. Throws
// InputError "<origin>: view V (sequence S, camera C) frame F: <problem>" on the first failure.
void ValidateHandDataset(const HandDataset& dataset, const std::string& origin);

// Number of frames with a label, over all views.
int CountLabels(const HandDataset& dataset);

}  // namespace handprop
