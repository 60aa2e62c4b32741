// SPDX-License-Identifier: Apache-2.0
// LabelTimeline against a brute-force reference (a plain per-frame array) on random seeded
// sequences of sets and clears: summaries, navigation and the uncertainty ranking must agree.
#include "core/annotate/label_timeline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <vector>

#include "tests/support/test_util.h"

namespace handprop {
namespace {

using Bin = LabelTimeline::Bin;

struct Frame {
  std::optional<Provenance> provenance;
  float uncertainty = 0;
};

// The reference: every query is a scan of every frame.
struct Reference {
  std::vector<Frame> frames;

  bool Machine(int f) const { return frames[f].provenance && !IsHumanProvenance(*frames[f].provenance); }
  bool Key(int f) const { return frames[f].provenance && IsHumanProvenance(*frames[f].provenance); }
  int n() const { return static_cast<int>(frames.size()); }

  Bin Summary(int first, int last) const {
    Bin bin;
    bin.first = first;
    bin.last = last;
    for (int f = first; f <= last; ++f) {
      if (!frames[f].provenance) {
        ++bin.unlabelled;
        continue;
      }
      ++bin.counts[static_cast<int>(*frames[f].provenance)];
      bin.has_key_frame = bin.has_key_frame || Key(f);
      bin.max_uncertainty = std::max(bin.max_uncertainty, frames[f].uncertainty);
    }
    return bin;
  }
  int NextKey(int frame) const {
    for (int f = std::max(frame + 1, 0); f < n(); ++f)
      if (Key(f)) return f;
    return -1;
  }
  int PrevKey(int frame) const {
    for (int f = std::min(frame - 1, n() - 1); f >= 0; --f)
      if (Key(f)) return f;
    return -1;
  }
  int NextUnverified(int frame) const {
    for (int k = 1; k <= n(); ++k) {
      const int f = (frame + k) % n();
      if (Machine(f)) return f;
    }
    return -1;
  }
  std::vector<int> Ranking() const {
    std::vector<int> order;
    for (int f = 0; f < n(); ++f)
      if (Machine(f)) order.push_back(f);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return frames[a].uncertainty > frames[b].uncertainty; });
    return order;
  }
};

LabelRecord Label(int frame, Provenance provenance, double min_confidence) {
  LabelRecord label;
  label.frame_index = frame;
  label.provenance = provenance;
  label.confidence.setConstant(1.0);
  label.confidence[frame % kNumKeypoints] = min_confidence;
  return label;
}

// Random sets and clears applied to both; uncertainties come from a coarse grid so ties happen.
void RandomEdits(int edits, std::mt19937* rng, LabelTimeline* timeline, Reference* reference) {
  std::uniform_int_distribution<int> frame_dist(0, reference->n() - 1), prov_dist(0, kNumProvenances - 1);
  std::uniform_int_distribution<int> conf_dist(0, 8), clear_dist(0, 4);
  for (int i = 0; i < edits; ++i) {
    const int frame = frame_dist(*rng);
    if (clear_dist(*rng) == 0) {
      timeline->Clear(frame);
      reference->frames[frame] = Frame{};
      continue;
    }
    const auto provenance = static_cast<Provenance>(prov_dist(*rng));
    const double confidence = conf_dist(*rng) / 8.0;
    timeline->Set(Label(frame, provenance, confidence));
    reference->frames[frame] = {provenance, IsHumanProvenance(provenance) ? 0.0f : static_cast<float>(1.0 - confidence)};
  }
}

void ExpectSameBin(const Bin& a, const Bin& b) {
  EXPECT_EQ(a.first, b.first);
  EXPECT_EQ(a.last, b.last);
  EXPECT_EQ(a.counts, b.counts) << "bin [" << b.first << ", " << b.last << "]";
  EXPECT_EQ(a.unlabelled, b.unlabelled);
  EXPECT_EQ(a.has_key_frame, b.has_key_frame);
  EXPECT_FLOAT_EQ(a.max_uncertainty, b.max_uncertainty);
}

TEST(LabelTimelineTest, SummarizeMatchesBruteForce) {
  std::mt19937 rng(11);
  const int n = 1000;
  LabelTimeline timeline(n);
  Reference reference{std::vector<Frame>(n)};
  for (int round = 0; round < 20; ++round) {
    RandomEdits(150, &rng, &timeline, &reference);
    std::uniform_int_distribution<int> frame_dist(0, n - 1), bins_dist(1, 300);
    int a = frame_dist(rng), b = frame_dist(rng);
    if (a > b) std::swap(a, b);
    const int bins = bins_dist(rng);
    const std::vector<Bin> got = timeline.Summarize(a, b, bins);
    ASSERT_EQ(static_cast<int>(got.size()), bins);
    const int64_t length = b - a + 1;
    for (int i = 0; i < bins; ++i) {
      const int begin = a + static_cast<int>(i * length / bins);
      const int end = std::max(begin, a + static_cast<int>((i + 1) * length / bins) - 1);
      ExpectSameBin(got[i], reference.Summary(begin, end));
    }
    ExpectSameBin(timeline.SummarizeRange(0, n - 1), reference.Summary(0, n - 1));
  }
}

