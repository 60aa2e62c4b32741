// SPDX-License-Identifier: Apache-2.0
#include "core/util/atomic_file.h"

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

}  // namespace handprop
