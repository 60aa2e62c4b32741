// SPDX-License-Identifier: Apache-2.0
// History rows and undo through RevertChange, walked Kdenlive-style: undo back to the start,
// asserting every state, then redo forward, across a close and reopen of the file.
#include <gtest/gtest.h>

#include "core/io/store/project_store.h"
#include "core/util/error.h"
#include "tests/io/store/sample_labels.h"
#include "tests/io/store/store_test_util.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::LabelsEqual;
using testing::SampleLabel;

TEST(StoreHistoryTest, InsertUpdateDeleteEachWriteOneRowWithBeforeAndAfter) {
  testing::TempDir dir;
  const auto s = testing::CreateSampleProject(dir.File("p.hpj"), 5);
  ProjectStore store = ProjectStore::Open(dir.File("p.hpj"));
  const LabelRecord first = SampleLabel(s.video_id, 2, s.hand_id, 0);
  LabelRecord second = SampleLabel(s.video_id, 2, s.hand_id, 4);  // corrected
  second.author = "bob";
  const int64_t h1 = store.PutLabel(first);
  const int64_t h2 = store.PutLabel(second);
  EXPECT_TRUE(store.DeleteLabel(s.video_id, 2, s.hand_id, "carol"));
  EXPECT_FALSE(store.DeleteLabel(s.video_id, 2, s.hand_id, "carol"));  // nothing left: no row
  EXPECT_FALSE(store.Label(s.video_id, 2, s.hand_id).has_value());

  const auto history = store.History(testing::Newest(100));
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[2].id, h1);
  EXPECT_EQ(history[2].action, HistoryAction::kInsert);
  EXPECT_FALSE(history[2].before.has_value());
  ASSERT_TRUE(history[2].after.has_value());
  EXPECT_TRUE(LabelsEqual(*history[2].after, first));
  EXPECT_EQ(history[1].id, h2);
  EXPECT_EQ(history[1].action, HistoryAction::kUpdate);
  EXPECT_EQ(history[1].author, "bob");
  EXPECT_TRUE(LabelsEqual(*history[1].before, first));
  EXPECT_TRUE(LabelsEqual(*history[1].after, second));
  EXPECT_EQ(history[1].after->created_at_ms, history[1].before->created_at_ms);  // an update keeps created_at
  EXPECT_EQ(history[0].action, HistoryAction::kDelete);
  EXPECT_EQ(history[0].author, "carol");
  EXPECT_TRUE(LabelsEqual(*history[0].before, second));
  EXPECT_FALSE(history[0].after.has_value());
  EXPECT_EQ(history[0].video_id, s.video_id);
  EXPECT_EQ(history[0].frame_index, 2);
  EXPECT_EQ(history[0].hand_id, s.hand_id);
  for (const auto& e : history) EXPECT_FALSE(e.reverts.has_value());
}

TEST(StoreHistoryTest, QueriesFilterAndLimit) {
  testing::TempDir dir;
  const auto s = testing::CreateSampleProject(dir.File("p.hpj"), 6);
  ProjectStore store = ProjectStore::Open(dir.File("p.hpj"));
  for (int round = 0; round < 2; ++round)
    for (int f = 0; f < 6; ++f) store.PutLabel(SampleLabel(s.video_id, f, s.hand_id, 10 * round + f));
  EXPECT_EQ(store.History(testing::Newest(0)).size(), 12u);
  EXPECT_EQ(store.History(testing::Newest(5)).size(), 5u);
  const auto frame3 = store.History(testing::Newest(0, s.video_id, s.hand_id, 3));
  ASSERT_EQ(frame3.size(), 2u);
  EXPECT_EQ(frame3[0].action, HistoryAction::kUpdate);
  EXPECT_EQ(frame3[1].action, HistoryAction::kInsert);
  EXPECT_TRUE(store.History(testing::Newest(0, s.video_id + 1)).empty());
}

TEST(StoreHistoryTest, UndoAndRedoWalkEveryStateAcrossReopen) {
  testing::TempDir dir;
  const std::string path = dir.File("p.hpj");
  const auto s = testing::CreateSampleProject(path, 5);
  // States of frame 1 after each change: none, A, B, none, C.
  std::vector<std::optional<LabelRecord>> states = {std::nullopt};
  std::vector<int64_t> changes;
  {
    ProjectStore store = ProjectStore::Open(path);
    for (uint32_t seed : {0u, 5u}) {
      const LabelRecord label = SampleLabel(s.video_id, 1, s.hand_id, seed);
      changes.push_back(store.PutLabel(label));
      states.push_back(label);
    }
    ASSERT_TRUE(store.DeleteLabel(s.video_id, 1, s.hand_id, "dave"));
    changes.push_back(store.History(testing::Newest(1))[0].id);
    states.push_back(std::nullopt);
    const LabelRecord c = SampleLabel(s.video_id, 1, s.hand_id, 3);
    changes.push_back(store.PutLabel(c));
    states.push_back(c);
  }
  const auto expect_state = [&](const ProjectStore& store, size_t i) {
    const auto current = store.Label(s.video_id, 1, s.hand_id);
    ASSERT_EQ(current.has_value(), states[i].has_value()) << "state " << i;
    if (current) {
      EXPECT_TRUE(LabelsEqual(*current, *states[i])) << "state " << i;
    }
  };
  // Undo newest first, reopening the file before every step: the undo stack lives in the file.
  std::vector<int64_t> undos;
  for (size_t i = changes.size(); i-- > 0;) {
    ProjectStore store = ProjectStore::Open(path);
    const int64_t undo = store.RevertChange(changes[i], "eve");
    ASSERT_GT(undo, 0);
    EXPECT_EQ(store.History(testing::Newest(1))[0].reverts, std::optional<int64_t>(changes[i]));
    undos.push_back(undo);
    expect_state(store, i);
  }
  // A restored label keeps its original creation time.
  {
    ProjectStore store = ProjectStore::Open(path);
    EXPECT_EQ(store.RevertChange(undos.back(), "eve") > 0, true);  // redo the first insert
    const auto redone = store.Label(s.video_id, 1, s.hand_id);
    ASSERT_TRUE(redone.has_value());
    EXPECT_EQ(redone->created_at_ms, store.History(testing::Newest(0)).back().after->created_at_ms);
    expect_state(store, 1);
  }
  // Redo forward: revert the undos, oldest undo last (the reverse of their order).
  for (size_t k = undos.size() - 1; k-- > 0;) {
    ProjectStore store = ProjectStore::Open(path);
    ASSERT_GT(store.RevertChange(undos[k], "eve"), 0);
    expect_state(store, changes.size() - k);
  }
  ProjectStore store = ProjectStore::Open(path);
  // Reverting to the state the label already has changes nothing and records nothing.
  const size_t rows = store.History(testing::Newest(0)).size();
  EXPECT_EQ(store.RevertChange(undos[0], "eve"), 0);
  EXPECT_EQ(store.History(testing::Newest(0)).size(), rows);
  EXPECT_THROW(store.RevertChange(999999, "eve"), InputError);
}

}  // namespace
}  // namespace handprop
