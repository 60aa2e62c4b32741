// SPDX-License-Identifier: Apache-2.0
// Timing of the timeline index (issue 5: "the timeline draws without scanning every label").
// A 10-minute 30 fps video (18,000 frames) fully labelled: key frames every 50 frames, the rest
// propagated with random confidences. Reports the build time, Summarize over 1,200 pixel columns
// (one redraw of a 1,200-pixel-wide row) and Set (one label change), as medians over repeats.
// Run: build/bench/timeline_bench [frames] [columns]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "core/annotate/label_timeline.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace handprop;

template <typename F>
double MedianSeconds(int reps, F&& f) {
  std::vector<double> times;
  for (int i = 0; i < reps; ++i) {
    const auto start = Clock::now();
    f(i);
    times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::nth_element(times.begin(), times.begin() + reps / 2, times.end());
  return times[reps / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int frames = argc > 1 ? std::atoi(argv[1]) : 18000;
  const int columns = argc > 2 ? std::atoi(argv[2]) : 1200;
  if (frames < 1 || columns < 1) {
    std::fprintf(stderr, "usage: timeline_bench [frames >= 1] [columns >= 1]\n");
    return 1;
  }
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> confidence(0.3, 1.0);
  std::vector<LabelRecord> labels(frames);
  for (int f = 0; f < frames; ++f) {
    labels[f].frame_index = f;
    labels[f].provenance = f % 50 == 0 ? Provenance::kManual : Provenance::kPropagated;
    for (int k = 0; k < kNumKeypoints; ++k) labels[f].confidence[k] = confidence(rng);
  }
  LabelTimeline timeline(frames);
  const double build_s = MedianSeconds(5, [&](int) { timeline = LabelTimeline::FromLabels(frames, labels); });
  int sink = 0;
  const double summarize_s = MedianSeconds(101, [&](int) {
    sink += timeline.Summarize(0, frames - 1, columns)[columns / 2].counts[0];
  });
  std::uniform_int_distribution<int> frame_dist(0, frames - 1);
  const int set_reps = 20001;
  const double set_s = MedianSeconds(101, [&](int rep) {
    for (int i = 0; i < set_reps / 101; ++i) {
      LabelRecord& label = labels[frame_dist(rng)];
      label.provenance = (rep + i) % 3 == 0 ? Provenance::kVerified : Provenance::kPredicted;
      timeline.Set(label);
    }
  }) / (set_reps / 101);
  std::printf("timeline_bench: %d frames, %d columns\n", frames, columns);
  std::printf("  FromLabels            %8.3f ms\n", build_s * 1e3);
  std::printf("  Summarize (p50)       %8.3f ms  (%.1f ns per column)\n", summarize_s * 1e3, summarize_s * 1e9 / columns);
  std::printf("  Set (p50 per call)    %8.3f us\n", set_s * 1e6);
  std::printf("  (checksum %d)\n", sink);
  return 0;
}
