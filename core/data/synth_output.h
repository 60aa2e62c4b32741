// SPDX-License-Identifier: Apache-2.0
// The files of a synthetic dataset (layout in synth_job.h) and the steps that write them once
// every view is rendered.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/data/hand_motion.h"
#include "core/data/subjects.h"
#include "core/data/synth_options.h"
#include "core/data/synth_plan.h"
#include "core/data/synth_view.h"
#include "core/geometry/camera.h"
#include "core/io/video/video_writer.h"

namespace handprop {

class SynthBackgrounds;
struct HandDataset;

// Paths inside a dataset folder.
class SynthLayout {
 public:
  explicit SynthLayout(std::string root) : root_(std::move(root)) {}
  std::string ProjectPath() const { return root_ + "/project.hpj"; }
  std::string GroundTruthPath() const { return root_ + "/ground_truth.hpj"; }
  std::string TruthArraysPath() const { return root_ + "/ground_truth.npz"; }
  std::string ManifestPath() const { return root_ + "/synth.json"; }
  std::string ViewName(const std::string& sequence, int camera) const { return sequence + "_cam" + std::to_string(camera); }
  std::string VideoPath(const std::string& sequence, int camera, SynthVideoFormat format) const;
  std::string MaskFolder(const std::string& sequence, int camera) const;

  std::unique_ptr<VideoWriter> OpenVideo(const std::string& sequence, int camera, const SynthOptions& options) const;
  std::unique_ptr<VideoWriter> OpenMasks(const std::string& sequence, int camera, const SynthOptions& options) const;

 private:
  std::string root_;
};

// Everything the output steps need, owned by RunSynth.
struct SynthRun {
  const SynthOptions& options;
  const HandModel& model;
  const std::vector<Subject>& subjects;
  const std::vector<SequencePlan>& plans;
  const std::vector<Camera>& cameras;
  const std::vector<HandMotion>& motions;  // per sequence, world frame
  const std::vector<ViewTruth>& truths;    // per view = sequence * num_cameras + camera
  const std::vector<int>& key_frames;
};

// The views with every frame labelled (ground truth) or only the key frames (the project).
HandDataset SynthDataset(const SynthRun& run, const SynthLayout& layout, bool key_frames_only);

// project.hpj (key frames) and ground_truth.hpj (every frame).
void WriteSynthProjects(const SynthRun& run, const SynthLayout& layout);
// ground_truth.npz.
void WriteSynthTruthArrays(const SynthRun& run, const SynthLayout& layout);
// synth.json.
void WriteSynthManifest(const SynthRun& run, const SynthLayout& layout, const SynthBackgrounds& backgrounds);

}  // namespace handprop
