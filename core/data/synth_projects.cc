// SPDX-License-Identifier: Apache-2.0
// The synthetic dataset as HandDatasets, imported into the project and the ground-truth store.
#include <algorithm>
#include <cstdio>

#include "core/data/synth_output.h"
#include "core/io/formats/hand_dataset.h"
#include "core/io/project_io/dataset_import.h"

namespace handprop {

HandDataset SynthDataset(const SynthRun& run, const SynthLayout& layout, bool key_frames_only) {
  const int num_cameras = run.options.rig.num_cameras;
  HandDataset dataset;
  dataset.name = "synth";
  for (size_t s = 0; s < run.plans.size(); ++s) {
    const SequencePlan& plan = run.plans[s];
    for (int c = 0; c < num_cameras; ++c) {
      const ViewTruth& truth = run.truths[s * num_cameras + c];
      DatasetView view;
      view.sequence = plan.name;
      view.camera_index = c;
      view.fps = run.options.motion.fps;
      view.subject_id = run.subjects[plan.subject].id;
      std::string video = layout.VideoPath(plan.name, c, run.options.video_format);
      if (video.back() == '/') video.pop_back();
      view.video_path = video;
      char mask[32];
      for (int f = 0; f < static_cast<int>(truth.params.size()); ++f) {
        ViewFrame frame;
        frame.index = f;
        frame.camera = run.cameras[c];
        std::snprintf(mask, sizeof(mask), "%06d.png", f);
        frame.mask_path = layout.MaskFolder(plan.name, c) + mask;
        const bool key = std::binary_search(run.key_frames.begin(), run.key_frames.end(), f);
        if (key || !key_frames_only) {
          HandLabel label;
          label.params = truth.params[f];
          label.keypoints = truth.keypoints[f];
          frame.label = label;
        }
        view.frames.push_back(frame);
      }
      dataset.views.push_back(std::move(view));
    }
  }
  return dataset;
}

void WriteSynthProjects(const SynthRun& run, const SynthLayout& layout) {
  DatasetImportOptions import;
  import.author = "synth";
  ProjectMeta meta;
  meta.name = "synthetic hands";
  // Generated rows carry one fixed time, 2000-01-01T00:00:00Z, so that the same seed gives the
  // same bytes; edits made later by people get real times.
  StoreOpenOptions open;
  open.fixed_time_ms = 946684800000;
  {
    ProjectStore project = ProjectStore::Create(layout.ProjectPath(), meta, open);
    ImportDataset(project, SynthDataset(run, layout, true), import);
  }
  meta.name = "synthetic hands: ground truth";
  meta.role = ProjectRole::kGroundTruth;
  ProjectStore truth = ProjectStore::Create(layout.GroundTruthPath(), meta, open);
  ImportDataset(truth, SynthDataset(run, layout, false), import);
}

}  // namespace handprop
