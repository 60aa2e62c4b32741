// SPDX-License-Identifier: Apache-2.0
// ProjectStore: the edit journal (table `edits`, docs/project-format.md), one row per user action
// so that the GUI's undo stack undoes and redoes many label changes as one step, across restarts.
// The history rows stay per label; an edit lists the history ids it made.
#include <algorithm>
#include <charconv>

#include "core/io/store/label_codec.h"
#include "core/io/store/project_store_impl.h"

namespace handprop {
namespace {

std::string IdsToText(const std::vector<int64_t>& ids) {
  std::string text;
  for (const int64_t id : ids) text += (text.empty() ? "" : ",") + std::to_string(id);
  return text;
}

std::vector<int64_t> IdsFromText(const ProjectStore::Impl& impl, int64_t edit_id, const std::string& text) {
  std::vector<int64_t> ids;
  const char* at = text.data();
  const char* const end = text.data() + text.size();
  while (at != end) {
    int64_t id = 0;
    const auto [next, ec] = std::from_chars(at, end, id);
    if (ec != std::errc() || id <= 0 || (next != end && *next != ','))
      impl.Bad("edit " + std::to_string(edit_id) + ": malformed history id list '" + text + "'");
    ids.push_back(id);
    at = next == end ? end : next + 1;
  }
  return ids;
}

// Columns 0..7 as DecodeEdit reads them.
#define HP_EDIT_SELECT "SELECT id, time, author, text, state, changes, undo_changes, skipped_human FROM edits "

EditRecord DecodeEdit(const ProjectStore::Impl& impl, const SqliteStatement& q) {
  EditRecord edit;
  edit.id = q.Int(0);
  edit.time_ms = q.Int(1);
  edit.author = q.Text(2);
  edit.text = q.Text(3);
  const auto state = ParseEditState(q.Text(4));
  if (!state) impl.Bad("edit " + std::to_string(edit.id) + ": unknown state '" + q.Text(4) + "'");
  edit.state = *state;
  edit.changes = IdsFromText(impl, edit.id, q.Text(5));
  edit.undo_changes = IdsFromText(impl, edit.id, q.Text(6));
  edit.skipped_human = static_cast<int>(q.Int(7));
  return edit;
}

// The edit `edit_id`; InputError "<path>: edit N cannot be <verb>: no such edit".
EditRecord ReadEdit(ProjectStore::Impl& impl, int64_t edit_id, const std::string& verb) {
  StatementScope q(impl.Statement(HP_EDIT_SELECT "WHERE id = ?1"));
  if (!q->Bind(1, edit_id).Step()) impl.Bad("edit " + std::to_string(edit_id) + " cannot be " + verb + ": no such edit");
  return DecodeEdit(impl, *q);
}

// The newest (or oldest) edit in `state`, 0 when there is none.
int64_t EdgeEdit(ProjectStore::Impl& impl, EditState state, bool newest) {
  StatementScope q(impl.Statement("SELECT max(id), min(id) FROM edits WHERE state = ?1"));
  q->Bind(1, EditStateName(state)).Step();
  const int column = newest ? 0 : 1;
  return q->IsNull(column) ? 0 : q->Int(column);
}

// Reverts `changes` newest first; returns the history ids that changed something, in order made.
std::vector<int64_t> RevertAll(ProjectStore::Impl& impl, const std::vector<int64_t>& changes, const std::string& author) {
  const int64_t now = impl.Now();
  std::vector<int64_t> made;
  for (auto it = changes.rbegin(); it != changes.rend(); ++it)
    if (const int64_t id = RevertHistory(impl, *it, author, now); id != 0) made.push_back(id);
  return made;
}

void SetEdit(ProjectStore::Impl& impl, int64_t edit_id, EditState state, const char* column, const std::vector<int64_t>& ids) {
  // Two literals, so that each statement is prepared once (Statement keys by address).
  SqliteStatement& update = std::string_view(column) == "changes"
                                ? impl.Statement("UPDATE edits SET state = ?2, changes = ?3 WHERE id = ?1")
                                : impl.Statement("UPDATE edits SET state = ?2, undo_changes = ?3 WHERE id = ?1");
  update.Reset().Bind(1, edit_id).Bind(2, EditStateName(state)).Bind(3, IdsToText(ids)).Run();
}

// A read-only connection fails at its first write statement; the journal refuses before reading,
// so that a no-op edit or a refused id cannot pass for success or hide the real reason.
void RefuseReadOnly(const ProjectStore::Impl& impl, const std::string& what) {
  if (impl.db.read_only()) impl.Bad(what + ": the project is open read-only or the file is not writable");
}

}  // namespace

int64_t ProjectStore::ApplyEdit(const EditRequest& request) {
  RefuseReadOnly(*impl_, "apply an edit");
  SqliteTransaction txn(impl_->db);
  for (const LabelRecord& label : request.puts)  // all or nothing: check every put before writing
    if (const std::string problem = ValidateLabel(label); !problem.empty())
      impl_->Bad(LabelContext(label.video_id, label.frame_index, label.hand_id) + ": " + problem);
  const int64_t now = impl_->Now();
  std::vector<int64_t> changes;
  int skipped_human = 0;
  for (const LabelRecord& label : request.puts) {
    const std::string context = LabelContext(label.video_id, label.frame_index, label.hand_id);
    const std::optional<LabelRecord> current = ReadLabel(*impl_, impl_->FrameId(label.video_id, label.frame_index, context), label.hand_id);
    if (current && request.keep_human_labels && IsHumanProvenance(current->provenance)) {
      ++skipped_human;
      continue;
    }
    if (current && LabelContent(*current) == LabelContent(label)) continue;
    changes.push_back(WriteLabel(*impl_, label, request.author, now, std::nullopt, std::nullopt));
  }
  for (const LabelKey& key : request.deletes) {
    const int64_t frame_id = impl_->FrameId(key.video_id, key.frame_index, LabelContext(key.video_id, key.frame_index, key.hand_id));
    if (const std::optional<LabelRecord> current = ReadLabel(*impl_, frame_id, key.hand_id))
      changes.push_back(DeleteLabelRow(*impl_, frame_id, *current, request.author, now, std::nullopt));
  }
  if (changes.empty()) return 0;  // nothing written: the transaction rolls back, the redo branch stays

  impl_->Statement("UPDATE edits SET state = 'dropped' WHERE state = 'undone'").Reset().Run();
  impl_->Statement("INSERT INTO edits (time, author, text, state, changes, skipped_human) VALUES (?1, ?2, ?3, 'done', ?4, ?5)")
      .Reset()
      .Bind(1, now)
      .Bind(2, request.author)
      .Bind(3, request.text)
      .Bind(4, IdsToText(changes))
      .Bind(5, skipped_human)
      .Run();
  const int64_t edit_id = impl_->db.LastInsertRowId();
  txn.Commit();
  return edit_id;
}

void ProjectStore::UndoEdit(int64_t edit_id, const std::string& author) {
  RefuseReadOnly(*impl_, "undo edit " + std::to_string(edit_id));
  SqliteTransaction txn(impl_->db);
  const EditRecord edit = ReadEdit(*impl_, edit_id, "undone");
  const std::string refusal = "edit " + std::to_string(edit_id) + " cannot be undone: ";
  if (edit.state != EditState::kDone) impl_->Bad(refusal + "it is " + EditStateName(edit.state));
  if (const int64_t newest = EdgeEdit(*impl_, EditState::kDone, true); newest != edit_id)
    impl_->Bad(refusal + "edit " + std::to_string(newest) + " is newer");
  SetEdit(*impl_, edit_id, EditState::kUndone, "undo_changes", RevertAll(*impl_, edit.changes, author));
  txn.Commit();
}

void ProjectStore::RedoEdit(int64_t edit_id, const std::string& author) {
  RefuseReadOnly(*impl_, "redo edit " + std::to_string(edit_id));
  SqliteTransaction txn(impl_->db);
  const EditRecord edit = ReadEdit(*impl_, edit_id, "redone");
  const std::string refusal = "edit " + std::to_string(edit_id) + " cannot be redone: ";
  if (edit.state != EditState::kUndone) impl_->Bad(refusal + "it is " + EditStateName(edit.state));
  if (const int64_t oldest = EdgeEdit(*impl_, EditState::kUndone, false); oldest != edit_id)
    impl_->Bad(refusal + "edit " + std::to_string(oldest) + " is undone and older");
  SetEdit(*impl_, edit_id, EditState::kDone, "changes", RevertAll(*impl_, edit.undo_changes, author));
  txn.Commit();
}

std::vector<EditRecord> ProjectStore::EditStack(int limit) const {
  SqliteTransaction snapshot(impl_->db, SqliteTransaction::Kind::kRead);  // both halves from one state
  std::vector<EditRecord> stack;
  {
    StatementScope done(impl_->Statement(HP_EDIT_SELECT "WHERE state = 'done' ORDER BY id DESC LIMIT ?1"));
    done->Bind(1, limit > 0 ? int64_t{limit} : int64_t{-1});
    while (done->Step()) stack.push_back(DecodeEdit(*impl_, *done));
  }
  std::reverse(stack.begin(), stack.end());
  {
    StatementScope undone(impl_->Statement(HP_EDIT_SELECT "WHERE state = 'undone' ORDER BY id"));
    while (undone->Step()) stack.push_back(DecodeEdit(*impl_, *undone));
  }
  snapshot.Commit();
  return stack;
}

}  // namespace handprop
