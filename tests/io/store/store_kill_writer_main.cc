// SPDX-License-Identifier: Apache-2.0
// Helper process for store_kill_test and store_concurrency_test: writes the deterministic
// SampleLabel of frames first..first+count-1 (seed = frame index) and prints "committed N" to
// stdout, flushed, after each commit, where N is the number of labels committed so far.
//   store_kill_writer <project> <video_id> <hand_id> <single|bulk> <first> <count> <batch>
// single: one PutLabel (one transaction) per label; bulk: PutLabels of `batch` labels at a time.
// Exits 0 after "done", 1 on bad arguments, 2 when the store throws.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "tests/io/store/sample_labels.h"

int main(int argc, char** argv) {
  if (argc != 8) {
    std::fprintf(stderr, "usage: %s <project> <video_id> <hand_id> <single|bulk> <first> <count> <batch>\n", argv[0]);
    return 1;
  }
  const std::string mode = argv[4];
  const long long video = std::atoll(argv[2]), hand = std::atoll(argv[3]);
  const int first = std::atoi(argv[5]), count = std::atoi(argv[6]), batch = std::atoi(argv[7]);
  if ((mode != "single" && mode != "bulk") || count < 0 || batch < 1) {
    std::fprintf(stderr, "%s: bad arguments\n", argv[0]);
    return 1;
  }
  try {
    handprop::ProjectStore store = handprop::ProjectStore::Open(argv[1]);
    int committed = 0;
    while (committed < count) {
      const int n = mode == "single" ? 1 : std::min(batch, count - committed);
      std::vector<handprop::LabelRecord> labels;
      for (int i = 0; i < n; ++i) {
        const int frame = first + committed + i;
        labels.push_back(handprop::testing::SampleLabel(video, frame, hand, static_cast<uint32_t>(frame)));
      }
      if (mode == "single") {
        store.PutLabel(labels[0]);
      } else {
        store.PutLabels(labels);
      }
      committed += n;
      std::printf("committed %d\n", committed);
      std::fflush(stdout);
    }
    std::printf("done\n");
    std::fflush(stdout);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  return 0;
}
