// SPDX-License-Identifier: Apache-2.0
#include "bench/bench_video.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "core/io/video/ffmpeg_video_source.h"
#include "core/io/video/video_writer.h"

namespace handprop::bench {
namespace {

void WriteBenchVideo(const std::string& path, int frames, int width, int height) {
  cv::RNG rng(2024);
  cv::Mat texture(height + 400, width + 800, CV_8UC3);
  rng.fill(texture, cv::RNG::UNIFORM, 0, 256);
  cv::GaussianBlur(texture, texture, cv::Size(0, 0), 3.0);
  cv::Mat noise(height, width, CV_8UC3);
  auto writer = OpenVideoWriter(path, 30.0, width, height);
  const int block = std::max(8, height / 4);
  for (int i = 0; i < frames; ++i) {
    const int dx = (i * 2) % 1600, dy = (i / 2) % 800;  // back and forth across the texture
    cv::Mat frame = texture(cv::Rect(dx < 800 ? dx : 1600 - dx, dy < 400 ? dy : 800 - dy, width, height)).clone();
    rng.fill(noise, cv::RNG::UNIFORM, 0, 8);
    frame += noise;
    cv::rectangle(frame, cv::Rect((3 * i) % std::max(1, width - block), height / 5, block, block), cv::Scalar(40, 200, 90),
                  cv::FILLED);
    writer->Write(frame);
  }
  writer->Close();
}

}  // namespace

std::string EnsureBenchVideo(const std::string& cache_dir, int frames, int width, int height) {
  std::filesystem::create_directories(cache_dir);
  const std::string size =
      width == kVideoWidth && height == kVideoHeight ? "1080p" : std::to_string(width) + "x" + std::to_string(height);
  const std::string path = cache_dir + "/frame_step_" + size + "_" + std::to_string(frames) + ".mp4";
  try {
    if (std::filesystem::exists(path) && FfmpegVideoSource(path).frame_count() == frames) return path;
  } catch (const std::exception&) {  // unreadable: write it again
  }
  const auto start = std::chrono::steady_clock::now();
  WriteBenchVideo(path, frames, width, height);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("wrote %s: %d frames %dx%d H.264 (avc1) in %.1f s, %.1f MB\n", path.c_str(), frames, width, height, seconds,
              static_cast<double>(std::filesystem::file_size(path)) / 1e6);
  return path;
}

}  // namespace handprop::bench
