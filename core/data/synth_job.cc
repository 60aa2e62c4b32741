// SPDX-License-Identifier: Apache-2.0
#include "core/data/synth_job.h"

#include <chrono>
#include <filesystem>
#include <mutex>

#include "core/data/model_joint_limits.h"
#include "core/data/sparse_labels.h"
#include "core/data/synth_backgrounds.h"
#include "core/data/synth_output.h"
#include "core/data/synth_plan.h"
#include "core/data/synth_view.h"
#include "core/model/hand_model_io.h"
#include "core/render/lights.h"
#include "core/render/skin.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/parallel_for.h"

namespace fs = std::filesystem;

namespace handprop {
namespace {

// The sequence's light rig in world coordinates. RandomLightRig places its lights on one
// camera's side of the hand, so one rig is drawn for camera 0's side and a second one's lights
// are added from the opposite corner of the cube: a hand seen from behind is lit too, as in a
// capture studio, and every view of a frame is lit by the same lights.
LightRig SequenceLights(const SequencePlan& plan, const CameraRigOptions& rig) {
  CameraRigOptions all = rig;
  all.num_cameras = kMaxRigCameras;
  const std::vector<Camera> corners = BuildCubeRig(all);
  LightRig world = ToCameraFrame(RandomLightRig(plan.light_seed), corners[0].cam_from_world.Inverse());
  const LightRig back = ToCameraFrame(RandomLightRig(plan.light_seed ^ 0xB4C4), corners[7].cam_from_world.Inverse());
  world.lights.insert(world.lights.end(), back.lights.begin(), back.lights.end());
  return world;
}

}  // namespace

SynthResult RunSynth(const SynthOptions& options, const SynthProgress& progress) {
  const auto start = std::chrono::steady_clock::now();
  if (const std::string problem = options.Check(); !problem.empty()) throw InputError("synth options: " + problem);

  const HandModel model = LoadHandModelByName(options.model);
  const JointLimits limits = MotionJointLimits(model);
  const std::vector<Subject> subjects = SampleSubjects(options.subjects, options.seed);
  const std::vector<SequencePlan> plans = PlanSequences(options, subjects);
  const std::vector<Camera> cameras = BuildCubeRig(options.rig);
  const SynthBackgrounds backgrounds(options);
  const HandLbs lbs(model);

  const int num_cameras = options.rig.num_cameras;
  const int num_views = static_cast<int>(plans.size()) * num_cameras;
  const std::vector<int> keys = KeyFrameIndices(options.motion.num_frames, options.key_frame_spacing);
  WriteFolderAtomically(options.out, [&](const std::string& temporary) {
    const SynthLayout layout(temporary);
    std::vector<ViewTruth> truths(num_views);
    std::vector<HandMotion> motions(plans.size());
    std::mutex progress_mutex;
    int done = 0;
    ParallelFor(num_views, options.threads, [&](int view) {
      const SequencePlan& plan = plans[view / num_cameras];
      const int camera = view % num_cameras;
      const Subject& subject = subjects[plan.subject];
      // Each view regenerates its sequence's motion (deterministic, ~1 ms) instead of sharing it.
      const HandMotion motion = GenerateHandMotion(model, limits, subject.betas, options.motion, plan.motion_seed);
      std::vector<HandMesh> meshes;
      meshes.reserve(motion.frames.size());
      for (const HandParams& p : motion.frames) meshes.push_back(lbs.Forward(p));
      auto rgb = layout.OpenVideo(plan.name, camera, options);
      auto masks = layout.OpenMasks(plan.name, camera, options);
      truths[view] = RenderSyntheticView(model, motion.frames, meshes, cameras[camera], SequenceLights(plan, options.rig),
                                         RandomSkin(subject.skin_seed), backgrounds.Background(plan, camera), *rgb, *masks);
      rgb->Close();
      masks->Close();
      if (camera == 0) motions[view / num_cameras] = motion;
      std::lock_guard<std::mutex> lock(progress_mutex);
      if (progress) progress(++done, num_views);
    });
    const SynthRun run{options, model, subjects, plans, cameras, motions, truths, keys};
    WriteSynthProjects(run, layout);
    WriteSynthTruthArrays(run, layout);
    WriteSynthManifest(run, layout, backgrounds);
  });

  SynthResult result;
  fs::path out = fs::absolute(options.out).lexically_normal();
  if (!out.has_filename()) out = out.parent_path();
  result.out = out.string();
  result.project_path = SynthLayout(result.out).ProjectPath();
  result.ground_truth_path = SynthLayout(result.out).GroundTruthPath();
  result.sequences = static_cast<int>(plans.size());
  result.views = num_views;
  result.images = num_views * options.motion.num_frames;
  result.labelled_images = num_views * static_cast<int>(keys.size());
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace handprop
