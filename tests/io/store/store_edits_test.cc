// SPDX-License-Identifier: Apache-2.0
// The edit journal: multi-label edits that undo and redo as one step, walked Kdenlive-style
// (undo to the start asserting every label state, then redo forward), across a close and reopen;
// the redo branch, keep_human_labels, refusals that change nothing, read-only, and migration.
#include <gtest/gtest.h>

#include <map>

#include "core/io/store/project_store.h"
#include "core/io/store/sqlite_db.h"
#include "core/io/store/store_schema.h"
#include "core/util/error.h"
#include "tests/io/store/sample_labels.h"
#include "tests/io/store/store_test_util.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

using testing::LabelsEqual;
using testing::SampleLabel;

constexpr int kFrames = 8;
using State = std::map<int, std::optional<LabelRecord>>;  // frame -> its label, for every frame

State StateOf(const ProjectStore& store, const testing::SampleProject& s) {
  State state;
  for (int f = 0; f < kFrames; ++f) state[f] = store.Label(s.video_id, f, s.hand_id);
  return state;
}

::testing::AssertionResult SameState(const State& expected, const State& actual) {
  for (const auto& [frame, label] : expected) {
    const auto& other = actual.at(frame);
    if (label.has_value() != other.has_value())
      return ::testing::AssertionFailure() << "frame " << frame << ": label present " << other.has_value() << ", expected "
                                           << label.has_value();
    if (label) {
      if (auto same = LabelsEqual(*label, *other); !same) return same;
      if (label->created_at_ms != other->created_at_ms) return ::testing::AssertionFailure() << "frame " << frame << ": created_at";
    }
  }
  return ::testing::AssertionSuccess();
}

std::vector<EditState> States(const std::vector<EditRecord>& stack) {
  std::vector<EditState> states;
  for (const EditRecord& e : stack) states.push_back(e.state);
  return states;
}

std::vector<int64_t> Ids(const std::vector<EditRecord>& stack) {
  std::vector<int64_t> ids;
  for (const EditRecord& e : stack) ids.push_back(e.id);
  return ids;
}

// The newest history rows are `made` (oldest first), and each reverts `reverted` newest first:
// what an undo (or redo) that reverted `reverted` must have recorded.
::testing::AssertionResult MadeByReverting(const ProjectStore& store, const std::vector<int64_t>& made,
                                           const std::vector<int64_t>& reverted) {
  if (made.size() != reverted.size()) return ::testing::AssertionFailure() << made.size() << " ids for " << reverted.size() << " changes";
  const auto newest = store.History(testing::Newest(static_cast<int>(made.size())));
  for (size_t i = 0; i < made.size(); ++i)
    if (newest[i].id != made[made.size() - 1 - i] || newest[i].reverts != std::optional<int64_t>(reverted[i]))
      return ::testing::AssertionFailure() << "history " << newest[i].id << " is not the revert of " << reverted[i];
  return ::testing::AssertionSuccess();
}

StoreOpenOptions ReadOnly() {
  StoreOpenOptions options;
  options.read_only = true;
  return options;
}

EditRequest Puts(const std::string& text, const std::vector<LabelRecord>& puts, std::vector<LabelKey> deletes = {}) {
  EditRequest request;
  request.text = text;
  request.author = "ana";
  request.puts = puts;
  request.deletes = std::move(deletes);
  return request;
}

// A project with labels on frames 0 and 1 (made outside the journal) and three edits; `states`
// gets the label state before the edits and after each, `edits` their ids.
struct Scenario {
  testing::SampleProject s;
  std::vector<State> states;
  std::vector<int64_t> edits;
};

