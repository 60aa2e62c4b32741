// SPDX-License-Identifier: Apache-2.0
// Writing videos atomically, chosen by the path's extension (any letter case):
//   .mp4 / .mov -> H.264 (fourcc avc1, x264 via FFmpeg), .mkv -> H.264 (fourcc H264),
//   .avi -> Motion JPEG (MJPG), no extension or a trailing '/' -> a folder of PNGs 000000.png, ...
// Frames go to a temporary file (or folder) next to the destination, named
// "<stem>.tmp-<pid>-<n><ext>", and Close() renames it over the destination. A writer destroyed
// without Close() (an exception unwound it) removes the temporary and leaves any previous file
// or folder at the destination untouched. Missing parent folders are created.
// Determinism: the same frames give the same bytes on the same machine for PNG folders, avi and
// mp4/mov; mkv files differ in the random segment and track UIDs that FFmpeg's Matroska muxer
// writes, while their decoded frames are identical (tests/io/video/video_writer_test.cc).
// H.264 needs an even width and height. Not thread-safe: one writer per thread.
#pragma once

#include <memory>
#include <opencv2/core/mat.hpp>
#include <string>

namespace handprop {

class VideoWriter {
 public:
  virtual ~VideoWriter() = default;

  // Appends one CV_8UC3 BGR frame of the size given at opening; otherwise InputError naming the
  // path and the frame. RuntimeError when the encoder or the disk fails.
  virtual void Write(const cv::Mat& bgr) = 0;
  // Finishes the file and renames it into place. InputError when no frame was written (the
  // temporary is removed), RuntimeError when the file cannot be finished or renamed.
  // Must be called once; Write() after Close() is a bug.
  virtual void Close() = 0;

  virtual const std::string& path() const = 0;
  virtual int frames_written() const = 0;
};

// Throws InputError naming the path for an unsupported extension, fps <= 0, a non-positive or
// (for H.264) odd size, or a destination that is a folder where a file is wanted (or the
// reverse); RuntimeError when OpenCV/FFmpeg cannot start the encoder.
std::unique_ptr<VideoWriter> OpenVideoWriter(const std::string& path, double fps, int width, int height);

namespace detail {
// "<dir>/<stem>.tmp-<pid>-<n><ext>", unique within the process.
std::string TemporarySibling(const std::string& path);
// InputError unless `bgr` is CV_8UC3 of `size`.
void CheckWriterFrame(const std::string& path, int frame, const cv::Mat& bgr, const cv::Size& size);
}  // namespace detail

}  // namespace handprop
