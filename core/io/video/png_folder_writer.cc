// SPDX-License-Identifier: Apache-2.0
#include "core/io/video/png_folder_writer.h"

#include <fcntl.h>   // AT_FDCWD
#include <stdio.h>   // renameat2, RENAME_EXCHANGE (glibc 2.28+)

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <vector>

#include "core/util/error.h"

namespace handprop {

namespace fs = std::filesystem;

PngFolderWriter::PngFolderWriter(const std::string& path, int width, int height)
    : path_(path), size_(width, height) {
  folder_ = path;
  while (folder_.size() > 1 && folder_.back() == '/') folder_.pop_back();
  tmp_folder_ = detail::TemporarySibling(folder_);
  std::error_code error;
  fs::create_directories(tmp_folder_, error);
  if (error) throw RuntimeError(path_ + ": cannot create the folder " + tmp_folder_ + " (" + error.message() + ")");
}

PngFolderWriter::~PngFolderWriter() {
  if (!closed_) Discard();
}

void PngFolderWriter::Discard() {
  std::error_code ignored;
  fs::remove_all(tmp_folder_, ignored);
  closed_ = true;
}

void PngFolderWriter::Write(const cv::Mat& bgr) {
  HP_CHECK(!closed_, path_, ": Write() after Close()");
  detail::CheckWriterFrame(path_, frames_, bgr, size_);
  char name[32];
  std::snprintf(name, sizeof(name), "%06d.png", frames_);
  const std::string file = (fs::path(tmp_folder_) / name).string();
  // Fast, lossless and deterministic; level 1 keeps synthetic-data writing cheap.
  if (!cv::imwrite(file, bgr, {cv::IMWRITE_PNG_COMPRESSION, 1}))
    throw RuntimeError(path_ + ": cannot write frame " + std::to_string(frames_) + " as " + file);
  ++frames_;
}

void PngFolderWriter::Close() {
  HP_CHECK(!closed_, path_, ": Close() called twice");
  if (frames_ == 0) {
    Discard();
    throw InputError(path_ + ": no frame was written, so no image folder was made");
  }
  closed_ = true;
  std::error_code error;
  if (fs::exists(folder_, error)) {
    // Swap the new folder and the old one in one step (Linux renameat2), so that there is never a
    // moment without a folder at the destination; then the old one, now at the temporary name, goes.
    if (::renameat2(AT_FDCWD, tmp_folder_.c_str(), AT_FDCWD, folder_.c_str(), RENAME_EXCHANGE) != 0) {
      const std::string reason = std::strerror(errno);
      fs::remove_all(tmp_folder_, error);
      throw RuntimeError(path_ + ": cannot swap the new folder into place (" + reason + ")");
    }
    fs::remove_all(tmp_folder_, error);
    return;
  }
  fs::rename(tmp_folder_, folder_, error);
  if (error) {
    const std::string reason = error.message();
    fs::remove_all(tmp_folder_, error);
    throw RuntimeError(path_ + ": cannot move the new folder into place (" + reason + ")");
  }
}

}  // namespace handprop