Scenario MakeScenario(const std::string& path) {
  Scenario sc;
  sc.s = testing::CreateSampleProject(path, kFrames);
  const auto& s = sc.s;
  StoreOpenOptions fixed_time;
  fixed_time.fixed_time_ms = 1700000000000;
  ProjectStore store = ProjectStore::Open(path, fixed_time);
  store.PutLabels({SampleLabel(s.video_id, 0, s.hand_id, 0), SampleLabel(s.video_id, 1, s.hand_id, 3)});
  sc.states.push_back(StateOf(store, s));
  sc.edits.push_back(store.ApplyEdit(Puts("Accept propagation", {SampleLabel(s.video_id, 2, s.hand_id, 8),
                                                                  SampleLabel(s.video_id, 3, s.hand_id, 14),
                                                                  SampleLabel(s.video_id, 4, s.hand_id, 20)})));
  sc.states.push_back(StateOf(store, s));
  sc.edits.push_back(store.ApplyEdit(Puts("Move hand", {SampleLabel(s.video_id, 2, s.hand_id, 30), SampleLabel(s.video_id, 5, s.hand_id, 36)},
                                          {{s.video_id, 0, s.hand_id}})));
  sc.states.push_back(StateOf(store, s));
  sc.edits.push_back(store.ApplyEdit(Puts("Rotate joint index_2", {SampleLabel(s.video_id, 1, s.hand_id, 42)})));
  sc.states.push_back(StateOf(store, s));
  return sc;
}

TEST(StoreEditsTest, ThreeEditsUndoToTheStartAndRedoForwardAcrossReopen) {
  testing::TempDir dir;
  const std::string path = dir.File("p.hpj");
  const Scenario sc = MakeScenario(path);
  ASSERT_EQ(sc.edits, (std::vector<int64_t>{1, 2, 3}));
  for (size_t k = 1; k < sc.states.size(); ++k) EXPECT_FALSE(SameState(sc.states[k - 1], sc.states[k])) << "edit " << k;
  {
    ProjectStore store = ProjectStore::Open(path);
    const auto stack = store.EditStack();
    ASSERT_EQ(Ids(stack), sc.edits);
    EXPECT_EQ(States(stack), std::vector<EditState>(3, EditState::kDone));
    EXPECT_EQ(stack[0].text, "Accept propagation");
    EXPECT_EQ(stack[0].author, "ana");
    EXPECT_EQ(stack[0].time_ms, 1700000000000);
    EXPECT_EQ(stack[0].changes.size(), 3u);
    EXPECT_EQ(stack[1].changes.size(), 3u);  // two puts and a delete
    EXPECT_EQ(stack[2].changes.size(), 1u);
    EXPECT_TRUE(stack[2].undo_changes.empty());
    // The history rows the edit lists are its changes, written under the edit's author.
    const auto history = store.History(testing::Newest(0));
    EXPECT_EQ(history.size(), 2u + 7u);
    EXPECT_EQ(history[0].id, stack[2].changes[0]);
    EXPECT_EQ(history[0].author, "ana");
    EXPECT_EQ(history[1].action, HistoryAction::kDelete);
    EXPECT_EQ(history[1].id, stack[1].changes[2]);
  }
  for (int round = 0; round < 2; ++round) {
    for (int k = 2; k >= 0; --k) {
      ProjectStore store = ProjectStore::Open(path);  // every step across a close and reopen
      store.UndoEdit(sc.edits[static_cast<size_t>(k)], "bob");
      EXPECT_TRUE(SameState(sc.states[static_cast<size_t>(k)], StateOf(store, sc.s))) << "round " << round << " undo " << k;
      const EditRecord undone = store.EditStack()[static_cast<size_t>(k)];
      EXPECT_EQ(undone.state, EditState::kUndone);
      EXPECT_TRUE(MadeByReverting(store, undone.undo_changes, undone.changes));
    }
    for (int k = 0; k < 3; ++k) {
      ProjectStore store = ProjectStore::Open(path);
      store.RedoEdit(sc.edits[static_cast<size_t>(k)], "bob");
      EXPECT_TRUE(SameState(sc.states[static_cast<size_t>(k) + 1], StateOf(store, sc.s))) << "round " << round << " redo " << k;
      const EditRecord redone = store.EditStack()[static_cast<size_t>(k)];
      EXPECT_EQ(redone.state, EditState::kDone);
      EXPECT_TRUE(MadeByReverting(store, redone.changes, redone.undo_changes));
    }
  }
  ProjectStore store = ProjectStore::Open(path);
  EXPECT_EQ(States(store.EditStack()), std::vector<EditState>(3, EditState::kDone));
  EXPECT_EQ(store.History(testing::Newest(1))[0].author, "bob");
  EXPECT_EQ(store.IntegrityCheck(), "ok");
}

