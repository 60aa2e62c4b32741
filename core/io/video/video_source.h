// SPDX-License-Identifier: Apache-2.0
// Frame-accurate, random access to the frames of a video: a video file decoded by FFmpeg through
// OpenCV (mp4, mov, mkv, avi, ...) or a folder of images in natural order (docs/video.md).
//
// Frames are cv::Mat CV_8UC3 in BGR order, width() x height(), owned by the caller (never shared
// with the source or a cache). ReadFrame(i) returns exactly the frame that decoding the video
// from the start would give as its i-th frame, whatever the order of the calls.
//
// Errors (one line, naming the file first):
//  - OpenVideoSource: missing path, unreadable file, a file FFmpeg cannot open (not a video, or a
//    truncated mp4 whose index is lost), no decodable frame, an empty image folder or images of
//    different sizes -> InputError.
//  - ReadFrame: index outside [0, frame_count()) -> InputError; a frame that cannot be decoded
//    (truncated or corrupt file) -> InputError "clip.mkv: frame 212: cannot be decoded (the file
//    is truncated or corrupt; frames 0-180 are readable)". The source stays usable: the other
//    frames can still be read.
//
// Threads: a VideoSource is not thread-safe. Use one per thread (open the same path several
// times; sources share nothing).
#pragma once

#include <memory>
#include <opencv2/core/mat.hpp>
#include <string>

namespace handprop {

class VideoSource {
 public:
  virtual ~VideoSource() = default;

  // The path the source was opened with (used in every error message).
  virtual const std::string& path() const = 0;
  // Frames as the container (or folder) reports them. A truncated file may report more frames
  // than it holds; reading those throws the error above.
  virtual int frame_count() const = 0;
  // Frames per second; 0 for an image folder opened without a rate.
  virtual double fps() const = 0;
  virtual int width() const = 0;
  virtual int height() const = 0;
  // Frame `index` (0-based) as CV_8UC3 BGR. Throws InputError as described above.
  virtual cv::Mat ReadFrame(int index) = 0;

 protected:
  // Throws InputError "<path>: frame <index> is out of range (... has N frames: 0-(N-1))".
  void CheckFrameIndex(int index) const;
};

struct VideoSourceOptions {
  // Frame rate reported by image-folder sources (video files report their own). >= 0.
  double image_folder_fps = 0.0;

  std::string Check() const;
};

// A directory -> ImageFolderSource; anything else -> FfmpegVideoSource (CAP_FFMPEG).
// Throws InputError naming the path (see above); options failing Check() -> InputError.
std::unique_ptr<VideoSource> OpenVideoSource(const std::string& path, const VideoSourceOptions& options = {});

}  // namespace handprop
