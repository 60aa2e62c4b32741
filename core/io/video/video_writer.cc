// SPDX-License-Identifier: Apache-2.0
#include "core/io/video/video_writer.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <filesystem>

#include "core/io/video/ffmpeg_video_writer.h"
#include "core/io/video/png_folder_writer.h"
#include "core/util/error.h"

namespace handprop {
namespace {

namespace fs = std::filesystem;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string SizeText(int width, int height) { return std::to_string(width) + "x" + std::to_string(height); }

}  // namespace

namespace detail {

std::string TemporarySibling(const std::string& path) {
  static std::atomic<int> counter{0};
  const fs::path p(path);
  const std::string tag = ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  return (p.parent_path() / (p.stem().string() + tag + p.extension().string())).string();
}

void CheckWriterFrame(const std::string& path, int frame, const cv::Mat& bgr, const cv::Size& size) {
  if (bgr.type() == CV_8UC3 && bgr.size() == size) return;
  throw InputError(path + ": frame " + std::to_string(frame) + " is " + SizeText(bgr.cols, bgr.rows) + " of OpenCV type " +
                   std::to_string(bgr.type()) + ", expected " + SizeText(size.width, size.height) + " CV_8UC3 (BGR)");
}

}  // namespace detail

std::unique_ptr<VideoWriter> OpenVideoWriter(const std::string& path, double fps, int width, int height) {
  if (path.empty()) throw InputError("video writer: the output path is empty");
  if (!(fps > 0.0) || !std::isfinite(fps)) throw InputError(path + ": fps = " + std::to_string(fps) + " violates fps > 0");
  if (width <= 0 || height <= 0) throw InputError(path + ": frame size " + SizeText(width, height) + " is not positive");
  const bool folder = path.back() == '/' || !fs::path(path).has_extension();
  std::error_code error;
  if (folder) {
    if (fs::exists(path, error) && !fs::is_directory(path, error))
      throw InputError(path + ": exists and is not a folder (a path without extension names a PNG folder)");
    return std::make_unique<PngFolderWriter>(path, width, height);
  }
  if (fs::is_directory(path, error)) throw InputError(path + ": is a folder, cannot write a video file there");
  const std::string ext = Lower(fs::path(path).extension().string());
  FfmpegWriterFormat format;
  if (ext == ".mp4" || ext == ".mov") format = {cv::VideoWriter::fourcc('a', 'v', 'c', '1'), "H.264 (avc1)", true};
  else if (ext == ".mkv") format = {cv::VideoWriter::fourcc('H', '2', '6', '4'), "H.264 (H264)", true};
  else if (ext == ".avi") format = {cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), "Motion JPEG (MJPG)", false};
  else throw InputError(path + ": unsupported video extension '" + ext + "' (use .mp4, .mov, .mkv, .avi or a folder)");
  if (format.needs_even_size && (width % 2 != 0 || height % 2 != 0))
    throw InputError(path + ": " + format.name + " needs an even frame size, got " + SizeText(width, height));
  return std::make_unique<FfmpegVideoWriter>(path, format, fps, width, height);
}

}  // namespace handprop
