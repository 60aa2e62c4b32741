// SPDX-License-Identifier: Apache-2.0
#include "core/train/project_batch_source.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstring>
#include <opencv2/imgproc.hpp>

#include "core/nn/crop_normalization.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {

std::string ColourJitterOptions::Check() const {
  HP_OPTION_CHECK_GE(brightness, 0.0);
  HP_OPTION_CHECK_LE(brightness, 1.0);
  HP_OPTION_CHECK_GE(contrast, 0.0);
  HP_OPTION_CHECK_LT(contrast, 1.0);
  return {};
}

std::string ProjectBatchOptions::Check() const {
  HP_OPTION_CHECK_NESTED(frames);
  HP_OPTION_CHECK_NESTED(crop_jitter);
  HP_OPTION_CHECK_NESTED(colour_jitter);
  return {};
}

namespace {

const ProjectBatchOptions& Checked(const std::string& project_path, const ProjectBatchOptions& options) {
  if (const std::string problem = options.Check(); !problem.empty()) throw InputError(project_path + ": " + problem);
  return options;
}

}  // namespace

ProjectBatchSource::ProjectBatchSource(const std::string& project_path, const ProjectBatchOptions& options)
    : options_(Checked(project_path, options)), frames_(project_path, options.frames), random_(options.seed) {
  for (const ProjectVideo& video : frames_.videos())
    for (int k : video.key_frames) key_frames_.push_back({video.video_id, k});
}

CropSample ProjectBatchSource::Sample(const FrameRef& ref, bool augment) {
  if (!augment) return frames_.Frame(ref.video_id, ref.frame);
  std::optional<uint64_t> jitter_seed;
  // 53 random bits, the generator's own resolution.
  if (options_.crop_jitter_enabled) jitter_seed = static_cast<uint64_t>(random_.Uniform() * 0x1.0p53);
  CropSample sample = frames_.Frame(ref.video_id, ref.frame, jitter_seed, options_.crop_jitter);
  if (options_.colour_jitter_enabled) {
    const ColourJitterOptions& c = options_.colour_jitter;
    const double gain = 1.0 + random_.Uniform(-c.contrast, c.contrast);
    const double offset = 255.0 * random_.Uniform(-c.brightness, c.brightness);
    cv::Mat jittered;
    sample.crop.convertTo(jittered, CV_8U, gain, 127.5 * (1.0 - gain) + offset);
    sample.crop = jittered;
  }
  return sample;
}

TrainingBatch ProjectBatchSource::NextLabelled(int batch_size) {
  if (batch_size < 1) throw InputError("batch_size = " + std::to_string(batch_size) + " violates batch_size >= 1");
  if (key_frames_.empty()) throw InputError(frames_.project_path() + ": no labelled frame to train on");
  const int count = static_cast<int>(key_frames_.size());
  std::vector<CropSample> samples;
  samples.reserve(batch_size);
  for (int i = 0; i < batch_size; ++i) {
    const int index = std::min(static_cast<int>(random_.Uniform() * count), count - 1);
    samples.push_back(Sample(key_frames_[index], /*augment=*/true));
  }
  return Assemble(samples);
}

void ProjectBatchSource::SkipLabelled(int64_t batches, int batch_size) {
  // The draws of NextLabelled without the decoding: index, jitter seed, gain and offset.
  const int per_sample = 1 + (options_.crop_jitter_enabled ? 1 : 0) + (options_.colour_jitter_enabled ? 2 : 0);
  for (int64_t i = 0; i < batches * batch_size * per_sample; ++i) random_.Uniform();
}

TrainingBatch ProjectBatchSource::Load(const std::vector<FrameRef>& frames, bool augment) {
  if (frames.empty()) throw InputError(frames_.project_path() + ": no frame to load");
  std::vector<CropSample> samples;
  samples.reserve(frames.size());
  for (const FrameRef& ref : frames) samples.push_back(Sample(ref, augment));
  return Assemble(samples);
}

SourceVideos ProjectBatchSource::Videos() const {
  SourceVideos videos;
  for (const ProjectVideo& video : frames_.videos()) videos.video_ids.push_back(video.video_id);
  videos.key_frames = frames_.KeyFrames();
  return videos;
}

TrainingBatch ProjectBatchSource::Assemble(const std::vector<CropSample>& samples) const {
  const int64_t b = static_cast<int64_t>(samples.size());
  const int size = options_.frames.crop.size;
  torch::Tensor rgb = torch::empty({b, size, size, 3}, torch::kUInt8);
  torch::Tensor intrinsics = torch::empty({b, 4}, torch::kFloat32);
  torch::Tensor keypoints = torch::zeros({b, kNumKeypoints, 3}, torch::kFloat32);
  torch::Tensor pose = torch::zeros({b, kPoseDim}, torch::kFloat32);
  torch::Tensor betas = torch::zeros({b, kNumBetas}, torch::kFloat32);
  torch::Tensor labelled = torch::zeros({b}, torch::kBool);
  auto k = intrinsics.accessor<float, 2>();
  auto kp = keypoints.accessor<float, 3>();
  auto po = pose.accessor<float, 2>();
  auto be = betas.accessor<float, 2>();
  auto la = labelled.accessor<bool, 1>();
  TrainingBatch batch;
  const size_t crop_bytes = static_cast<size_t>(size) * size * 3;
  for (int64_t i = 0; i < b; ++i) {
    const CropSample& s = samples[i];
    HP_CHECK(s.crop.rows == size && s.crop.cols == size && s.crop.type() == CV_8UC3, "crop of the wrong shape");
    cv::Mat crop_rgb;
    cv::cvtColor(s.crop, crop_rgb, cv::COLOR_BGR2RGB);  // a new continuous matrix
    std::memcpy(rgb.data_ptr<uint8_t>() + i * crop_bytes, crop_rgb.data, crop_bytes);
    k[i][0] = static_cast<float>(s.intrinsics.fx);
    k[i][1] = static_cast<float>(s.intrinsics.fy);
    k[i][2] = static_cast<float>(s.intrinsics.cx);
    k[i][3] = static_cast<float>(s.intrinsics.cy);
    la[i] = s.labelled;
    if (s.labelled) {
      for (int j = 0; j < kNumKeypoints; ++j)
        for (int c = 0; c < 3; ++c) kp[i][j][c] = static_cast<float>(s.keypoints(c, j));
      for (int j = 0; j < kPoseDim; ++j) po[i][j] = static_cast<float>(s.params.pose(j));
      for (int j = 0; j < kNumBetas; ++j) be[i][j] = static_cast<float>(s.params.betas(j));
    }
    batch.video_ids.push_back(s.video_id);
    batch.frames.push_back(s.frame);
  }
  batch.images = NormalizeCrops(rgb);
  batch.intrinsics = intrinsics;
  batch.keypoints = keypoints;
  batch.pose = pose;
  batch.betas = betas;
  batch.labelled = labelled;
  return batch;
}

}  // namespace handprop
