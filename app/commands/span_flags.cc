// SPDX-License-Identifier: Apache-2.0
#include "app/commands/span_flags.h"

#include <filesystem>
#include <stdexcept>

#include "core/io/store/project_store.h"
#include "core/util/error.h"

namespace handprop::cli {

void ParseFrameSpan(const std::string& text, int& first, int& last) {
  const size_t colon = text.find(':');
  try {
    if (colon == std::string::npos) throw std::invalid_argument("no colon");
    const std::string a = text.substr(0, colon), b = text.substr(colon + 1);
    size_t used = 0;
    first = a.empty() ? 0 : std::stoi(a, &used);
    if (!a.empty() && used != a.size()) throw std::invalid_argument("junk");
    last = b.empty() ? -1 : std::stoi(b, &used);
    if (!b.empty() && used != b.size()) throw std::invalid_argument("junk");
  } catch (const std::exception&) {
    throw InputError("--frames: '" + text + "' is not first:last (e.g. 0:119, 40:, :99)");
  }
}

int64_t ResolveProjectVideo(const std::string& project, const std::string& text) {
  const ProjectStore store = ProjectStore::Open(project, StoreOpenOptions::ReadOnly());
  for (const VideoRecord& v : store.Videos()) {
    if (text == std::to_string(v.id) || text == v.path || text == std::filesystem::path(v.path).filename().string()) return v.id;
  }
  throw InputError("--video: " + project + " has no video '" + text + "' (give its id, path or file name)");
}

}  // namespace handprop::cli
