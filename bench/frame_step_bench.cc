// SPDX-License-Identifier: Apache-2.0
// Frame-step latency of FramePrefetcher::Get on a 1080p H.264 video (issue 5: "Frame step latency
// p50 and p95 ... sequential and random seeks; target p95 <= 30 ms sequential"). Decode only: the
// GUI bench adds upload and draw. Measures, each with a fresh prefetcher: the open time; stepping
// forward at a steady 30 Hz (sleeping the rest of each 33 ms, like a user holding the key);
// forward as fast as possible; backward at 30 Hz; seeded random seeks (300 ms apart); and the
// peak RSS of each run (VmHWM, reset before it).
// The video (bench/bench_video.h) is written once into --cache-dir and reused.
// Run: build/bench/frame_step_bench [--frames 600] [--cache-dir /tmp/handprop_frame_step_bench]
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <opencv2/core.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_video.h"
#include "bench/peak_memory.h"
#include "core/io/video/frame_prefetcher.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kStepPeriod = std::chrono::microseconds(33333);

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Run {
  std::vector<double> ms;
  handprop::FramePrefetcher::Stats stats;
  double peak_rss_mib = 0.0;
};

// Get(first) untimed, then each of `frames` timed; `paced` sleeps the rest of `period` after each.
Run Measure(const std::string& path, const handprop::FramePrefetcherOptions& options, int first,
            const std::vector<int>& frames, Clock::duration period) {
  handprop::bench::ResetPeakRss();
  handprop::FramePrefetcher prefetcher(path, options);
  prefetcher.Get(first);
  Run run;
  for (const int i : frames) {
    const auto start = Clock::now();
    prefetcher.Get(i);
    run.ms.push_back(Ms(Clock::now() - start));
    std::this_thread::sleep_until(start + period);
  }
  run.stats = prefetcher.stats();
  run.peak_rss_mib = handprop::bench::PeakRssMiB();
  return run;
}

void Report(const char* name, Run run) {
  std::sort(run.ms.begin(), run.ms.end());
  const auto at = [&](double q) { return run.ms[std::min(run.ms.size() - 1, static_cast<size_t>(std::ceil(q * run.ms.size())) - 1)]; };
  std::printf("  %-34s %5zu gets  p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms  (%lld hits, %lld misses, %lld read ahead, peak RSS %.0f MiB)\n",
              name, run.ms.size(), at(0.5), at(0.95), run.ms.back(), static_cast<long long>(run.stats.hits),
              static_cast<long long>(run.stats.misses), static_cast<long long>(run.stats.decoded_ahead), run.peak_rss_mib);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace handprop;
  CLI::App app{"Frame-step latency of FramePrefetcher on a 1080p H.264 video"};
  int frames = 600, steps = 300, back_steps = 120, seeks = 40;
  std::string cache_dir = "/tmp/handprop_frame_step_bench";
  FramePrefetcherOptions options;
  app.add_option("--frames", frames, "frames of the test video (18000 = 10 minutes at 30 fps)")->check(CLI::Range(100, 100000));
  app.add_option("--cache-dir", cache_dir, "folder where the test video is written and reused");
  app.add_option("--steps", steps, "forward steps per sequential run")->check(CLI::Range(10, 100000));
  app.add_option("--back-steps", back_steps, "backward steps")->check(CLI::Range(10, 100000));
  app.add_option("--seeks", seeks, "random seeks (seed 7)")->check(CLI::Range(1, 10000));
  app.add_option("--read-ahead", options.read_ahead, "FramePrefetcherOptions::read_ahead");
  CLI11_PARSE(app, argc, argv);
  steps = std::min(steps, frames / 2 - 1);
  back_steps = std::min(back_steps, frames / 2 - 1);

  const std::string path = handprop::bench::EnsureBenchVideo(cache_dir, frames);
  handprop::bench::ResetPeakRss();
  std::printf("frame_step_bench: %s, %d frames, max_bytes %lld MiB, read_ahead %d, cv::getNumThreads() = %d\n",
              path.c_str(), frames, static_cast<long long>(options.max_bytes >> 20), options.read_ahead,
              cv::getNumThreads());
  {
    const auto start = Clock::now();
    FramePrefetcher prefetcher(path, options);
    const double open_ms = Ms(Clock::now() - start);
    const auto get = Clock::now();
    prefetcher.Get(0);
    std::printf("  open %.1f ms, first Get(0) %.1f ms\n", open_ms, Ms(Clock::now() - get));
  }
  std::vector<int> forward, fast, backward, random;
  for (int k = 1; k <= steps; ++k) forward.push_back(k);
  const int fast_start = frames / 2;
  for (int k = 1; k <= steps; ++k) fast.push_back(fast_start + k);
  for (int k = 1; k <= back_steps; ++k) backward.push_back(frames - 1 - k);
  std::mt19937 rng(7);
  for (int k = 0; k < seeks; ++k) random.push_back(static_cast<int>(rng() % static_cast<unsigned>(frames)));

  Report("forward, 30 Hz", Measure(path, options, 0, forward, kStepPeriod));
  Report("forward, as fast as possible", Measure(path, options, fast_start, fast, Clock::duration::zero()));
  Report("backward, 30 Hz", Measure(path, options, frames - 1, backward, kStepPeriod));
  Report("random seeks, 300 ms apart", Measure(path, options, 0, random, std::chrono::milliseconds(300)));
  return 0;
}
