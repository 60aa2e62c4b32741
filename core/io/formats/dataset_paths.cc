// SPDX-License-Identifier: Apache-2.0
#include <filesystem>

#include "core/io/formats/dataset_files.h"
#include "core/util/option_check.h"

namespace fs = std::filesystem;

namespace handprop {

std::string DatasetReadOptions::Check() const {
  HP_OPTION_CHECK_GT(max_file_bytes, uint64_t{0});
  return {};
}

std::string FolderOf(const std::string& file) { return fs::absolute(file).lexically_normal().parent_path().string(); }

std::string PathForFile(const std::string& path, const std::string& folder) {
  if (path.empty()) return path;
  const fs::path relative = fs::absolute(path).lexically_normal().lexically_relative(folder);
  if (relative.empty() || *relative.begin() == "..") return fs::absolute(path).lexically_normal().string();
  return relative.generic_string();
}

std::string PathFromFile(const std::string& stored, const std::string& folder) {
  if (stored.empty() || fs::path(stored).is_absolute()) return stored;
  return (fs::path(folder) / stored).lexically_normal().string();
}

}  // namespace handprop
