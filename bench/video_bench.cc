// SPDX-License-Identifier: Apache-2.0
// Decode speed of a 1080p H.264 (avc1) mp4: sequential frames per second, random-access frames
// per second (seeded random frames, each a CAP_PROP_POS_FRAMES seek), and a repeated access
// pattern through CachedVideoSource. The video (moving blurred-noise texture) is written once
// and reused when it already exists with the right frame count.
// Run: build/bench/video_bench [video.mp4 (default /tmp/handprop_video_bench_1080p.mp4)] [frames (300)]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/io/video/ffmpeg_video_source.h"
#include "core/io/video/frame_cache.h"
#include "core/io/video/video_writer.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kWidth = 1920, kHeight = 1080;

double Seconds(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// A blurred-noise texture larger than the frame; frame i is a window that drifts across it,
// plus a little per-frame noise, like a slowly panning camera.
void WriteBenchVideo(const std::string& path, int frames) {
  cv::RNG rng(2024);
  cv::Mat texture(kHeight + 400, kWidth + 800, CV_8UC3);
  rng.fill(texture, cv::RNG::UNIFORM, 0, 256);
  cv::GaussianBlur(texture, texture, cv::Size(0, 0), 3.0);
  cv::Mat noise(kHeight, kWidth, CV_8UC3);
  auto writer = handprop::OpenVideoWriter(path, 30.0, kWidth, kHeight);
  for (int i = 0; i < frames; ++i) {
    const int dx = (i * 2) % 800, dy = (i / 2) % 400;
    cv::Mat frame = texture(cv::Rect(dx, dy, kWidth, kHeight)).clone();
    rng.fill(noise, cv::RNG::UNIFORM, 0, 8);
    frame += noise;
    cv::rectangle(frame, cv::Rect(100 + 3 * i, 200, 300, 300), cv::Scalar(40, 200, 90), cv::FILLED);
    writer->Write(frame);
  }
  writer->Close();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace handprop;
  const std::string path = argc > 1 ? argv[1] : "/tmp/handprop_video_bench_1080p.mp4";
  const int frames = argc > 2 ? std::max(50, std::atoi(argv[2])) : 300;
  bool reuse = false;
  if (std::filesystem::exists(path)) {
    try {
      reuse = FfmpegVideoSource(path).frame_count() == frames;
    } catch (const std::exception&) {
    }
  }
  if (!reuse) {
    const auto start = Clock::now();
    WriteBenchVideo(path, frames);
    std::printf("wrote %s: %d frames %dx%d H.264 (avc1) in %.1f s, %.1f MB\n", path.c_str(), frames, kWidth, kHeight,
                Seconds(start), std::filesystem::file_size(path) / 1e6);
  }
  std::printf("video_bench: %s, %d frames %dx%d, cv::getNumThreads() = %d\n", path.c_str(), frames, kWidth, kHeight,
              cv::getNumThreads());

  {
    FfmpegVideoSource source(path);
    const auto start = Clock::now();
    for (int i = 0; i < frames; ++i) source.ReadFrame(i);
    const double s = Seconds(start);
    std::printf("  %-52s %8.1f frames/s (%d frames, %.2f s, %d seeks)\n", "sequential decode", frames / s, frames, s,
                source.seek_count());
  }
  std::mt19937 rng(42);
  std::vector<int> random(100);
  for (int& i : random) i = static_cast<int>(rng() % static_cast<unsigned>(frames));
  {
    FfmpegVideoSource source(path);
    const auto start = Clock::now();
    for (const int i : random) source.ReadFrame(i);
    const double s = Seconds(start);
    std::printf("  %-52s %8.1f frames/s (%zu frames, %.2f s, %d seeks)\n", "random access (seed 42)", random.size() / s,
                random.size(), s, source.seek_count());
  }
  {
    // An annotator's pattern: 20 frames spread over the video, visited 5 times in turn.
    std::vector<int> pattern;
    for (int round = 0; round < 5; ++round)
      for (int k = 0; k < 20; ++k) pattern.push_back((k * 37) % frames);
    CachedVideoSource cache(std::make_unique<FfmpegVideoSource>(path));
    const auto start = Clock::now();
    for (const int i : pattern) cache.ReadFrame(i);
    const double s = Seconds(start);
    std::printf("  %-52s %8.1f frames/s (%zu reads, %lld hits, %lld misses, %.0f MiB cached)\n",
                "20 frames x 5 rounds, CachedVideoSource 256 MiB", pattern.size() / s, pattern.size(),
                static_cast<long long>(cache.hits()), static_cast<long long>(cache.misses()),
                cache.cached_bytes() / 1048576.0);
  }
  return 0;
}
