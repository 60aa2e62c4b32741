// SPDX-License-Identifier: Apache-2.0
#include <cstdio>

#include "core/io/formats/hanco.h"

namespace handprop {

std::string HanCoSequenceName(int sid) {
  char name[16];
  std::snprintf(name, sizeof(name), "%04d", sid);
  return name;
}

std::string HanCoFrameName(int fid) {
  char name[16];
  std::snprintf(name, sizeof(name), "%08d", fid);
  return name;
}

std::string HanCoCameraFile(const std::string& root, const std::string& kind, int sid, int camera, int fid,
                            const std::string& extension) {
  return root + "/" + kind + "/" + HanCoSequenceName(sid) + "/cam" + std::to_string(camera) + "/" +
         HanCoFrameName(fid) + extension;
}

std::string HanCoFrameFile(const std::string& root, const std::string& kind, int sid, int fid) {
  return root + "/" + kind + "/" + HanCoSequenceName(sid) + "/" + HanCoFrameName(fid) + ".json";
}

}  // namespace handprop
