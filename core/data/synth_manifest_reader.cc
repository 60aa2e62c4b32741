// SPDX-License-Identifier: Apache-2.0
#include "core/data/synth_manifest_reader.h"

#include <nlohmann/json.hpp>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace handprop {

std::map<std::string, SynthSequenceFacts> ReadSynthManifest(const std::string& path) {
  std::map<std::string, SynthSequenceFacts> facts;
  if (path.empty()) return facts;
  try {
    const nlohmann::json manifest = nlohmann::json::parse(ReadFileToString(path));
    for (const nlohmann::json& s : manifest.at("sequences")) {
      SynthSequenceFacts& f = facts[s.at("name").get<std::string>()];
      f.split = s.at("split").get<std::string>();
      for (const nlohmann::json& g : s.at("gestures"))
        f.gestures.emplace_back(g.at("first_frame").get<int>(), g.at("last_frame").get<int>());
    }
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path + ": not a synth.json manifest (" + e.what() + ")");
  }
  return facts;
}

std::vector<std::string> SynthSplitSequences(const std::string& path, const std::string& split) {
  std::vector<std::string> names;
  for (const auto& [name, facts] : ReadSynthManifest(path))
    if (facts.split == split) names.push_back(name);
  if (names.empty()) throw InputError(path + ": has no sequence in split '" + split + "'");
  return names;
}

}  // namespace handprop
