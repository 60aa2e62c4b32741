// SPDX-License-Identifier: Apache-2.0
#include "core/util/data_paths.h"

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "core/util/error.h"
#include "core/util/version.h"  // generated

namespace handprop {
namespace fs = std::filesystem;

std::string DataDirectory() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("HANDPROP_DATA_DIR"); env != nullptr && *env != '\0') candidates.emplace_back(env);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(exe.parent_path() / ".." / "share" / "handprop");
  candidates.emplace_back(kInstallDataDir);
  candidates.emplace_back(kBuildDataDir);
  std::string tried;
  for (const fs::path& dir : candidates) {
    if (fs::is_directory(dir, ec)) return fs::weakly_canonical(dir, ec).string();
    tried += (tried.empty() ? "" : ", ") + dir.string();
  }
  throw RuntimeError("cannot find HandProp's data folder (tried " + tried + "); set HANDPROP_DATA_DIR");
}

std::string DataFile(const std::string& relative) {
  const fs::path path = fs::path(DataDirectory()) / relative;
  if (!fs::exists(path)) throw RuntimeError(path.string() + ": shipped data file is missing; reinstall or rebuild");
  return path.string();
}

}  // namespace handprop
