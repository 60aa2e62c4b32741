// SPDX-License-Identifier: Apache-2.0
#include "core/io/video/ffmpeg_video_source.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/util/error.h"

namespace handprop {
namespace {

std::string Frame(int index) { return ": frame " + std::to_string(index) + ": "; }

}  // namespace

FfmpegVideoSource::FfmpegVideoSource(const std::string& path) : path_(path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) throw InputError(path + ": no such file or folder");
  if (::access(path.c_str(), R_OK) != 0) throw InputError(path + ": cannot read the file (permission denied)");
  if (!capture_.open(path, cv::CAP_FFMPEG) || !capture_.isOpened())
    throw InputError(path + ": cannot be opened as a video by OpenCV/FFmpeg (not a video file, an unsupported format, "
                            "or a truncated or corrupt file)");
  if (!capture_.read(first_frame_) || first_frame_.empty())
    throw InputError(path + ": the video has no decodable frame (empty, truncated or corrupt file)");
  HP_CHECK(first_frame_.type() == CV_8UC3, "OpenCV returned type ", first_frame_.type());
  next_index_ = 1;
  max_good_ = 0;
  width_ = first_frame_.cols;
  height_ = first_frame_.rows;
  fps_ = capture_.get(cv::CAP_PROP_FPS);
  const double reported = capture_.get(cv::CAP_PROP_FRAME_COUNT);
  frame_count_ = std::isfinite(reported) && reported >= 1.0 ? static_cast<int>(std::lround(reported)) : 0;
  if (frame_count_ == 0) {
    // The container does not say: count by decoding (grab only), then start again.
    frame_count_ = 1;
    while (capture_.grab()) ++frame_count_;
    Reopen();
    first_frame_.release();
    max_good_ = frame_count_ - 1;
  }
}

void FfmpegVideoSource::Reopen() {
  capture_.release();
  if (!capture_.open(path_, cv::CAP_FFMPEG) || !capture_.isOpened())
    throw InputError(path_ + ": cannot be reopened by OpenCV/FFmpeg (was the file changed or removed?)");
  next_index_ = 0;
}

cv::Mat FfmpegVideoSource::ReadFrame(int index) {
  CheckFrameIndex(index);
  if (!first_frame_.empty()) {
    cv::Mat first = std::move(first_frame_);
    first_frame_.release();
    if (index == 0) return first;
  }
  if (readable_count_ >= 0 && index >= readable_count_) throw InputError(UndecodableMessage(index));
  cv::Mat frame;
  if (!Decode(index, &frame)) return Recover(index);
  return frame;
}

bool FfmpegVideoSource::Decode(int index, cv::Mat* frame) {
  if (index < next_index_ || index - next_index_ > kMaxForwardDecode) {
    ++seek_count_;
    const bool sought = capture_.set(cv::CAP_PROP_POS_FRAMES, index);
    next_index_ = index;
    if (!sought) return false;
  }
  for (; next_index_ < index; ++next_index_)
    if (!capture_.grab()) return false;
  if (!capture_.read(*frame) || frame->empty()) return false;
  ++next_index_;
  if (frame->cols != width_ || frame->rows != height_)
    throw InputError(path_ + Frame(index) + "has size " + std::to_string(frame->cols) + "x" + std::to_string(frame->rows) +
                     ", but frame 0 has " + std::to_string(width_) + "x" + std::to_string(height_));
  max_good_ = std::max(max_good_, index);
  return true;
}

cv::Mat FfmpegVideoSource::Recover(int index) {
  // Decode forward from the last good frame (or from the start) to find the first bad frame.
  Reopen();
  int probe = 0;
  cv::Mat unused;
  if (max_good_ > 0 && Decode(max_good_, &unused)) probe = next_index_;
  else Reopen();
  while (probe <= index && capture_.grab()) ++probe;
  next_index_ = probe;
  if (probe <= index) {
    // The data ends inside frame `probe`'s packet or just after frame probe-1's. A cut packet
    // can still decode (FFmpeg's MJPEG decoder conceals the missing part), so frame probe-1 is
    // not trusted either.
    readable_count_ = std::max(0, probe - 1);
    Reopen();
    throw InputError(UndecodableMessage(index));
  }
  // Frame `index` decodes in a fresh pass: the first failure came from the decoder's state.
  Reopen();
  cv::Mat frame;
  if (Decode(index, &frame)) return frame;
  Reopen();
  throw InputError(path_ + Frame(index) + "cannot be decoded (the file is corrupt)");
}

std::string FfmpegVideoSource::UndecodableMessage(int index) const {
  const std::string readable =
      readable_count_ <= 0 ? "no frame is readable" : "frames 0-" + std::to_string(readable_count_ - 1) + " are readable";
  return path_ + Frame(index) + "cannot be decoded (the file is truncated or corrupt; " + readable + ")";
}

}  // namespace handprop
