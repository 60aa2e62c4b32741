// SPDX-License-Identifier: Apache-2.0
// Options of the `handprop` subcommands, one plain struct per (sub)command with documented defaults and
// a Check() that names the violated constraint (tests pin that the defaults are valid).
#pragma once

#include <string>

#include "core/model/pose_convention.h"

namespace handprop::cli {

// `handprop model info MODEL`
struct ModelInfoOptions {
  std::string model = "openhand";  // "openhand" or a model file (.npz)
  bool json = false;               // print the facts as JSON instead of text
  std::string Check() const;
};

// `handprop model export --model M --out F.npz`
struct ModelExportOptions {
  std::string model = "openhand";
  std::string out = "openhand_right.npz";  // written in MANO's array layout
  std::string Check() const;
};

// `handprop model pose --model M [--params F.json] [--pose P] [--shape B] [--trans T] --out mesh.EXT`
// pose/shape/trans are "v1,v2,..." or a JSON file (a list, or an object with keys pose/shape/trans).
struct ModelPoseOptions {
  std::string model = "openhand";
  std::string params;       // JSON file with any of "pose", "shape", "trans"; flags override it
  std::string pose;         // convention.InputSize() values; empty: zeros (the mean pose unless flat_hand_mean)
  std::string shape;        // 10 betas; empty: zeros
  std::string trans;        // 3 values in metres; empty: zeros
  PoseConvention convention;
  std::string out = "hand.obj";  // .obj, .ply, .glb or .json
  std::string Check() const;
};

// `handprop demo`
struct DemoOptions {
  std::string model = "openhand";         // the hand model to demonstrate
  std::string out_dir = "handprop-demo";  // where the posed meshes, the project and the model go
  std::string preset = "demo";            // the synthetic project (core/data/synth_options.h)
  // The brief training of the propagation networks (a few minutes on 2 cores; docs/benchmarks.md).
  int64_t stage1_steps = 600;
  int64_t stage2_steps = 200;
  int64_t stage3_steps = 600;
  int crop_size = 64;                     // the demo frames are 128 px; the hand spans about half
  double learning_rate = 1e-4;
  std::string device = "auto";
  std::string Check() const;
};

}  // namespace handprop::cli
