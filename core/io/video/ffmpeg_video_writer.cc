// SPDX-License-Identifier: Apache-2.0
#include "core/io/video/ffmpeg_video_writer.h"

#include <opencv2/videoio.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/util/error.h"

namespace handprop {

namespace fs = std::filesystem;

FfmpegVideoWriter::FfmpegVideoWriter(const std::string& path, const FfmpegWriterFormat& format, double fps, int width,
                                     int height)
    : path_(path), tmp_path_(detail::TemporarySibling(path)), size_(width, height) {
  std::error_code error;
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, error);
  if (error) throw RuntimeError(path + ": cannot create the folder " + parent.string() + " (" + error.message() + ")");
  if (!writer_.open(tmp_path_, cv::CAP_FFMPEG, format.fourcc, fps, size_, true) || !writer_.isOpened()) {
    Discard();
    throw RuntimeError(path + ": OpenCV/FFmpeg cannot start a " + format.name + " writer");
  }
}

FfmpegVideoWriter::~FfmpegVideoWriter() {
  if (!closed_) Discard();
}

void FfmpegVideoWriter::Discard() {
  writer_.release();
  std::error_code ignored;
  fs::remove(tmp_path_, ignored);
  closed_ = true;
}

void FfmpegVideoWriter::Write(const cv::Mat& bgr) {
  HP_CHECK(!closed_, path_, ": Write() after Close()");
  detail::CheckWriterFrame(path_, frames_, bgr, size_);
  writer_.write(bgr);
  ++frames_;
}

void FfmpegVideoWriter::Close() {
  HP_CHECK(!closed_, path_, ": Close() called twice");
  if (frames_ == 0) {
    Discard();
    throw InputError(path_ + ": no frame was written, so no video was made");
  }
  writer_.release();  // flushes the encoder and writes the container's index
  closed_ = true;
  std::error_code error;
  if (fs::file_size(tmp_path_, error) == 0 || error) {
    fs::remove(tmp_path_, error);
    throw RuntimeError(path_ + ": the encoder produced no data (disk full?)");
  }
  // cv::VideoWriter::write reports nothing: read the finished file back before it replaces
  // anything, so a stream cut short (a full disk) never goes over a good video.
  {
    cv::VideoCapture check(tmp_path_, cv::CAP_FFMPEG);
    const int found = check.isOpened() ? static_cast<int>(check.get(cv::CAP_PROP_FRAME_COUNT)) : 0;
    if (found != frames_) {
      check.release();
      fs::remove(tmp_path_, error);
      throw RuntimeError(path_ + ": the finished file holds " + std::to_string(found) + " of the " + std::to_string(frames_) +
                         " frames written (disk full?); nothing was replaced");
    }
  }
  if (std::rename(tmp_path_.c_str(), path_.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    fs::remove(tmp_path_, error);
    throw RuntimeError(path_ + ": cannot replace file (" + reason + ")");
  }
}

}  // namespace handprop
