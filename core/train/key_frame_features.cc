// SPDX-License-Identifier: Apache-2.0
#include "core/train/key_frame_features.h"

#include <torch/torch.h>

#include <algorithm>
#include <string>

#include "core/nn/hand_predictor.h"
#include "core/util/error.h"

namespace handprop {

KeyFrameFeatures::KeyFrameFeatures(BatchSource& source, const SourceVideos& videos, HandPredictorImpl& predictor,
                                   const c10::Device& device, int batch) {
  std::vector<FrameRef> all;
  for (size_t v = 0; v < videos.key_frames.size(); ++v) {
    first_row_.push_back(static_cast<int64_t>(all.size()));
    key_frames_.push_back(videos.key_frames[v].key_frames);
    for (int k : videos.key_frames[v].key_frames) all.push_back({videos.video_ids[v], k});
  }
  std::vector<torch::Tensor> features, root, pose, betas;
  torch::NoGradGuard frozen;
  for (size_t begin = 0; begin < all.size(); begin += static_cast<size_t>(batch)) {
    const std::vector<FrameRef> refs(all.begin() + begin, all.begin() + std::min(all.size(), begin + batch));
    const TrainingBatch loaded = source.LoadFrames(refs);
    if (!loaded.labelled.defined() || loaded.labelled.size(0) != static_cast<int64_t>(refs.size()) ||
        !loaded.labelled.all().item<bool>())
      throw RuntimeError("batch source: LoadFrames lost the label of a key frame");
    features.push_back(predictor.Encode(loaded.images.to(device, torch::kFloat)).concatenated);
    root.push_back(loaded.keypoints.to(device, torch::kFloat).select(1, 0));
    pose.push_back(loaded.pose.to(device, torch::kFloat));
    betas.push_back(loaded.betas.to(device, torch::kFloat));
  }
  features_ = torch::cat(features);
  root_ = torch::cat(root);
  pose_ = torch::cat(pose);
  betas_ = torch::cat(betas);
}

at::Tensor KeyFrameFeatures::Rows(const std::vector<FramePair>& pairs, bool partner) const {
  std::vector<int64_t> rows;
  rows.reserve(pairs.size());
  for (const FramePair& p : pairs) {
    const std::vector<int>& keys = key_frames_[p.video];
    const int frame = partner ? p.b : p.a;
    const auto it = std::lower_bound(keys.begin(), keys.end(), frame);
    if (it == keys.end() || *it != frame)
      throw RuntimeError("stage 2: frame " + std::to_string(frame) + " of video " + std::to_string(p.video) +
                         " is not a key frame");
    rows.push_back(first_row_[p.video] + (it - keys.begin()));
  }
  return torch::tensor(rows, torch::kLong).to(features_.device());
}

RootedHand KeyFrameFeatures::Labels(const at::Tensor& rows) const {
  return {root_.index({rows}), pose_.index({rows}), betas_.index({rows})};
}

}  // namespace handprop
