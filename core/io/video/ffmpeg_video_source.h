// SPDX-License-Identifier: Apache-2.0
// A video file decoded by FFmpeg through OpenCV (cv::VideoCapture with CAP_FFMPEG).
//
// Random access: a read of the next frame, or of a frame at most kMaxForwardDecode frames ahead,
// decodes forward and never seeks; anything else seeks with CAP_PROP_POS_FRAMES. OpenCV 4.6's
// FFmpeg backend seeks to a key frame before the target and decodes forward to it, counting
// frames by their timestamps; tests/io/video/video_source_test.cc checks, for H.264 in mp4/mov/mkv
// and MJPG in avi, that out-of-order reads equal the sequential decode pixel for pixel
// (docs/video.md lists what was verified).
//
// Truncated or corrupt files: the container's frame count is kept as frame_count(). When a frame
// cannot be decoded, the source reopens the file and decodes forward from the last frame it read
// successfully to find where the decodable part ends. The last frame before that end is not
// trusted (its data may be cut short: FFmpeg decodes a cut MJPEG frame with a damaged bottom,
// and a sequential reader may already have received it); the frames before it stay readable and
// exact, and every later frame throws InputError "<path>: frame i: cannot be decoded (the file is truncated or corrupt;
// frames 0-k are readable)" at once. A truncated mp4/mov usually lost its index (the moov box
// is written last) and then fails to open.
//
// Opening decodes frame 0 (so a file with no decodable frame fails at once) and keeps it for the
// first ReadFrame(0). Not thread-safe: one source per thread.
#pragma once

#include <opencv2/videoio.hpp>
#include <string>

#include "core/io/video/video_source.h"

namespace handprop {

class FfmpegVideoSource final : public VideoSource {
 public:
  // Reads ahead instead of seeking when the target is at most this many frames ahead.
  static constexpr int kMaxForwardDecode = 32;

  // Throws InputError naming the path: missing, unreadable, not openable, no decodable frame.
  explicit FfmpegVideoSource(const std::string& path);

  const std::string& path() const override { return path_; }
  int frame_count() const override { return frame_count_; }
  double fps() const override { return fps_; }
  int width() const override { return width_; }
  int height() const override { return height_; }
  cv::Mat ReadFrame(int index) override;

  // Frames known to decode (0..n-1) once a read has failed; -1 while no read has failed.
  int readable_frame_count() const { return readable_count_; }
  // How many CAP_PROP_POS_FRAMES seeks were made (sequential reads make none).
  int seek_count() const { return seek_count_; }

 private:
  void Reopen();
  // Positions the decoder on `index` (seeking or decoding forward) and decodes it.
  bool Decode(int index, cv::Mat* frame);
  // After a failed Decode(index): finds the end of the decodable part and either returns the
  // frame (a transient failure) or throws the one-line InputError.
  cv::Mat Recover(int index);
  std::string UndecodableMessage(int index) const;

  std::string path_;
  cv::VideoCapture capture_;
  int frame_count_ = 0;
  double fps_ = 0.0;
  int width_ = 0;
  int height_ = 0;
  int next_index_ = 0;       // the frame capture_.read() returns next
  int max_good_ = -1;        // the highest frame decoded successfully
  int readable_count_ = -1;  // set once a read failed
  int seek_count_ = 0;
  cv::Mat first_frame_;  // frame 0, decoded while opening; handed out by the first ReadFrame(0)
};

}  // namespace handprop
