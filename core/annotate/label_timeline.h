// SPDX-License-Identifier: Apache-2.0
// The label state of one hand in one video, indexed for the timeline (docs/timeline.md).
// Per frame it keeps one provenance byte and one uncertainty float; key frames (human labels)
// and machine-labelled frames sit in sorted sets, machine-labelled frames also in a ranking by
// uncertainty, and every block of kBlockFrames frames keeps a summary. So Set/Clear cost
// O(log n + kBlockFrames), navigation O(log n), and Summarize over N bins costs
// O(N * kBlockFrames + frames / kBlockFrames): drawing never scans every label.
// Uncertainty of a machine label = 1 - min keypoint confidence, clamped to [0, 1]
// (confidence = exp(-u / 10 mm), docs/propagation-design.md §6).
// Not thread-safe: one thread (the GUI's) owns it. Bad frame numbers from callers are
// InputError ("label_timeline: frame F outside [0, N)").
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "core/io/store/store_records.h"

namespace handprop {

class LabelTimeline {
 public:
  static constexpr int kBlockFrames = 64;

  // A timeline of `num_frames` (>= 0) unlabelled frames.
  explicit LabelTimeline(int num_frames);
  // Labels of ONE hand of one video, in any order (a later label of a frame replaces an
  // earlier one); a frame outside [0, num_frames) -> InputError.
  static LabelTimeline FromLabels(int num_frames, const std::vector<LabelRecord>& labels);

  int num_frames() const { return static_cast<int>(provenance_.size()); }
  // Insert or replace the label of frame label.frame_index.
  void Set(const LabelRecord& label);
  // The frame has no label any more (a no-op when it had none).
  void Clear(int frame);

  std::optional<Provenance> provenance(int frame) const;
  // Human provenance (manual, corrected, verified).
  bool IsKeyFrame(int frame) const;
  // 1 - min keypoint confidence for machine labels; 0 for human labels and unlabelled frames.
  float uncertainty(int frame) const;

  // Navigation; -1 when there is none. `frame` may be any integer (e.g. -1 for "before the start").
  // Key frames strictly after / before `frame`.
  int NextKeyFrame(int frame) const;
  int PrevKeyFrame(int frame) const;
  // The first machine-labelled frame after `frame`, else (wrapping around once) the first one
  // from the start, which may be `frame` itself.
  int NextUnverified(int frame) const;
  // Walks machine-labelled frames from most to least uncertain (ties: lower frame first): the
  // one ranked right after `frame`; the top one when `frame` is not machine-labelled or ranked last.
  int NextMostUncertain(int frame) const;

  struct Bin {
    int first = 0, last = 0;  // frames [first, last]
    std::array<int, kNumProvenances> counts{};  // labelled frames per provenance
    int unlabelled = 0;
    bool has_key_frame = false;
    float max_uncertainty = 0;
  };
  // The frames [first, last] in one bin; needs 0 <= first <= last < num_frames (else InputError).
  Bin SummarizeRange(int first, int last) const;
  // `bins` (>= 1) bins covering [first, last] evenly: with L = last - first + 1, bin b starts
  // at first + floor(b L / bins) and ends before the next bin's start, or at its own start when
  // bins are narrower than one frame (then neighbouring bins repeat a frame).
  std::vector<Bin> Summarize(int first, int last, int bins) const;

 private:
  static constexpr int8_t kNone = -1;
  struct Block {
    std::array<int, kNumProvenances> counts{};
    int key_frames = 0;
    float max_uncertainty = 0;
  };
  // Ranking key: higher uncertainty first, then lower frame.
  using RankKey = std::pair<float, int>;  // (-uncertainty, frame)

  void CheckFrame(int frame) const;
  void Remove(int frame);          // drop the frame's label from every index
  void RecomputeBlockMax(int block);
  void AddToBin(int frame, Bin* bin) const;

  std::vector<int8_t> provenance_;   // kNone or a Provenance
  std::vector<float> uncertainty_;
  std::vector<Block> blocks_;
  std::set<int> key_frames_;
  std::set<int> machine_frames_;
  std::set<RankKey> ranking_;
};

}  // namespace handprop
