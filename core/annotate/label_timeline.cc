// SPDX-License-Identifier: Apache-2.0
#include "core/annotate/label_timeline.h"

#include <algorithm>
#include <string>

#include "core/util/error.h"

namespace handprop {
namespace {

float UncertaintyOf(const LabelRecord& label) {
  if (IsHumanProvenance(label.provenance)) return 0.0f;
  const double u = 1.0 - label.confidence.minCoeff();
  return static_cast<float>(std::clamp(u, 0.0, 1.0));
}

}  // namespace

LabelTimeline::LabelTimeline(int num_frames) {
  if (num_frames < 0) throw InputError(detail::Concat("label_timeline: frame count ", num_frames, " is negative"));
  provenance_.assign(num_frames, kNone);
  uncertainty_.assign(num_frames, 0.0f);
  blocks_.resize((num_frames + kBlockFrames - 1) / kBlockFrames);
}

LabelTimeline LabelTimeline::FromLabels(int num_frames, const std::vector<LabelRecord>& labels) {
  LabelTimeline timeline(num_frames);
  for (const LabelRecord& label : labels) timeline.Set(label);
  return timeline;
}

void LabelTimeline::CheckFrame(int frame) const {
  if (frame < 0 || frame >= num_frames())
    throw InputError(detail::Concat("label_timeline: frame ", frame, " outside [0, ", num_frames(), ")"));
}

void LabelTimeline::Set(const LabelRecord& label) {
  const int frame = label.frame_index;
  CheckFrame(frame);
  Remove(frame);
  const float u = UncertaintyOf(label);
  provenance_[frame] = static_cast<int8_t>(label.provenance);
  uncertainty_[frame] = u;
  Block& block = blocks_[frame / kBlockFrames];
  ++block.counts[static_cast<int>(label.provenance)];
  if (IsHumanProvenance(label.provenance)) {
    ++block.key_frames;
    key_frames_.insert(frame);
  } else {
    block.max_uncertainty = std::max(block.max_uncertainty, u);
    machine_frames_.insert(frame);
    ranking_.insert({-u, frame});
  }
}

void LabelTimeline::Clear(int frame) {
  CheckFrame(frame);
  Remove(frame);
}

void LabelTimeline::Remove(int frame) {
  if (provenance_[frame] == kNone) return;
  const auto old = static_cast<Provenance>(provenance_[frame]);
  const float old_u = uncertainty_[frame];
  provenance_[frame] = kNone;
  uncertainty_[frame] = 0.0f;
  const int b = frame / kBlockFrames;
  --blocks_[b].counts[static_cast<int>(old)];
  if (IsHumanProvenance(old)) {
    --blocks_[b].key_frames;
    key_frames_.erase(frame);
  } else {
    machine_frames_.erase(frame);
    ranking_.erase({-old_u, frame});
    if (old_u >= blocks_[b].max_uncertainty) RecomputeBlockMax(b);
  }
}

void LabelTimeline::RecomputeBlockMax(int block) {
  const int begin = block * kBlockFrames;
  const int end = std::min(begin + kBlockFrames, num_frames());
  float max_u = 0.0f;
  for (int f = begin; f < end; ++f) max_u = std::max(max_u, uncertainty_[f]);
  blocks_[block].max_uncertainty = max_u;
}

std::optional<Provenance> LabelTimeline::provenance(int frame) const {
  CheckFrame(frame);
  if (provenance_[frame] == kNone) return std::nullopt;
  return static_cast<Provenance>(provenance_[frame]);
}

bool LabelTimeline::IsKeyFrame(int frame) const {
  CheckFrame(frame);
  return provenance_[frame] != kNone && IsHumanProvenance(static_cast<Provenance>(provenance_[frame]));
}

float LabelTimeline::uncertainty(int frame) const {
  CheckFrame(frame);
  return uncertainty_[frame];
}

int LabelTimeline::NextKeyFrame(int frame) const {
  const auto it = key_frames_.upper_bound(frame);
  return it == key_frames_.end() ? -1 : *it;
}

int LabelTimeline::PrevKeyFrame(int frame) const {
  auto it = key_frames_.lower_bound(frame);
  if (it == key_frames_.begin()) return -1;
  return *std::prev(it);
}

int LabelTimeline::NextUnverified(int frame) const {
  if (machine_frames_.empty()) return -1;
  const auto it = machine_frames_.upper_bound(frame);
  return it == machine_frames_.end() ? *machine_frames_.begin() : *it;
}

int LabelTimeline::NextMostUncertain(int frame) const {
  if (ranking_.empty()) return -1;
  if (frame >= 0 && frame < num_frames() && machine_frames_.count(frame) != 0) {
    auto it = ranking_.find({-uncertainty_[frame], frame});
    HP_CHECK(it != ranking_.end(), "frame ", frame, " missing from the ranking");
    if (++it != ranking_.end()) return it->second;
  }
  return ranking_.begin()->second;
}

void LabelTimeline::AddToBin(int frame, Bin* bin) const {
  const int8_t p = provenance_[frame];
  if (p == kNone) return;
  ++bin->counts[p];
  if (IsHumanProvenance(static_cast<Provenance>(p))) bin->has_key_frame = true;
  bin->max_uncertainty = std::max(bin->max_uncertainty, uncertainty_[frame]);
}

LabelTimeline::Bin LabelTimeline::SummarizeRange(int first, int last) const {
  CheckFrame(first);
  CheckFrame(last);
  if (first > last) throw InputError(detail::Concat("label_timeline: range [", first, ", ", last, "] is empty"));
  Bin bin;
  bin.first = first;
  bin.last = last;
  int f = first;
  for (; f <= last && f % kBlockFrames != 0; ++f) AddToBin(f, &bin);  // head of a partial block
  for (; f + kBlockFrames - 1 <= last; f += kBlockFrames) {            // whole blocks
    const Block& block = blocks_[f / kBlockFrames];
    for (int p = 0; p < kNumProvenances; ++p) bin.counts[p] += block.counts[p];
    bin.has_key_frame = bin.has_key_frame || block.key_frames > 0;
    bin.max_uncertainty = std::max(bin.max_uncertainty, block.max_uncertainty);
  }
  for (; f <= last; ++f) AddToBin(f, &bin);  // tail
  int labelled = 0;
  for (int count : bin.counts) labelled += count;
  bin.unlabelled = last - first + 1 - labelled;
  return bin;
}

std::vector<LabelTimeline::Bin> LabelTimeline::Summarize(int first, int last, int bins) const {
  if (bins < 1) throw InputError(detail::Concat("label_timeline: bin count ", bins, " must be at least 1"));
  CheckFrame(first);
  CheckFrame(last);
  if (first > last) throw InputError(detail::Concat("label_timeline: range [", first, ", ", last, "] is empty"));
  const int64_t length = last - first + 1;
  std::vector<Bin> out;
  out.reserve(bins);
  for (int b = 0; b < bins; ++b) {
    const int begin = first + static_cast<int>(b * length / bins);
    const int next = first + static_cast<int>((b + 1) * length / bins);
    out.push_back(SummarizeRange(begin, std::max(begin, next - 1)));
  }
  return out;
}

}  // namespace handprop
