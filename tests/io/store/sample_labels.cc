// SPDX-License-Identifier: Apache-2.0
#include "tests/io/store/sample_labels.h"

#include <Eigen/Geometry>
#include <random>

namespace handprop::testing {

VideoRecord SampleVideo(const std::string& path, const std::string& sequence, int camera_index, int frames) {
  VideoRecord v;
  v.path = path;
  v.content_hash = "sha256:0f1e2d3c";
  v.fps = 29.97;
  v.width = 640;
  v.height = 480;
  v.frame_count = frames;
  v.sequence = sequence;
  v.camera_index = camera_index;
  v.subject_id = 7;
  v.intrinsics = {612.5, 611.25, 319.75, 241.125};
  v.cam_from_world.rotation = Eigen::AngleAxisd(0.3 + camera_index, Eigen::Vector3d(1, 2, 3).normalized()).toRotationMatrix();
  v.cam_from_world.translation = Eigen::Vector3d(0.1, -0.2, 0.7 + 0.01 * camera_index);
  return v;
}

LabelRecord SampleLabel(int64_t video_id, int frame_index, int64_t hand_id, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  LabelRecord label;
  label.video_id = video_id;
  label.frame_index = frame_index;
  label.hand_id = hand_id;
  for (int i = 0; i < kPoseDim; ++i) label.params.pose[i] = 0.3 * normal(rng);
  for (int i = 0; i < kNumBetas; ++i) label.params.betas[i] = normal(rng);
  label.params.trans = Eigen::Vector3d(0.05 * normal(rng), 0.05 * normal(rng), 0.5 + 0.1 * unit(rng));
  for (int k = 0; k < kNumKeypoints; ++k)
    label.keypoints.col(k) = label.params.trans + 0.08 * Eigen::Vector3d(normal(rng), normal(rng), normal(rng));
  for (int k = 0; k < kNumKeypoints; ++k) label.confidence[k] = unit(rng);
  label.provenance = static_cast<Provenance>(seed % kNumProvenances);
  if (label.provenance == Provenance::kPropagated || label.provenance == Provenance::kPredicted)
    label.model_id = "pose-align@" + std::to_string(seed % 97);
  if (label.provenance == Provenance::kPropagated || label.provenance == Provenance::kInterpolated)
    label.source_frames = {static_cast<int>(seed % 13), static_cast<int>(seed % 13) + 40};
  label.author = "annotator-" + std::to_string(seed % 5);
  return label;
}

SampleProject CreateSampleProject(const std::string& path, int frames) {
  ProjectStore store = ProjectStore::Create(path, {"sample", ProjectRole::kProject, 0, ""});
  SampleProject project;
  project.video_id = store.AddVideo(SampleVideo("videos/seq_cam0.mp4", "seq", 0, frames));
  project.hand_id = store.AddHand({0, "seq", HandSide::kRight, "right"});
  return project;
}

}  // namespace handprop::testing
