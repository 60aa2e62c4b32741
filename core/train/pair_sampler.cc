// SPDX-License-Identifier: Apache-2.0
#include "core/train/pair_sampler.h"

#include <algorithm>
#include <cstdlib>

#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {

std::string PairSamplerOptions::Check() const {
  HP_OPTION_CHECK_GE(unlabelled_probability, 0.0);
  HP_OPTION_CHECK_LE(unlabelled_probability, 1.0);
  HP_OPTION_CHECK_GE(max_gap, 2);  // |b - a| < 2 still leaves the immediate neighbours
  HP_OPTION_CHECK_GE(top_k, 1);
  return {};
}

PairSampler::PairSampler(std::vector<VideoKeyFrames> videos, const PairSamplerOptions& options)
    : videos_(std::move(videos)), options_(options), random_(options.seed) {
  if (const std::string problem = options.Check(); !problem.empty()) throw InputError("pair sampler: " + problem);
  key_offsets_.push_back(0);
  for (size_t v = 0; v < videos_.size(); ++v) {
    const VideoKeyFrames& video = videos_[v];
    const std::string name = "pair sampler: video " + std::to_string(v);
    if (video.num_frames < 1) throw InputError(name + " has " + std::to_string(video.num_frames) + " frames");
    for (size_t i = 0; i < video.key_frames.size(); ++i) {
      const int k = video.key_frames[i];
      if (k < 0 || k >= video.num_frames)
        throw InputError(name + ": key frame " + std::to_string(k) + " outside [0, " + std::to_string(video.num_frames) + ")");
      if (i > 0 && k <= video.key_frames[i - 1]) throw InputError(name + ": key frames are not strictly increasing");
    }
    key_offsets_.push_back(key_offsets_.back() + static_cast<int64_t>(video.key_frames.size()));
  }
  if (key_offsets_.back() == 0) throw InputError("pair sampler: no video has a key frame");
}

int PairSampler::UniformIndex(int count) {
  const int i = static_cast<int>(random_.Uniform() * count);
  return std::min(i, count - 1);
}

std::vector<int> PairSampler::TopNearestKeyFrames(int video, int a) const {
  std::vector<int> keys = videos_.at(video).key_frames;
  // Stable by frame index, so equal distances keep the earlier frame first.
  std::stable_sort(keys.begin(), keys.end(), [a](int x, int y) { return std::abs(x - a) < std::abs(y - a); });
  keys.resize(std::min<size_t>(keys.size(), static_cast<size_t>(options_.top_k)));
  return keys;
}

FramePair PairSampler::Next() {
  FramePair pair;
  // a: uniform over all key frames of all videos (cumulative counts, then the video).
  const int64_t total = key_offsets_.back();
  const int64_t r = std::min<int64_t>(static_cast<int64_t>(random_.Uniform() * static_cast<double>(total)), total - 1);
  pair.video = static_cast<int>(std::upper_bound(key_offsets_.begin(), key_offsets_.end(), r) - key_offsets_.begin()) - 1;
  const VideoKeyFrames& video = videos_[pair.video];
  pair.a = video.key_frames[static_cast<size_t>(r - key_offsets_[pair.video])];

  // The branch draw happens on every call, so the stream does not depend on the window contents.
  const bool want_unlabelled = random_.Uniform() < options_.unlabelled_probability && !options_.labelled_only;
  if (want_unlabelled) {
    const int lo = std::max(0, pair.a - options_.max_gap + 1);
    const int hi = std::min(video.num_frames - 1, pair.a + options_.max_gap - 1);
    std::vector<int> candidates;
    for (int f = lo; f <= hi; ++f)
      if (!std::binary_search(video.key_frames.begin(), video.key_frames.end(), f)) candidates.push_back(f);
    if (!candidates.empty()) {
      pair.b = candidates[UniformIndex(static_cast<int>(candidates.size()))];
      pair.b_is_labelled = false;
      return pair;
    }
  }
  const std::vector<int> nearest = TopNearestKeyFrames(pair.video, pair.a);
  pair.b = nearest[UniformIndex(static_cast<int>(nearest.size()))];
  pair.b_is_labelled = true;
  return pair;
}

std::vector<FramePair> PairSampler::NextBatch(int count) {
  if (count < 0) throw InputError("pair sampler: batch size " + std::to_string(count) + " is negative");
  std::vector<FramePair> pairs;
  pairs.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) pairs.push_back(Next());
  return pairs;
}

}  // namespace handprop
