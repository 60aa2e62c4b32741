// SPDX-License-Identifier: Apache-2.0
// The crash test, for real: a writer process (store_kill_writer) commits labels one transaction
// at a time or in bulk transactions, is killed with SIGKILL at seeded moments, and the project
// must then open with every label the writer reported as committed, intact, and stay writable.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <random>

#include "core/io/store/project_store.h"
#include "tests/io/store/child_process.h"
#include "tests/io/store/sample_labels.h"
#include "tests/io/store/store_test_util.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

constexpr int kFrames = 50000;  // more than any writer gets to before the kill

struct KillCase {
  const char* mode;
  int batch;
  int min_commits;   // kill once the writer reported at least this many labels ...
  int max_commits;   // ... drawn uniformly from [min, max]
};

void KillWriterAndCheck(const KillCase& c, uint32_t seed) {
  SCOPED_TRACE(std::string(c.mode) + " seed " + std::to_string(seed));
  testing::TempDir dir;
  const std::string path = dir.File("p.hpj");
  const auto s = testing::CreateSampleProject(path, kFrames);
  std::mt19937 rng(seed);
  const int kill_after = std::uniform_int_distribution<int>(c.min_commits, c.max_commits)(rng);
  const int extra_delay_us = std::uniform_int_distribution<int>(0, 20000)(rng);  // a bulk cycle is ~20 ms

  int reported = 0;
  {
    testing::ChildProcess writer({HANDPROP_STORE_KILL_WRITER, path, std::to_string(s.video_id), std::to_string(s.hand_id),
                                  c.mode, "0", std::to_string(kFrames), std::to_string(c.batch)});
    while (reported < kill_after) {
      const auto line = writer.ReadLine(20000);
      ASSERT_TRUE(line.has_value()) << "the writer stopped after " << reported << " labels";
      ASSERT_NE(*line, "done");
      reported = testing::CommittedCount(*line, reported);
    }
    ::usleep(static_cast<useconds_t>(extra_delay_us));  // land somewhere inside the next transactions
    const int status = writer.KillAndWait(SIGKILL);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "status " << status;
    // Lines the writer printed before it died still sit in the pipe.
    while (const auto line = writer.ReadLine(0)) reported = testing::CommittedCount(*line, reported);
  }

  ProjectStore store = ProjectStore::Open(path);
  EXPECT_EQ(store.IntegrityCheck(), "ok");
  const auto labels = store.AllLabels();
  const int n = static_cast<int>(labels.size());
  // Every reported commit is there; at most one more transaction committed before its report.
  ASSERT_GE(n, reported);
  ASSERT_LE(n, reported + c.batch);
  if (std::string(c.mode) == "bulk") {
    EXPECT_EQ(n % c.batch, 0) << "a bulk transaction was committed in part";
  }
  for (int i = 0; i < n; ++i) {
    ASSERT_EQ(labels[i].frame_index, i);
    ASSERT_TRUE(testing::LabelsEqual(labels[i], testing::SampleLabel(s.video_id, i, s.hand_id, static_cast<uint32_t>(i))));
  }
  // One history row per label, whose "after" is the label.
  const auto history = store.History(testing::Newest(0));
  ASSERT_EQ(static_cast<int>(history.size()), n);
  for (const HistoryEntry& h : history) {
    ASSERT_EQ(h.action, HistoryAction::kInsert);
    ASSERT_TRUE(h.after.has_value());
    ASSERT_TRUE(testing::LabelsEqual(*h.after, labels[h.frame_index], /*with_times=*/true));
  }
  // Writable again.
  store.PutLabel(testing::SampleLabel(s.video_id, kFrames - 1, s.hand_id, 1));
  EXPECT_EQ(store.LabelCount(), n + 1);
}

TEST(StoreKillTest, SingleTransactionWriterKilledAtSeededMoments) {
  for (uint32_t seed : {11u, 12u, 13u}) KillWriterAndCheck({"single", 1, 5, 400}, seed);
}

TEST(StoreKillTest, BulkTransactionWriterKilledAtSeededMoments) {
  for (uint32_t seed : {21u, 22u, 23u}) KillWriterAndCheck({"bulk", 500, 500, 4000}, seed);
}

}  // namespace
}  // namespace handprop
