// SPDX-License-Identifier: Apache-2.0
// Private to core/io/store: the state behind ProjectStore, shared by its .cc files.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/io/store/project_store.h"
#include "core/io/store/sqlite_db.h"
#include "core/util/error.h"

namespace handprop {

// Current UTC time in Unix milliseconds.
int64_t NowMs();

struct ProjectStore::Impl {
  Impl(SqliteDb database, std::optional<int64_t> fixed_time);

  SqliteDb db;
  std::optional<int64_t> fixed_time_ms;  // StoreOpenOptions::fixed_time_ms

  // The time to stamp on a change: the fixed time when set, else NowMs().
  int64_t Now() const { return fixed_time_ms ? *fixed_time_ms : NowMs(); }
  std::string folder;  // absolute folder of the project file; relative paths resolve against it

  // A statement prepared once per connection; `sql` must be a string literal (keyed by address).
  SqliteStatement& Statement(const char* sql);

  [[noreturn]] void Bad(const std::string& what) const { throw InputError(db.path() + ": " + what); }

  // The frames row of (video, frame); InputError "<path>: <context>: video V has no frame F".
  int64_t FrameId(int64_t video_id, int frame_index, const std::string& context);
  // The sequence of a video / hand; InputError "<path>: <context>: unknown video id V".
  const std::string& VideoSequence(int64_t video_id, const std::string& context);
  const std::string& HandSequence(int64_t hand_id, const std::string& context);

  // Project-relative storage of a path (relative when inside the project folder) and back.
  std::string StoredPath(const std::string& path) const;
  std::string ResolvedPath(const std::string& stored) const;

  // After a rolled-back batch: SQLite may hand out the same row ids again, with other meanings.
  void ForgetCachedIds() {
    video_sequences_.clear();
    hand_sequences_.clear();
  }

 private:
  std::unordered_map<const char*, std::unique_ptr<SqliteStatement>> statements_;
  std::unordered_map<int64_t, std::string> video_sequences_;  // committed ids keep their meaning
  std::unordered_map<int64_t, std::string> hand_sequences_;
};

// Label primitives of project_store_labels.cc, shared with the edit journal. Each runs inside the
// caller's transaction and writes the history row of its change.
// The current label of (frame row, hand), if any.
std::optional<LabelRecord> ReadLabel(ProjectStore::Impl& impl, int64_t frame_id, int64_t hand_id);
// The label's content without its timestamps, to tell whether a write changes anything.
std::string LabelContent(LabelRecord label);
// Validates and writes one label. `created_at` overrides the creation time (a revert restores the
// original one); `reverts` marks an undo. Returns the history id.
int64_t WriteLabel(ProjectStore::Impl& impl, const LabelRecord& label, const std::string& change_author, int64_t now,
                   std::optional<int64_t> created_at, std::optional<int64_t> reverts);
// Deletes the label `old` (the current one of frame row `frame_id`). Returns the history id.
int64_t DeleteLabelRow(ProjectStore::Impl& impl, int64_t frame_id, const LabelRecord& old, const std::string& author,
                       int64_t now, std::optional<int64_t> reverts);
// RevertChange without its transaction: the new history id, or 0 when the label already had the
// state before change `history_id`.
int64_t RevertHistory(ProjectStore::Impl& impl, int64_t history_id, const std::string& author, int64_t now);

// "label (video 3, frame 17, hand 1)", the context of label errors.
std::string LabelContext(int64_t video_id, int frame_index, int64_t hand_id);

}  // namespace handprop
