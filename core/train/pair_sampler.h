// SPDX-License-Identifier: Apache-2.0
// Training pairs for the Pose Alignment network, seed 003 §IV: draw a labelled frame a uniformly
// from all labelled frames of all videos; then, with probability unlabelled_probability, its
// partner b is an unlabelled frame drawn uniformly from those with |b - a| < max_gap, otherwise b
// is drawn uniformly from the top_k labelled frames nearest to a, a itself included (distance
// ties go to the earlier frame). labelled_only (stage 2) always takes the labelled branch.
// When a has no unlabelled frame within the gap (every frame there is a key frame, or the video
// is that short) the labelled branch is taken; top_k larger than the video's key count means all
// its key frames. Windows are clipped to [0, num_frames).
//
//   PairSampler sampler({{300, KeyFrameIndices(300, 10)}}, PairSamplerOptions{});
//   FramePair pair = sampler.Next();   // same sequence for the same seed, on every platform
//
// Pure C++ (no torch). Not thread-safe: one sampler per data-loading thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/openhand/random.h"

namespace handprop {

struct PairSamplerOptions {
  // Probability that the partner is an unlabelled frame (stage 3); the seed's value was lost.
  double unlabelled_probability = 0.5;
  // Delta: an unlabelled partner lies strictly closer than this many frames to a.
  int max_gap = 10;
  // k: a labelled partner is one of the k key frames nearest to a, a included.
  int top_k = 3;
  // Stage 2 of the seed: labelled-labelled pairs only.
  bool labelled_only = false;
  uint64_t seed = 0;

  std::string Check() const;
};

struct VideoKeyFrames {
  int num_frames = 0;           // >= 1
  std::vector<int> key_frames;  // strictly increasing, inside [0, num_frames); may be empty
};

struct FramePair {
  int video = 0;               // index into the sampler's video list
  int a = 0;                   // the labelled frame
  int b = 0;                   // its partner
  bool b_is_labelled = false;  // b is a key frame (b == a is possible)
};

class PairSampler {
 public:
  // Throws InputError on invalid options, a malformed video or no key frame in any video.
  PairSampler(std::vector<VideoKeyFrames> videos, const PairSamplerOptions& options);

  FramePair Next();
  std::vector<FramePair> NextBatch(int count);

  // The top_k key frames of `video` nearest to frame a (a key frame), nearest first.
  std::vector<int> TopNearestKeyFrames(int video, int a) const;
  const std::vector<VideoKeyFrames>& videos() const { return videos_; }

 private:
  int UniformIndex(int count);  // uniform in [0, count)

  std::vector<VideoKeyFrames> videos_;
  PairSamplerOptions options_;
  std::vector<int64_t> key_offsets_;  // cumulative key counts, one entry per video plus a leading 0
  openhand::SeededRandom random_;
};

}  // namespace handprop
