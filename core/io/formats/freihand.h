// SPDX-License-Identifier: Apache-2.0
// FreiHAND v2 layout (reference.md §5.1, docs/formats.md):
//   <folder>/<split>_K.json      N x 3x3 intrinsics (camera frame = the label's frame)
//   <folder>/<split>_xyz.json    N x 21x3 keypoints, metres, FreiHAND order
//   <folder>/<split>_mano.json   N x 1x61 MANO vectors (mano_vector.h)
//   <folder>/<split>_verts.json  N x 778x3 vertices (optional)
//   <folder>/<split>_scale.json  N numbers |xyz9 - xyz10| (written; ignored on read)
//   <folder>/<split>/rgb/%08d.jpg  image id = sample + N * variant (0 gs, 1 hom, 2 sample, 3 auto)
//   <folder>/<split>/mask/%08d.jpg hand masks (training only in the original)
// FreiHAND is a flat list of independent 224 x 224 samples: one view, no world frame, no video.
// Readers and writers throw InputError (bad input, one line naming the file) or RuntimeError.
#pragma once

#include <cstdint>
#include <string>

#include "core/io/formats/frame_images.h"
#include "core/io/formats/hand_dataset.h"
#include "core/io/formats/json_io.h"
#include "core/model/hand_model.h"

namespace handprop {

struct FreiHandReadOptions {
  std::string split = "training";  // the file prefix: "training" or "evaluation"
  int image_variant = 0;           // 0..3: which of the 4 rendered backgrounds image_path names
  uint64_t max_file_bytes = kDefaultMaxFileBytes;  // larger annotation files are refused up front
  std::string Check() const;
};

// One view (sequence = split, camera 0) with one frame per sample in file order, each with its
// K (224 x 224, identity cam_from_world), image_path, mask_path (when the mask file exists) and a
// label when _mano.json or _xyz.json exists: params from _mano.json (has_params = false when
// it is absent), keypoints from _xyz.json (else posed from params), vertices from _verts.json.
HandDataset ReadFreiHand(const std::string& folder, const HandModel& model, const FreiHandReadOptions& options = {});

struct FreiHandWriteOptions {
  std::string split = "training";
  bool write_vertices = false;  // also <split>_verts.json (the label's vertices, else posed)
  int jpeg_quality = 95;        // 0..100
  std::string Check() const;
};

// Writes every labelled frame of every view, views in order then frames in order, as samples
// 0..N-1 (image variant 0 only). Images are written as the source gives them (FreiHAND's are
// 224 x 224; other sizes are kept). _mano.json is written when every label has params (none:
// skipped; some: InputError). The JSON files are written last, after every image, so a failing
// image source leaves an older export's annotation files untouched. Returns the sample count.
int WriteFreiHand(const HandDataset& dataset, const HandModel& model, const std::string& folder,
                  const FreiHandWriteOptions& options = {}, const FrameImageSource& images = DefaultFrameImageSource());

// "<folder>/<split>/rgb/00000042.jpg" style paths.
std::string FreiHandImagePath(const std::string& folder, const std::string& split, int64_t image_id);
std::string FreiHandMaskPath(const std::string& folder, const std::string& split, int64_t sample);

}  // namespace handprop
