// SPDX-License-Identifier: Apache-2.0
// Options of the Single-frame Hand Predictor (seed 003 §II-B, §IV; reference.md §2.1), with the
// defaults documented in docs/networks.md. Plain data; Check() names the violated constraint.
#pragma once

#include <string>

namespace handprop {

struct HandPredictorOptions {
  // Side of the square RGB crop in pixels (B x 3 x crop_size x crop_size). >= 32 so that
  // ResNet-18's last stage keeps at least one cell.
  int crop_size = 128;
  // Pose PCA coefficients predicted by the MANO branch (Hasson: 15), 1..45 and at most the
  // hand model's component count (checked when the predictor is built).
  int num_pca = 15;
  // Hidden width of the MANO branch's two Linear+ReLU layers (Hasson: [512, 512]).
  int mano_hidden = 512;
  // Hidden width of the root branch's Linear+ReLU layer (Hasson's AbsoluteBranch: 256).
  int root_hidden = 256;
  // Dropout before each hidden layer of both branches, in [0, 1); Hasson's default is 0.
  double dropout = 0.0;

  // Root recovery from the branch's raw (s, du, dv) (docs/networks.md "Root branch"):
  //   Z = fx * s * depth_factor + depth_offset                     (metres)
  //   u = c + du * uv_factor * crop_size,  v = c + dv * uv_factor * crop_size,  c = (crop_size - 1) / 2
  //   X = (u - cx) Z / fx,  Y = (v - cy) Z / fy
  double depth_factor = 1e-3;  // metres per (focal pixel x unit of s); Hasson: 1e-4 on full frames
  double depth_offset = 0.4;   // metres, Hasson's off_z
  double uv_factor = 0.25;     // fraction of the crop side per unit of du, dv

  std::string Check() const;
};

}  // namespace handprop
