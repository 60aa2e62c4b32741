// SPDX-License-Identifier: Apache-2.0
#include "core/util/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/util/error.h"

namespace handprop {
namespace {

std::string TempPathFor(const std::string& path) {
  return path + ".tmp-" + std::to_string(::getpid());
}

void RemoveQuietly(const std::string& path) {
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
}

void RenameOver(const std::string& from, const std::string& to) {
  if (std::rename(from.c_str(), to.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    RemoveQuietly(from);
    throw RuntimeError(to + ": cannot replace file (" + reason + ")");
  }
}

}  // namespace

void WriteFileAtomically(const std::string& path, std::string_view contents) {
  const std::string tmp = TempPathFor(path);
  std::FILE* file = std::fopen(tmp.c_str(), "wb");
  if (file == nullptr) {
    throw RuntimeError(path + ": cannot write file (" + std::strerror(errno) + ")");
  }
  const bool written = std::fwrite(contents.data(), 1, contents.size(), file) == contents.size();
  const bool flushed = std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
  const bool closed = std::fclose(file) == 0;
  if (!written || !flushed || !closed) {
    RemoveQuietly(tmp);
    throw RuntimeError(path + ": write failed (" + std::strerror(errno) + ")");
  }
  RenameOver(tmp, path);
}

void WriteFileAtomicallyWith(const std::string& path,
                             const std::function<void(const std::string&)>& write) {
  const std::string tmp = TempPathFor(path);
  try {
    write(tmp);
  } catch (...) {
    RemoveQuietly(tmp);
    throw;
  }
  if (!std::filesystem::exists(tmp)) {
    throw RuntimeError(path + ": the writer produced no file");
  }
  RenameOver(tmp, path);
}

std::string ReadFileToString(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(path + ": cannot open file" +
                     (std::filesystem::exists(path) ? " (permission denied?)" : " (no such file)"));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw RuntimeError(path + ": read failed");
  return buffer.str();
}

void WriteFolderAtomically(const std::string& folder, const std::function<void(const std::string&)>& write) {
  namespace fs = std::filesystem;
  fs::path target = fs::absolute(folder).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();  // "out/" -> "out"
  std::error_code error;
  if (fs::exists(target, error)) {
    if (!fs::is_directory(target, error)) throw InputError(folder + ": exists and is not a folder");
    if (!fs::is_empty(target, error)) throw InputError(folder + ": folder is not empty; choose another or remove it");
    struct stat self {}, parent {};
    if (::stat(target.c_str(), &self) == 0 && ::stat(target.parent_path().c_str(), &parent) == 0 && self.st_dev != parent.st_dev)
      throw InputError(folder + ": is a mount point; give a new folder inside it");
  }
  fs::create_directories(target.parent_path(), error);
  // A fresh temporary: never reuse what a killed run with the same pid left behind.
  fs::path temporary;
  for (int n = 0;; ++n) {
    temporary = target.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(n);
    if (fs::create_directory(temporary, error)) break;
    if (error || n > 1000) throw RuntimeError(temporary.string() + ": cannot create a temporary folder" + (error ? " (" + error.message() + ")" : ""));
  }
  try {
    write(temporary.string());
  } catch (...) {
    fs::remove_all(temporary, error);
    throw;
  }
  fs::rename(temporary, target, error);  // onto a missing or empty folder
  if (error)  // keep the finished work where it is
    throw RuntimeError(folder + ": cannot move the finished folder into place (" + error.message() + "); it is in " +
                       temporary.string());
}

}  // namespace handprop