TEST(LabelTimelineTest, BinsCoverTheRangeInOrder) {
  LabelTimeline timeline(200);
  const std::vector<Bin> wide = timeline.Summarize(10, 199, 7);
  EXPECT_EQ(wide.front().first, 10);
  EXPECT_EQ(wide.back().last, 199);
  for (size_t i = 1; i < wide.size(); ++i) EXPECT_EQ(wide[i].first, wide[i - 1].last + 1);
  const std::vector<Bin> narrow = timeline.Summarize(0, 2, 6);  // two bins per frame
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(narrow[i].first, i / 2);
    EXPECT_EQ(narrow[i].last, i / 2);
    EXPECT_EQ(narrow[i].unlabelled, 1);
  }
}

TEST(LabelTimelineTest, NavigationMatchesBruteForce) {
  std::mt19937 rng(12);
  const int n = 300;
  LabelTimeline timeline(n);
  Reference reference{std::vector<Frame>(n)};
  for (int round = 0; round < 15; ++round) {
    RandomEdits(round == 0 ? 3 : 40, &rng, &timeline, &reference);  // round 0: a sparse timeline
    for (int f = -1; f <= n; ++f) {
      EXPECT_EQ(timeline.NextKeyFrame(f), reference.NextKey(f)) << "frame " << f;
      EXPECT_EQ(timeline.PrevKeyFrame(f), reference.PrevKey(f)) << "frame " << f;
      if (f >= 0 && f < n) {
        EXPECT_EQ(timeline.NextUnverified(f), reference.NextUnverified(f)) << "frame " << f;
        EXPECT_EQ(timeline.IsKeyFrame(f), reference.Key(f));
        EXPECT_EQ(timeline.provenance(f), reference.frames[f].provenance);
        EXPECT_FLOAT_EQ(timeline.uncertainty(f), reference.frames[f].uncertainty);
      }
    }
    // Walking NextMostUncertain from an unlabelled start visits the reference ranking in order.
    const std::vector<int> ranking = reference.Ranking();
    int at = -1;
    for (int expected : ranking) {
      at = timeline.NextMostUncertain(at);
      ASSERT_EQ(at, expected);
    }
    if (!ranking.empty()) {
      EXPECT_EQ(timeline.NextMostUncertain(ranking.back()), ranking.front());
    }
  }
}

TEST(LabelTimelineTest, ProvenanceChangesMoveFramesInAndOutOfTheRankings) {
  LabelTimeline timeline(100);
  timeline.Set(Label(10, Provenance::kPropagated, 0.2));  // uncertainty 0.8
  timeline.Set(Label(20, Provenance::kPredicted, 0.5));   // 0.5
  timeline.Set(Label(30, Provenance::kManual, 0.1));      // human: 0, a key frame
  EXPECT_EQ(timeline.NextMostUncertain(-1), 10);
  EXPECT_EQ(timeline.NextMostUncertain(10), 20);
  EXPECT_EQ(timeline.NextMostUncertain(20), 10);
  EXPECT_EQ(timeline.NextUnverified(10), 20);
  EXPECT_EQ(timeline.NextKeyFrame(0), 30);
  EXPECT_FLOAT_EQ(timeline.uncertainty(30), 0.0f);

  timeline.Set(Label(10, Provenance::kVerified, 0.2));  // verified: out of the ranking, a key frame
  EXPECT_EQ(timeline.NextMostUncertain(-1), 20);
  EXPECT_EQ(timeline.NextMostUncertain(20), 20);
  EXPECT_EQ(timeline.NextUnverified(20), 20);
  EXPECT_EQ(timeline.NextKeyFrame(0), 10);
  EXPECT_FLOAT_EQ(timeline.SummarizeRange(0, 63).max_uncertainty, 0.5f);

  timeline.Set(Label(30, Provenance::kInterpolated, 0.0));  // key frame -> machine label, uncertainty 1
  EXPECT_EQ(timeline.NextMostUncertain(-1), 30);
  EXPECT_EQ(timeline.NextKeyFrame(10), -1);
  timeline.Clear(20);
  timeline.Clear(30);
  EXPECT_EQ(timeline.NextMostUncertain(-1), -1);
  EXPECT_EQ(timeline.NextUnverified(5), -1);
  EXPECT_FLOAT_EQ(timeline.SummarizeRange(0, 99).max_uncertainty, 0.0f);
  EXPECT_EQ(timeline.SummarizeRange(0, 99).unlabelled, 99);
}

TEST(LabelTimelineTest, FromLabelsAndBadFrames) {
  const LabelTimeline timeline =
      LabelTimeline::FromLabels(10, {Label(3, Provenance::kPredicted, 0.9), Label(3, Provenance::kCorrected, 0.9)});
  EXPECT_EQ(timeline.provenance(3), Provenance::kCorrected);
  EXPECT_EQ(timeline.NextUnverified(0), -1);
  EXPECT_EQ(testing::ErrorMessageOf([] { LabelTimeline::FromLabels(10, {Label(10, Provenance::kManual, 1)}); }),
            "label_timeline: frame 10 outside [0, 10)");
  LabelTimeline empty(10);
  EXPECT_THROW(empty.Clear(-1), InputError);
  EXPECT_THROW(empty.Summarize(5, 4, 1), InputError);
  EXPECT_THROW(empty.Summarize(0, 9, 0), InputError);
}

}  // namespace
}  // namespace handprop
