// SPDX-License-Identifier: Apache-2.0
// synth.json: how the dataset was made, for people and for the jobs that use it (the split of
// each sequence, its subject, backgrounds and gestures). Written atomically.
#include <nlohmann/json.hpp>

#include "core/data/synth_backgrounds.h"
#include "core/data/synth_output.h"
#include "core/render/skin.h"
#include "core/util/atomic_file.h"
#include "core/util/version.h"

namespace handprop {
namespace {

using nlohmann::json;

json Vector(const Eigen::VectorXd& v) { return std::vector<double>(v.data(), v.data() + v.size()); }

json OptionsJson(const SynthOptions& o) {
  return {{"model", o.model},
          {"seed", o.seed},
          {"num_train_sequences", o.num_train_sequences},
          {"num_test_sequences", o.num_test_sequences},
          {"num_train_subjects", o.subjects.num_train_subjects},
          {"num_test_subjects", o.subjects.num_test_subjects},
          {"betas_stddev", o.subjects.betas_stddev},
          {"num_cameras", o.rig.num_cameras},
          {"image_size", o.rig.image_size},
          {"cube_edge_m", o.rig.cube_edge},
          {"focal_scale", o.rig.focal_scale},
          {"num_frames", o.motion.num_frames},
          {"fps", o.motion.fps},
          {"speed", o.motion.speed},
          {"gesture_rate_hz", o.motion.gesture_rate_hz},
          {"gesture_duration_s", o.motion.gesture_duration_s},
          {"key_frame_spacing", o.key_frame_spacing},
          {"video_format", SynthVideoFormatName(o.video_format)},
          {"backgrounds", o.backgrounds.empty() ? "procedural" : o.backgrounds},
          {"num_train_backgrounds", o.num_train_backgrounds},
          {"num_test_backgrounds", o.num_test_backgrounds}};
}

}  // namespace

void WriteSynthManifest(const SynthRun& run, const SynthLayout& layout, const SynthBackgrounds& backgrounds) {
  json subjects = json::array();
  for (const Subject& s : run.subjects) {
    const SkinMaterial skin = RandomSkin(s.skin_seed);
    subjects.push_back({{"id", s.id}, {"split", s.test ? "test" : "train"}, {"betas", Vector(s.betas)},
                        {"skin_srgb", Vector(skin.albedo_srgb)}});
  }
  json cameras = json::array();
  for (const Camera& camera : run.cameras) {
    const Eigen::Matrix4d m = camera.cam_from_world.ToMatrix();
    const Eigen::Matrix3d k = camera.intrinsics.Matrix();
    json rows_m = json::array(), rows_k = json::array();
    for (int r = 0; r < 4; ++r) rows_m.push_back({m(r, 0), m(r, 1), m(r, 2), m(r, 3)});
    for (int r = 0; r < 3; ++r) rows_k.push_back({k(r, 0), k(r, 1), k(r, 2)});
    cameras.push_back({{"K", rows_k}, {"cam_from_world", rows_m}, {"width", camera.width}, {"height", camera.height}});
  }
  json sequences = json::array();
  const double fps = run.options.motion.fps;
  for (size_t s = 0; s < run.plans.size(); ++s) {
    const SequencePlan& plan = run.plans[s];
    json views = json::array();
    for (int c = 0; c < run.options.rig.num_cameras; ++c)
      views.push_back({{"camera", c},
                       {"video", "videos/" + layout.ViewName(plan.name, c) + (run.options.video_format == SynthVideoFormat::kMp4 ? ".mp4" : "")},
                       {"masks", "masks/" + layout.ViewName(plan.name, c)},
                       {"background", backgrounds.Describe(plan, c)}});
    json gestures = json::array();
    for (const GestureEvent& g : run.motions[s].gestures) {
      // The frames the gesture really changes (its weight or swing is non-zero there); a
      // gesture shorter than a frame interval may touch none and is left out.
      int first = -1, last = -1;
      for (int f = 0; f < run.options.motion.num_frames; ++f) {
        const double t = f / fps;
        if (GestureWeight(g, t) == 0.0 && WaveAngle(g, t) == 0.0) continue;
        if (first < 0) first = f;
        last = f;
      }
      if (first >= 0) gestures.push_back({{"kind", GestureKindName(g.kind)}, {"first_frame", first}, {"last_frame", last}});
    }
    sequences.push_back({{"name", plan.name}, {"split", SplitName(plan.split)}, {"subject", run.subjects[plan.subject].id},
                         {"views", views}, {"gestures", gestures}});
  }
  const json manifest = {{"format", "handprop-synth"},
                         {"version", 1},
                         {"handprop_version", kVersion},
                         {"options", OptionsJson(run.options)},
                         {"key_frames", run.key_frames},
                         {"neighbour_cameras_share_a_cube_edge", true},
                         {"project", "project.hpj"},
                         {"ground_truth", {"ground_truth.hpj", "ground_truth.npz"}},
                         {"cameras", cameras},
                         {"subjects", subjects},
                         {"sequences", sequences}};
  WriteFileAtomically(layout.ManifestPath(), manifest.dump(2) + "\n");
}

}  // namespace handprop
