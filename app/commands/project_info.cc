// SPDX-License-Identifier: Apache-2.0
#include "app/commands/project_info.h"

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "app/command_table.h"
#include "core/io/store/project_store.h"

namespace handprop::cli {

int PrintProjectInfo(const std::string& path, bool json) {
  StoreOpenOptions open;
  open.read_only = true;
  const ProjectStore store = ProjectStore::Open(path, open);
  const StoreInfo info = store.Info();
  std::map<int64_t, int> labels_per_video;
  for (const LabelRecord& label : store.AllLabels()) ++labels_per_video[label.video_id];

  nlohmann::json facts = {{"path", info.path},
                          {"name", info.meta.name},
                          {"role", ProjectRoleName(info.meta.role)},
                          {"schema_version", info.schema_version},
                          {"created_by", info.meta.created_by_version},
                          {"file_bytes", info.file_bytes},
                          {"rows", info.rows}};
  for (const auto& [provenance, count] : info.labels_per_provenance) facts["labels"][ProvenanceName(provenance)] = count;
  nlohmann::json videos = nlohmann::json::array();
  for (const VideoRecord& v : store.Videos())
    videos.push_back({{"id", v.id}, {"path", v.path}, {"sequence", v.sequence}, {"camera", v.camera_index},
                      {"frames", v.frame_count}, {"fps", v.fps}, {"size", {v.width, v.height}},
                      {"labelled_frames", labels_per_video[v.id]}});
  facts["videos"] = videos;
  if (json) {
    std::printf("%s\n", facts.dump(2).c_str());
    return kExitOk;
  }
  std::printf("%s (%s, %s, schema %d, %.1f MB)\n", info.path.c_str(), info.meta.name.c_str(), ProjectRoleName(info.meta.role),
              info.schema_version, info.file_bytes / 1e6);
  std::printf("  videos %lld, frames %lld, hands %lld, history %lld changes\n",
              static_cast<long long>(info.rows.count("videos") ? info.rows.at("videos") : 0),
              static_cast<long long>(info.rows.count("frames") ? info.rows.at("frames") : 0),
              static_cast<long long>(info.rows.count("hands") ? info.rows.at("hands") : 0),
              static_cast<long long>(info.rows.count("history") ? info.rows.at("history") : 0));
  std::printf("  labels:");
  for (const auto& [provenance, count] : info.labels_per_provenance)
    std::printf(" %s %lld", ProvenanceName(provenance), static_cast<long long>(count));
  std::printf("\n");
  for (const VideoRecord& v : store.Videos())
    std::printf("  [%lld] %s cam%d  %d frames @ %.3g fps  %dx%d  %d labelled  %s\n", static_cast<long long>(v.id),
                v.sequence.c_str(), v.camera_index, v.frame_count, v.fps, v.width, v.height, labels_per_video[v.id],
                v.path.c_str());
  return kExitOk;
}

}  // namespace handprop::cli
