// SPDX-License-Identifier: Apache-2.0
// The VideoWriter for video files: cv::VideoWriter with CAP_FFMPEG writing a temporary sibling
// file, renamed over the destination by Close() (contract in video_writer.h). Use
// OpenVideoWriter(), which picks the format and validates the arguments.
#pragma once

#include <opencv2/videoio.hpp>
#include <string>

#include "core/io/video/video_writer.h"

namespace handprop {

struct FfmpegWriterFormat {
  int fourcc = 0;
  std::string name;  // for messages, e.g. "H.264 (avc1)"
  bool needs_even_size = false;
};

class FfmpegVideoWriter final : public VideoWriter {
 public:
  // Throws RuntimeError naming the path when the encoder cannot be started.
  FfmpegVideoWriter(const std::string& path, const FfmpegWriterFormat& format, double fps, int width, int height);
  ~FfmpegVideoWriter() override;

  void Write(const cv::Mat& bgr) override;
  void Close() override;
  const std::string& path() const override { return path_; }
  int frames_written() const override { return frames_; }

 private:
  void Discard();

  std::string path_;
  std::string tmp_path_;
  cv::Size size_;
  cv::VideoWriter writer_;
  int frames_ = 0;
  bool closed_ = false;
};

}  // namespace handprop
