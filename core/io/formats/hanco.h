// SPDX-License-Identifier: Apache-2.0
// HanCo layout (reference.md §5.2, docs/formats.md), under one root:
//   rgb/{sid:04d}/cam{c}/{fid:08d}.jpg        images; define the sequences, cameras and frames
//   mask_hand/{sid:04d}/cam{c}/{fid:08d}.jpg  hand masks (optional)
//   calib/{sid:04d}/{fid:08d}.json            {"K": C x 3x3, "M": C x 4x4 world -> camera}
//   shape/{sid:04d}/{fid:08d}.json            world MANO {"poses" 1x48 offsets, "shapes" 1x10,
//                                             "global_t" 1x3}: flat_hand_mean = false, no centring
//   shape/{sid:04d}/cam{c}/{fid:08d}.json     the camera's 61-vector (mano_vector.h), optional
//   xyz/{sid:04d}/{fid:08d}.json              21 x 3 world keypoints
//   meta.json                                 per-sequence, per-frame lists indexed [sid][fid]:
//                                             is_train, subject_id, is_valid, object_id, has_fit
// HandProp maps one (sequence, camera) to one DatasetView (sequence = "0007", camera_index = c).
// Errors: InputError naming the file first; writers write images first, JSON files last.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/io/formats/frame_images.h"
#include "core/io/formats/hand_dataset.h"
#include "core/io/formats/json_io.h"
#include "core/model/hand_model.h"

namespace handprop {

struct HanCoReadOptions {
  std::vector<int> sequences;                          // sids to read; empty: every folder in rgb/
  std::vector<int> cameras = {0, 1, 2, 3, 4, 5, 6, 7};  // cameras to read where present
  bool require_fit = false;                            // skip sequences with a frame lacking shape/
  int default_image_size = 224;                        // when calib has no "image_size" (HanCo's)
  uint64_t max_file_bytes = kDefaultMaxFileBytes;
  std::string Check() const;
};

// Labels: params from shape/{sid}/{fid}.json taken into each camera frame; keypoints from
// xyz/{sid}/{fid}.json (world -> camera) when present, else posed from the params (so when a fit
// and xyz disagree, the params stay the fit's and the keypoints the xyz file's); a frame with xyz
// but no shape gets a keypoint-only label (has_params = false). meta.json, when present, gives
// subject_id and is_valid.
HandDataset ReadHanCo(const std::string& root, const HandModel& model, const HanCoReadOptions& options = {});

struct HanCoWriteOptions {
  bool write_camera_shape = true;  // also shape/{sid}/cam{c}/{fid}.json (61-vectors)
  int jpeg_quality = 95;
  std::string Check() const;
};

// Views are grouped by sequence; sequence names must be decimal sids ("7" or "0007"), the
// cameras of a sequence must be 0..C-1 (once each) and share frame indices. A frame's world
// label comes from the lowest camera that has one; the others must agree within 1e-6 m
// (InputError naming sequence and frame). Returns the number of images written.
int WriteHanCo(const HandDataset& dataset, const HandModel& model, const std::string& root,
               const HanCoWriteOptions& options = {}, const FrameImageSource& images = DefaultFrameImageSource());

// Path pieces: "0007", "00000042", "<root>/rgb/0007/cam3/00000042.jpg".
std::string HanCoSequenceName(int sid);
std::string HanCoFrameName(int fid);
std::string HanCoCameraFile(const std::string& root, const std::string& kind, int sid, int camera, int fid,
                            const std::string& extension);
std::string HanCoFrameFile(const std::string& root, const std::string& kind, int sid, int fid);

}  // namespace handprop
