// SPDX-License-Identifier: Apache-2.0
// A HandProp project: one SQLite file (WAL journal) holding videos, frames, hands, the current
// label of every (frame, hand) with its provenance, the full history of label changes, embeddings
// and runs. docs/project-format.md documents the schema, the encodings and the migrations.
//
//   ProjectStore store = ProjectStore::Create("session.hpj", {.name = "session"});
//   const int64_t video = store.AddVideo(video_record);          // also creates its frames
//   const int64_t hand = store.AddHand({.sequence = "s1", .name = "right"});
//   store.PutLabel(label);                 // one transaction: the label and its history row
//   for (const HistoryEntry& change : store.History({.limit = 1})) store.RevertChange(change.id, "ana");
//
// Saving is automatic: every mutating call is one transaction, committed when it returns, so a
// crash or a SIGKILL loses at most the call in progress (see "Durability" in the format doc).
// A reader in another thread or process sees each committed call whole, never half of one.
//
// Errors: InputError for bad files and bad values (one line naming the file first: a missing
// file, not a project, a newer schema, a non-finite value or unknown id, naming the field), and
// RuntimeError "<path>: the project is locked by another process (...)" when another connection
// holds the write lock longer than `busy_timeout_ms`; other I/O failures are RuntimeError.
// A failed call writes nothing.
//
// Threads: a ProjectStore is one connection; use it from one thread at a time and open one per
// thread (or process) that needs the project. Movable, not copyable.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/io/store/store_records.h"

namespace handprop {

struct StoreOpenOptions {
  // A viewer: never writes (the schema must be current). WAL needs the folder to be writable
  // for its -shm file, so a project on read-only media is opened from a writable copy.
  bool read_only = false;
  int busy_timeout_ms = 5000;  // how long a write waits for another writer before failing
  // Stamp every row with this time (Unix ms) instead of the clock: generated projects (the
  // synthetic data) are then byte-for-byte reproducible. Unset for anything a person edits.
  std::optional<int64_t> fixed_time_ms;
  std::string Check() const;
  // The options of a viewer (read_only), the others at their defaults.
  static StoreOpenOptions ReadOnly() {
    StoreOpenOptions options;
    options.read_only = true;
    return options;
  }
};

struct HistoryQuery {
  int limit = 100;                     // newest first; <= 0 means no limit
  std::optional<int64_t> video_id;     // only changes of this video's labels
  std::optional<int64_t> hand_id;
  std::optional<int> frame_index;      // with video_id: only this frame
};

class ProjectStore {
 public:
  // Creates a new project file; InputError "<path>: already exists; ..." if anything is there.
  static ProjectStore Create(const std::string& path, const ProjectMeta& meta, const StoreOpenOptions& options = {});
  // Opens an existing project, migrating an older schema in one transaction (read-write only).
  static ProjectStore Open(const std::string& path, const StoreOpenOptions& options = {});
  // Migrates an older project file to this schema (one transaction) and returns the version it
  // had; a current file is left untouched. `handprop project upgrade`.
  static int Upgrade(const std::string& path);

  ProjectStore(ProjectStore&&) noexcept;
  ProjectStore& operator=(ProjectStore&&) noexcept;
  ~ProjectStore();

  const std::string& path() const;
  ProjectMeta Meta() const;
  StoreInfo Info() const;
  // PRAGMA integrity_check: "ok" or SQLite's list of problems.
  std::string IntegrityCheck() const;

  // ---- videos, frames, hands (project_store_media.cc) ----
  // Adds the video and its frames 0..frame_count-1; returns its id. The record's id is ignored.
  int64_t AddVideo(const VideoRecord& video);
  std::vector<VideoRecord> Videos() const;
  VideoRecord Video(int64_t video_id) const;  // InputError for an unknown id
  // Sets the frame's intrinsics override and image path.
  void PutFrame(const FrameRecord& frame);
  FrameRecord Frame(int64_t video_id, int frame_index) const;
  std::vector<FrameRecord> FramesWithOverrides(int64_t video_id) const;  // frames that have either
  int64_t AddHand(const HandRecord& hand);
  std::vector<HandRecord> Hands() const;

