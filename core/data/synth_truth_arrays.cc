// SPDX-License-Identifier: Apache-2.0
// ground_truth.npz: one row per (view, frame), views in sequence-then-camera order, frames in
// order. docs/synthetic-data.md lists the arrays; all lengths in metres, angles in radians
// (absolute axis-angle pose, core/model/pose_convention.h), pixels in camera.h's convention.
#include <algorithm>

#include "core/data/synth_output.h"
#include "core/util/npz.h"

namespace handprop {
namespace {

// Appends the column-major values of an Eigen matrix (a point set 3 x N becomes N rows of xyz).
template <typename M>
void Append(std::vector<double>* out, const M& m) {
  for (Eigen::Index c = 0; c < m.cols(); ++c)
    for (Eigen::Index r = 0; r < m.rows(); ++r) out->push_back(m(r, c));
}

template <typename M>
void AppendRowMajor(std::vector<double>* out, const M& m) {
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c) out->push_back(m(r, c));
}

}  // namespace

void WriteSynthTruthArrays(const SynthRun& run, const SynthLayout& layout) {
  const int num_cameras = run.options.rig.num_cameras;
  std::vector<double> pose_world, trans_world, pose_cam, trans_cam, betas, k, cam_from_world, kp3_cam, kp3_world, kp2;
  std::vector<int32_t> sequence, camera, frame, key, split, subject, mask_pixels;
  for (size_t s = 0; s < run.plans.size(); ++s) {
    for (int c = 0; c < num_cameras; ++c) {
      const ViewTruth& truth = run.truths[s * num_cameras + c];
      const Camera& cam = run.cameras[c];
      for (size_t f = 0; f < truth.params.size(); ++f) {
        const HandParams& world = run.motions[s].frames[f];
        Append(&pose_world, world.pose);
        Append(&trans_world, world.trans);
        Append(&betas, world.betas);
        Append(&pose_cam, truth.params[f].pose);
        Append(&trans_cam, truth.params[f].trans);
        AppendRowMajor(&k, cam.intrinsics.Matrix());
        AppendRowMajor(&cam_from_world, cam.cam_from_world.ToMatrix());
        Append(&kp3_cam, truth.keypoints[f]);
        Append(&kp3_world, cam.cam_from_world.Inverse() * Eigen::Matrix3Xd(truth.keypoints[f]));
        Append(&kp2, truth.keypoints_2d[f]);
        sequence.push_back(static_cast<int32_t>(s));
        camera.push_back(c);
        frame.push_back(static_cast<int32_t>(f));
        key.push_back(std::binary_search(run.key_frames.begin(), run.key_frames.end(), static_cast<int>(f)) ? 1 : 0);
        split.push_back(run.plans[s].split == Split::kTest ? 1 : 0);
        subject.push_back(run.subjects[run.plans[s].subject].id);
        mask_pixels.push_back(truth.mask_pixels[f]);
      }
    }
  }
  const int64_t n = static_cast<int64_t>(sequence.size());
  NpzArchive npz;
  npz["pose_world"] = NpyArray::FromDoubles(pose_world, {n, kPoseDim});
  npz["trans_world"] = NpyArray::FromDoubles(trans_world, {n, 3});
  npz["betas"] = NpyArray::FromDoubles(betas, {n, kNumBetas});
  npz["pose_cam"] = NpyArray::FromDoubles(pose_cam, {n, kPoseDim});
  npz["trans_cam"] = NpyArray::FromDoubles(trans_cam, {n, 3});
  npz["K"] = NpyArray::FromDoubles(k, {n, 3, 3});
  npz["cam_from_world"] = NpyArray::FromDoubles(cam_from_world, {n, 4, 4});
  npz["keypoints3d_cam"] = NpyArray::FromDoubles(kp3_cam, {n, kNumKeypoints, 3});
  npz["keypoints3d_world"] = NpyArray::FromDoubles(kp3_world, {n, kNumKeypoints, 3});
  npz["keypoints2d"] = NpyArray::FromDoubles(kp2, {n, kNumKeypoints, 2});
  npz["sequence"] = NpyArray::FromInt32(sequence, {n});
  npz["camera"] = NpyArray::FromInt32(camera, {n});
  npz["frame"] = NpyArray::FromInt32(frame, {n});
  npz["key_frame"] = NpyArray::FromInt32(key, {n});
  npz["test_split"] = NpyArray::FromInt32(split, {n});
  npz["subject"] = NpyArray::FromInt32(subject, {n});
  npz["mask_pixels"] = NpyArray::FromInt32(mask_pixels, {n});
  WriteNpz(layout.TruthArraysPath(), npz);
}

}  // namespace handprop
