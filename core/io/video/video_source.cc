// SPDX-License-Identifier: Apache-2.0
#include "core/io/video/video_source.h"

#include <filesystem>

#include "core/io/video/ffmpeg_video_source.h"
#include "core/io/video/image_folder_source.h"
#include "core/util/error.h"
#include "core/util/option_check.h"

namespace handprop {

void VideoSource::CheckFrameIndex(int index) const {
  const int n = frame_count();
  if (index >= 0 && index < n) return;
  throw InputError(path() + ": frame " + std::to_string(index) + " is out of range (the video has " +
                   std::to_string(n) + " frames: 0-" + std::to_string(n - 1) + ")");
}

std::string VideoSourceOptions::Check() const {
  HP_OPTION_CHECK_GE(image_folder_fps, 0.0);
  return {};
}

std::unique_ptr<VideoSource> OpenVideoSource(const std::string& path, const VideoSourceOptions& options) {
  if (const std::string problem = options.Check(); !problem.empty()) throw InputError(path + ": " + problem);
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    return std::make_unique<ImageFolderSource>(path, options.image_folder_fps);
  return std::make_unique<FfmpegVideoSource>(path);
}

}  // namespace handprop
