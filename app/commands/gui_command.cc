// SPDX-License-Identifier: Apache-2.0
// `handprop gui [studio flags...]`: starts handprop-studio, the annotation workspace, from the
// folder this program lives in (the build tree's bin/ or the installed bindir), with the same
// flags (`handprop gui --project demo/project.hpj`). Replaces this process (execv), so the
// studio's exit code is the command's.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "app/command_table.h"
#include "core/util/error.h"

namespace handprop::cli {

int RunGuiCommand(int argc, char** argv) {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) throw RuntimeError("handprop gui: cannot find this program's folder (/proc/self/exe: " + error.message() + ")");
  const std::string studio = (self.parent_path() / "handprop-studio").string();
  if (!std::filesystem::exists(studio))
    throw RuntimeError(studio + ": not found; handprop-studio is built with -DHANDPROP_GUI_ENABLED=ON (the default)");
  std::vector<char*> arguments = {const_cast<char*>(studio.c_str())};
  for (int i = 1; i < argc; ++i) arguments.push_back(argv[i]);
  arguments.push_back(nullptr);
  execv(studio.c_str(), arguments.data());
  throw RuntimeError(studio + ": cannot start it: " + std::strerror(errno));
}

}  // namespace handprop::cli
