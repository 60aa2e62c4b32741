// SPDX-License-Identifier: Apache-2.0
// The VideoWriter for image folders: frames go to 000000.png, 000001.png, ... in a temporary
// sibling folder, which Close() moves to the destination (an existing destination folder is
// replaced as a whole, after the new one is complete). Contract in video_writer.h; use
// OpenVideoWriter().
#pragma once

#include <opencv2/core/types.hpp>
#include <string>

#include "core/io/video/video_writer.h"

namespace handprop {

class PngFolderWriter final : public VideoWriter {
 public:
  // Throws RuntimeError naming the path when the temporary folder cannot be created.
  PngFolderWriter(const std::string& path, int width, int height);
  ~PngFolderWriter() override;

  void Write(const cv::Mat& bgr) override;
  void Close() override;
  const std::string& path() const override { return path_; }
  int frames_written() const override { return frames_; }

 private:
  void Discard();

  std::string path_;  // as given (may end in '/')
  std::string folder_;  // without a trailing '/'
  std::string tmp_folder_;
  cv::Size size_;
  int frames_ = 0;
  bool closed_ = false;
};

}  // namespace handprop