TEST(StoreEditsTest, APartiallyUndoneStackSurvivesReopenAndLimitKeepsTheNewestDone) {
  testing::TempDir dir;
  const std::string path = dir.File("p.hpj");
  const Scenario sc = MakeScenario(path);
  {
    ProjectStore store = ProjectStore::Open(path);
    store.UndoEdit(3, "ana");
    store.UndoEdit(2, "ana");
  }
  ProjectStore store = ProjectStore::Open(path);
  EXPECT_TRUE(SameState(sc.states[1], StateOf(store, sc.s)));
  const auto stack = store.EditStack();
  EXPECT_EQ(Ids(stack), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(States(stack), (std::vector<EditState>{EditState::kDone, EditState::kUndone, EditState::kUndone}));
  EXPECT_EQ(Ids(store.EditStack(1)), (std::vector<int64_t>{1, 2, 3}));
  store.RedoEdit(2, "ana");
  EXPECT_TRUE(SameState(sc.states[2], StateOf(store, sc.s)));
  EXPECT_EQ(Ids(store.EditStack(1)), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(States(store.EditStack(1)), (std::vector<EditState>{EditState::kDone, EditState::kUndone}));
  EXPECT_EQ(Ids(store.EditStack(5)), (std::vector<int64_t>{1, 2, 3}));
}

TEST(StoreEditsTest, ANewEditAfterUndoDropsTheRedoBranchAndANoOpEditDoesNot) {
  testing::TempDir dir;
  const std::string path = dir.File("p.hpj");
  const Scenario sc = MakeScenario(path);
  const auto& s = sc.s;
  ProjectStore store = ProjectStore::Open(path);
  store.UndoEdit(3, "ana");
  store.UndoEdit(2, "ana");
  // Identical to the current label and a delete of a missing one: no edit, the branch stays.
  const LabelRecord current = *store.Label(s.video_id, 2, s.hand_id);
  EXPECT_EQ(store.ApplyEdit(Puts("Nothing", {current}, {{s.video_id, 6, s.hand_id}})), 0);
  EXPECT_EQ(store.ApplyEdit(Puts("Nothing at all", {})), 0);
  EXPECT_EQ(States(store.EditStack()), (std::vector<EditState>{EditState::kDone, EditState::kUndone, EditState::kUndone}));

  const int64_t fourth = store.ApplyEdit(Puts("Scale hand", {SampleLabel(s.video_id, 6, s.hand_id, 48)}));
  EXPECT_EQ(fourth, 4);
  EXPECT_EQ(Ids(store.EditStack()), (std::vector<int64_t>{1, 4}));
  EXPECT_EQ(States(store.EditStack()), (std::vector<EditState>{EditState::kDone, EditState::kDone}));
  EXPECT_EQ(testing::ErrorMessageOf<InputError>([&] { store.RedoEdit(2, "ana"); }),
            path + ": edit 2 cannot be redone: it is dropped");
  store.UndoEdit(4, "ana");
  store.UndoEdit(1, "ana");
  EXPECT_TRUE(SameState(sc.states[0], StateOf(store, s)));
  EXPECT_EQ(Ids(store.EditStack()), (std::vector<int64_t>{1, 4}));
}

TEST(StoreEditsTest, KeepHumanLabelsSkipsManualCorrectedAndVerifiedAndCountsThem) {
  testing::TempDir dir;
  const auto s = testing::CreateSampleProject(dir.File("p.hpj"), kFrames);
  ProjectStore store = ProjectStore::Open(dir.File("p.hpj"));
  std::vector<LabelRecord> before;  // frame p has provenance p: all six
  for (int p = 0; p < kNumProvenances; ++p) before.push_back(SampleLabel(s.video_id, p, s.hand_id, static_cast<uint32_t>(p)));
  store.PutLabels(before);
  std::vector<LabelRecord> results;  // predicted labels for frames 0..6 (frame 6 has none yet)
  for (int f = 0; f <= kNumProvenances; ++f) results.push_back(SampleLabel(s.video_id, f, s.hand_id, 9 + 6 * static_cast<uint32_t>(f)));
  EditRequest request = Puts("Accept predictions", results);
  request.keep_human_labels = true;
  const int64_t id = store.ApplyEdit(request);
  ASSERT_GT(id, 0);
  const EditRecord edit = store.EditStack().back();
  EXPECT_EQ(edit.skipped_human, 3);
  EXPECT_EQ(edit.changes.size(), 4u);
  for (int f = 0; f <= kNumProvenances; ++f) {
    const auto label = store.Label(s.video_id, f, s.hand_id);
    ASSERT_TRUE(label.has_value());
    const bool human = f < kNumProvenances && IsHumanProvenance(static_cast<Provenance>(f));
    EXPECT_TRUE(LabelsEqual(*label, human ? before[static_cast<size_t>(f)] : results[static_cast<size_t>(f)])) << f;
  }
  store.UndoEdit(id, "ana");
  for (int p = 0; p < kNumProvenances; ++p) EXPECT_TRUE(LabelsEqual(*store.Label(s.video_id, p, s.hand_id), before[static_cast<size_t>(p)]));
  EXPECT_FALSE(store.Label(s.video_id, kNumProvenances, s.hand_id).has_value());
  // Every put skipped: nothing changed, no edit.
  request.puts = {SampleLabel(s.video_id, 0, s.hand_id, 9)};
  EXPECT_EQ(store.ApplyEdit(request), 0);
  // Without the flag a person's label is replaced like any other.
  request.keep_human_labels = false;
  EXPECT_GT(store.ApplyEdit(request), 0);
  EXPECT_EQ(store.Label(s.video_id, 0, s.hand_id)->provenance, Provenance::kPredicted);
  EXPECT_EQ(store.EditStack().back().skipped_human, 0);
}

TEST(StoreEditsTest, UndoOfANonNewestAndRedoOfANonOldestEditThrowAndChangeNothing) {
  testing::TempDir dir;
  const std::string path = dir.File("p.hpj");
  const Scenario sc = MakeScenario(path);
  ProjectStore store = ProjectStore::Open(path);
  const auto unchanged = [&](const State& state, const std::vector<EditState>& states) {
    EXPECT_TRUE(SameState(state, StateOf(store, sc.s)));
    EXPECT_EQ(States(store.EditStack()), states);
  };
  const size_t history = store.History(testing::Newest(0)).size();
  const auto undo = [&](int64_t id) { return testing::ErrorMessageOf<InputError>([&] { store.UndoEdit(id, "ana"); }); };
  const auto redo = [&](int64_t id) { return testing::ErrorMessageOf<InputError>([&] { store.RedoEdit(id, "ana"); }); };
  const EditState done = EditState::kDone, undone = EditState::kUndone;
  EXPECT_EQ(undo(1), path + ": edit 1 cannot be undone: edit 3 is newer");
  EXPECT_EQ(undo(2), path + ": edit 2 cannot be undone: edit 3 is newer");
  EXPECT_EQ(undo(99), path + ": edit 99 cannot be undone: no such edit");
  EXPECT_EQ(redo(3), path + ": edit 3 cannot be redone: it is done");
  unchanged(sc.states[3], {done, done, done});
  EXPECT_EQ(store.History(testing::Newest(0)).size(), history);
  store.UndoEdit(3, "ana");
  store.UndoEdit(2, "ana");
  EXPECT_EQ(redo(3), path + ": edit 3 cannot be redone: edit 2 is undone and older");
  EXPECT_EQ(undo(3), path + ": edit 3 cannot be undone: it is undone");
  EXPECT_EQ(redo(0), path + ": edit 0 cannot be redone: no such edit");
  unchanged(sc.states[1], {done, undone, undone});
  EXPECT_EQ(store.History(testing::Newest(0)).size(), history + 4);
}

TEST(StoreEditsTest, ABadLabelThrowsAndLeavesTheStoreAndTheJournalUnchanged) {
  testing::TempDir dir;
  const std::string path = dir.File("p.hpj");
  const Scenario sc = MakeScenario(path);
  const auto& s = sc.s;
  ProjectStore store = ProjectStore::Open(path);
  store.UndoEdit(3, "ana");  // a redo branch that a failed edit must not drop
  const size_t history = store.History(testing::Newest(0)).size();
  const auto expect_unchanged = [&] {
    EXPECT_TRUE(SameState(sc.states[2], StateOf(store, s)));
    EXPECT_EQ(States(store.EditStack()), (std::vector<EditState>{EditState::kDone, EditState::kDone, EditState::kUndone}));
    EXPECT_EQ(store.History(testing::Newest(0)).size(), history);
  };
  LabelRecord bad = SampleLabel(s.video_id, 7, s.hand_id, 50);
  bad.params.pose[5] = std::nan("");
  EXPECT_EQ(testing::ErrorMessageOf<InputError>(
                [&] { store.ApplyEdit(Puts("Bad", {SampleLabel(s.video_id, 6, s.hand_id, 54), bad}, {{s.video_id, 1, s.hand_id}})); }),
            path + ": label (video 1, frame 7, hand 1): pose[5] = nan is not finite");
  expect_unchanged();
  // A put of an unknown frame, after a valid put, also writes nothing; so does a bad delete.
  EXPECT_NE(testing::ErrorMessageOf<InputError>([&] {
              store.ApplyEdit(Puts("Bad", {SampleLabel(s.video_id, 6, s.hand_id, 54), SampleLabel(s.video_id, kFrames, s.hand_id, 54)}));
            }).find("video 1 has no frame 8"),
            std::string::npos);
  expect_unchanged();
  EXPECT_NE(testing::ErrorMessageOf<InputError>([&] {
              store.ApplyEdit(Puts("Bad", {SampleLabel(s.video_id, 6, s.hand_id, 54)}, {{s.video_id + 5, 0, s.hand_id}}));
            }).find("unknown video id 6"),
            std::string::npos);
  expect_unchanged();
  store.RedoEdit(3, "ana");
  EXPECT_TRUE(SameState(sc.states[3], StateOf(store, s)));
}

TEST(StoreEditsTest, UndoRestoresTheStateBeforeTheEditOverAJobsLaterWrite) {
  testing::TempDir dir;
  const auto s = testing::CreateSampleProject(dir.File("p.hpj"), kFrames);
  ProjectStore store = ProjectStore::Open(dir.File("p.hpj"));
  const LabelRecord original = SampleLabel(s.video_id, 2, s.hand_id, 0);
  store.PutLabel(original);
  const int64_t edit = store.ApplyEdit(Puts("Correct", {SampleLabel(s.video_id, 2, s.hand_id, 4)}));
  store.PutLabels({SampleLabel(s.video_id, 2, s.hand_id, 2)});  // a job, outside the journal
  EXPECT_EQ(store.EditStack().size(), 1u);
  store.UndoEdit(edit, "ana");
  EXPECT_TRUE(LabelsEqual(*store.Label(s.video_id, 2, s.hand_id), original));
  store.RedoEdit(edit, "ana");  // back to the job's label: the state the undo replaced
  EXPECT_EQ(store.Label(s.video_id, 2, s.hand_id)->provenance, Provenance::kPropagated);
}

TEST(StoreEditsTest, AReadOnlyStoreRefusesEditsAndShowsTheStack) {
  testing::TempDir dir;
  const std::string path = dir.File("p.hpj");
  const Scenario sc = MakeScenario(path);
  ProjectStore store = ProjectStore::Open(path, ReadOnly());
  const std::string refusal = ": the project is open read-only or the file is not writable";
  EXPECT_EQ(testing::ErrorMessageOf<InputError>([&] { store.ApplyEdit(Puts("x", {SampleLabel(sc.s.video_id, 6, sc.s.hand_id, 6)})); }),
            path + ": apply an edit" + refusal);
  EXPECT_EQ(testing::ErrorMessageOf<InputError>([&] { store.ApplyEdit(Puts("no-op", {})); }), path + ": apply an edit" + refusal);
  EXPECT_EQ(testing::ErrorMessageOf<InputError>([&] { store.UndoEdit(3, "ana"); }), path + ": undo edit 3" + refusal);
  EXPECT_EQ(testing::ErrorMessageOf<InputError>([&] { store.RedoEdit(3, "ana"); }), path + ": redo edit 3" + refusal);
  EXPECT_EQ(Ids(store.EditStack()), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_TRUE(SameState(sc.states[3], StateOf(store, sc.s)));
}

TEST(StoreEditsTest, AVersion2ProjectMigratesToAnEmptyJournal) {
  testing::TempDir dir;
  const std::string path = dir.File("old.hpj");
  {
    // A version 2 file: the released steps 0 -> 1 -> 2 (frozen, see store_schema_test) and a label.
    SqliteDb db = SqliteDb::Open(path, {false, true, 1000});
    db.Exec(SchemaSteps()[0]);
    db.Exec(SchemaSteps()[1]);
    db.Exec("INSERT INTO meta VALUES ('format', 'handprop-project'), ('name', 'v2'), ('role', 'project'), "
            "('created_at', '1700000000000'), ('created_by_version', '0.1.0'); PRAGMA user_version = 2");
  }
  ProjectStore store = ProjectStore::Open(path);
  EXPECT_EQ(store.Info().schema_version, 3);
  EXPECT_EQ(store.Meta().name, "v2");
  EXPECT_EQ(store.Info().rows.at("edits"), 0);
  EXPECT_TRUE(store.EditStack().empty());
  const int64_t video = store.AddVideo(testing::SampleVideo("v.mp4", "seq", 0, 3));
  const int64_t hand = store.AddHand({0, "seq", HandSide::kRight, "right"});
  const int64_t edit = store.ApplyEdit(Puts("First", {SampleLabel(video, 1, hand, 0)}));
  EXPECT_EQ(edit, 1);
  store.UndoEdit(edit, "ana");
  EXPECT_EQ(store.LabelCount(), 0);
  EXPECT_EQ(store.IntegrityCheck(), "ok");
}

TEST(StoreEditsTest, AVersion2ProjectOpenedReadOnlyIsRefusedUntilMigrated) {
  testing::TempDir dir;
  const std::string path = dir.File("old.hpj");
  const auto s = testing::CreateSampleProject(path, kFrames);
  {
    ProjectStore store = ProjectStore::Open(path);
    store.PutLabel(SampleLabel(s.video_id, 1, s.hand_id, 0));
  }
  {
    // Back to version 2: the step 2 -> 3 only adds the journal.
    SqliteDb db = SqliteDb::Open(path, {false, false, 1000});
    db.Exec("DROP TABLE edits; PRAGMA user_version = 2");
  }
  EXPECT_EQ(testing::ErrorMessageOf<InputError>([&] { ProjectStore::Open(path, ReadOnly()); }),
            path + ": project schema version 2 is older than this HandProp's (3); run `handprop project upgrade` on it");
  ProjectStore store = ProjectStore::Open(path);
  EXPECT_TRUE(store.EditStack().empty());
  EXPECT_EQ(store.LabelCount(), 1);
  EXPECT_EQ(store.History(testing::Newest(0)).size(), 1u);
  const int64_t edit = store.ApplyEdit(Puts("Delete", {}, {{s.video_id, 1, s.hand_id}}));
  store.UndoEdit(edit, "ana");
  EXPECT_TRUE(LabelsEqual(*store.Label(s.video_id, 1, s.hand_id), SampleLabel(s.video_id, 1, s.hand_id, 0)));
}

}  // namespace
}  // namespace handprop
