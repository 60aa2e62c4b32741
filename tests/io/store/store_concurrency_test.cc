// SPDX-License-Identifier: Apache-2.0
// A reader (the GUI) while a writer (a worker) writes: the reader sees whole committed
// transactions only, in this process and across processes (WAL).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include "core/io/store/project_store.h"
#include "core/io/store/sqlite_db.h"
#include "tests/io/store/child_process.h"
#include "tests/io/store/sample_labels.h"
#include "tests/io/store/store_test_util.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::SampleLabel;

TEST(StoreConcurrencyTest, ReaderSeesCommittedRowsOnly) {
  testing::TempDir dir;
  const std::string path = dir.File("p.hpj");
  const auto s = testing::CreateSampleProject(path, 100);
  ProjectStore writer = ProjectStore::Open(path);
  const ProjectStore reader = ProjectStore::Open(path, {true, 1000});
  for (int f = 0; f < 10; ++f) {
    writer.PutLabel(SampleLabel(s.video_id, f, s.hand_id, f));
    ASSERT_EQ(reader.LabelCount(), f + 1);
  }
  // An open, uncommitted write transaction in a third connection is invisible to the reader.
  SqliteDb raw = SqliteDb::Open(path, {false, false, 1000});
  raw.Exec("BEGIN IMMEDIATE; DELETE FROM labels; DELETE FROM history");
  EXPECT_EQ(reader.AllLabels().size(), 10u);
  EXPECT_EQ(reader.History(testing::Newest(0)).size(), 10u);
  raw.Exec("COMMIT");
  EXPECT_EQ(reader.LabelCount(), 0);
}

TEST(StoreConcurrencyTest, ReaderWhileAWorkerProcessWrites) {
  testing::TempDir dir;
  const std::string path = dir.File("p.hpj");
  const auto s = testing::CreateSampleProject(path, 2000);
  constexpr int kLabels = 600, kBatch = 40;
  testing::ChildProcess worker({HANDPROP_STORE_KILL_WRITER, path, std::to_string(s.video_id), std::to_string(s.hand_id),
                                "bulk", "0", std::to_string(kLabels), std::to_string(kBatch)});
  const ProjectStore reader = ProjectStore::Open(path, {true, 5000});
  int reported = 0, last_seen = 0, reads = 0;
  bool done = false;
  while (!done) {
    ASSERT_FALSE(worker.at_eof()) << "the worker stopped after " << reported << " labels";
    while (const auto line = worker.ReadLine(0)) {
      done = done || *line == "done";
      reported = testing::CommittedCount(*line, reported);
    }
    const auto labels = reader.AllLabels();
    ++reads;
    const int n = static_cast<int>(labels.size());
    ASSERT_GE(n, reported);         // everything reported before the read is visible
    ASSERT_GE(n, last_seen);        // never goes back
    ASSERT_EQ(n % kBatch, 0);       // whole transactions only
    for (int i = last_seen; i < n; ++i)
      ASSERT_TRUE(testing::LabelsEqual(labels[i], SampleLabel(s.video_id, i, s.hand_id, static_cast<uint32_t>(i))));
    last_seen = n;
  }
  const int status = worker.Wait();
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(reader.LabelCount(), kLabels);
  EXPECT_GT(reads, 1);
}

}  // namespace
}  // namespace handprop