  // ---- labels and history (project_store_labels.cc) ----
  // Inserts or replaces the label of (video, frame, hand) and records the change in history.
  // created_at/updated_at are set by the store. Returns the history id.
  int64_t PutLabel(const LabelRecord& label);
  // The same for many labels in ONE transaction (imports, propagation results): all or nothing.
  void PutLabels(const std::vector<LabelRecord>& labels);
  // Removes the label (recorded in history); false when there was none.
  bool DeleteLabel(int64_t video_id, int frame_index, int64_t hand_id, const std::string& author);
  std::optional<LabelRecord> Label(int64_t video_id, int frame_index, int64_t hand_id) const;
  // Sorted by frame index, then hand id.
  std::vector<LabelRecord> Labels(int64_t video_id) const;
  // Every label, sorted by video id, frame index, hand id (the fast path for training and the GUI).
  std::vector<LabelRecord> AllLabels() const;
  int64_t LabelCount() const;
  std::vector<HistoryEntry> History(const HistoryQuery& query = {}) const;
  // Restores the label as it was before change `history_id` (deleting it if the change was its
  // insertion), whatever happened after it. The undo is itself a change (with `reverts` set), so
  // reverting it again is a redo, and both survive restarts. Returns the new history id, or 0
  // when the label already had that state.
  int64_t RevertChange(int64_t history_id, const std::string& author);

  // Runs `edits` (calls on this store) as ONE transaction: every change they make is committed
  // together when they return, or none is when they throw (the exception is rethrown). Imports
  // use it so that a failure half-way leaves the project exactly as it was.
  void Batch(const std::function<void()>& edits);

  // ---- the edit journal (project_store_edits.cc) ----
  // One user action = one edit = one entry on the GUI's undo stack; history rows stay per label.
  // Labels changed outside the journal (PutLabel(s), DeleteLabel, jobs' writes) between edits are
  // no journal edits: undoing an edit restores each of its labels to its state before the edit
  // (RevertChange semantics), whatever happened to it since. All of these refuse a read-only store.
  //
  // ONE transaction: applies the puts (in order), then the deletes, records an edit and marks every
  // kUndone edit kDropped (a new edit after undo discards the redo branch, like QUndoStack).
  // Returns the edit's id, or 0 when nothing changed (every put skipped or identical to the
  // current label, no label to delete); then nothing is written and the redo branch stays.
  // Every put is validated first: one bad label (InputError naming it) writes nothing.
  int64_t ApplyEdit(const EditRequest& request);
  // ONE transaction each. UndoEdit: the edit must be the newest kDone edit; reverts its changes
  // newest first (RevertChange semantics), records the new history ids in undo_changes, state
  // kUndone. RedoEdit: the edit must be the OLDEST kUndone edit; reverts the undo's changes newest
  // first (that is, re-applies the edit), records them as its new `changes`, state kDone.
  // InputError naming the project path and the edit id for any other id, e.g.
  // "p.hpj: edit 12 cannot be undone: edit 14 is newer"; nothing is written then.
  void UndoEdit(int64_t edit_id, const std::string& author);
  void RedoEdit(int64_t edit_id, const std::string& author);
  // The undo stack as it stands: every kDone edit then every kUndone edit, oldest first (never the
  // kDropped ones). `limit` > 0 keeps only the newest `limit` kDone edits (and all kUndone ones).
  std::vector<EditRecord> EditStack(int limit = 0) const;

  // ---- embeddings and runs (project_store_extras.cc) ----
  // Inserts or replaces the embedding of (frame, hand, model_id).
  void PutEmbedding(const EmbeddingRecord& embedding);
  void PutEmbeddings(const std::vector<EmbeddingRecord>& embeddings);  // one transaction
  std::vector<EmbeddingRecord> Embeddings(const std::string& model_id) const;
  int64_t AddRun(const RunRecord& run);     // returns the id; the record's id is ignored
  void UpdateRun(const RunRecord& run);     // by id; InputError for an unknown id
  RunRecord Run(int64_t run_id) const;
  std::vector<RunRecord> Runs() const;      // oldest first

  struct Impl;

 private:
  explicit ProjectStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace handprop
