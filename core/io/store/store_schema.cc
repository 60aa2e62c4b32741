// SPDX-License-Identifier: Apache-2.0
#include "core/io/store/store_schema.h"

#include <string>

#include "core/util/error.h"

namespace handprop {
namespace {

// Version 1 (HandProp 0.1): meta, videos, frames, hands, labels, history.
constexpr std::string_view kStep0To1 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE videos (
  id             INTEGER PRIMARY KEY,
  path           TEXT NOT NULL,
  content_hash   TEXT NOT NULL DEFAULT '',
  fps            REAL NOT NULL CHECK (fps >= 0),
  width          INTEGER NOT NULL CHECK (width >= 0),
  height         INTEGER NOT NULL CHECK (height >= 0),
  frame_count    INTEGER NOT NULL CHECK (frame_count >= 0),
  sequence       TEXT NOT NULL,
  camera_index   INTEGER NOT NULL CHECK (camera_index >= 0),
  subject_id     INTEGER,
  fx REAL NOT NULL, fy REAL NOT NULL, cx REAL NOT NULL, cy REAL NOT NULL,
  cam_from_world BLOB NOT NULL,
  UNIQUE (sequence, camera_index)
);
CREATE TABLE frames (
  id          INTEGER PRIMARY KEY,
  video_id    INTEGER NOT NULL REFERENCES videos (id),
  frame_index INTEGER NOT NULL CHECK (frame_index >= 0),
  fx REAL, fy REAL, cx REAL, cy REAL,
  image_path  TEXT NOT NULL DEFAULT '',
  UNIQUE (video_id, frame_index)
);
CREATE TABLE hands (
  id       INTEGER PRIMARY KEY,
  sequence TEXT NOT NULL,
  side     TEXT NOT NULL CHECK (side IN ('right', 'left')),
  name     TEXT NOT NULL,
  UNIQUE (sequence, name)
);
CREATE TABLE labels (
  id            INTEGER PRIMARY KEY,
  frame_id      INTEGER NOT NULL REFERENCES frames (id),
  hand_id       INTEGER NOT NULL REFERENCES hands (id),
  pose          BLOB NOT NULL,
  betas         BLOB NOT NULL,
  trans         BLOB NOT NULL,
  keypoints     BLOB NOT NULL,
  confidence    BLOB NOT NULL,
  provenance    TEXT NOT NULL CHECK (provenance IN
                  ('manual', 'interpolated', 'propagated', 'predicted', 'corrected', 'verified')),
  model_id      TEXT NOT NULL DEFAULT '',
  source_frames TEXT NOT NULL DEFAULT '',
  author        TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  UNIQUE (frame_id, hand_id)
);
CREATE TABLE history (
  id       INTEGER PRIMARY KEY,
  time     INTEGER NOT NULL,
  author   TEXT NOT NULL DEFAULT '',
  action   TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
  frame_id INTEGER NOT NULL REFERENCES frames (id),
  hand_id  INTEGER NOT NULL REFERENCES hands (id),
  before   BLOB,
  after    BLOB,
  reverts  INTEGER REFERENCES history (id)
);
CREATE INDEX history_by_label ON history (frame_id, hand_id);
)sql";

// Version 2 (HandProp 0.1): embeddings and runs.
constexpr std::string_view kStep1To2 = R"sql(
CREATE TABLE embeddings (
  id         INTEGER PRIMARY KEY,
  frame_id   INTEGER NOT NULL REFERENCES frames (id),
  hand_id    INTEGER NOT NULL REFERENCES hands (id),
  model_id   TEXT NOT NULL,
  dim        INTEGER NOT NULL CHECK (dim > 0),
  vector     BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (model_id, frame_id, hand_id)
);
CREATE TABLE runs (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL,
  options         TEXT NOT NULL DEFAULT '{}',
  status          TEXT NOT NULL CHECK (status IN ('queued', 'running', 'finished', 'failed', 'cancelled')),
  started_at      INTEGER,
  finished_at     INTEGER,
  metrics         TEXT NOT NULL DEFAULT '{}',
  checkpoint_path TEXT NOT NULL DEFAULT ''
);
)sql";

// Version 3 (HandProp 0.1): the edit journal, one row per user action for the GUI's undo stack.
// `changes` and `undo_changes` are history ids joined by ',' (docs/project-format.md "edits").
constexpr std::string_view kStep2To3 = R"sql(
CREATE TABLE edits (
  id            INTEGER PRIMARY KEY,
  time          INTEGER NOT NULL,
  author        TEXT NOT NULL DEFAULT '',
  text          TEXT NOT NULL DEFAULT '',
  state         TEXT NOT NULL CHECK (state IN ('done', 'undone', 'dropped')),
  changes       TEXT NOT NULL DEFAULT '',
  undo_changes  TEXT NOT NULL DEFAULT '',
  skipped_human INTEGER NOT NULL DEFAULT 0 CHECK (skipped_human >= 0)
);
CREATE INDEX edits_by_state ON edits (state, id);
)sql";

void SetUserVersion(SqliteDb& db, int version) {
  db.Exec("PRAGMA user_version = " + std::to_string(version), "set the schema version");
}

}  // namespace

const std::vector<std::string_view>& SchemaSteps() {
  static const std::vector<std::string_view> steps = {kStep0To1, kStep1To2, kStep2To3};
  static_assert(kStoreSchemaVersion == 3, "add the new step to SchemaSteps()");
  return steps;
}

int CheckProjectSchema(SqliteDb& db) {
  // The first read of the header: a file that is not SQLite fails here with SQLITE_NOTADB.
  const int version = static_cast<int>(db.QueryInt("PRAGMA user_version"));
  const bool has_meta = db.QueryInt("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'") > 0;
  const std::string format = has_meta ? db.QueryText("SELECT value FROM meta WHERE key = 'format'") : std::string();
  if (format != kStoreFormatName)
    throw InputError(db.path() + ": not a HandProp project (a SQLite file without HandProp's meta table)");
  if (version > kStoreSchemaVersion)
    throw InputError(db.path() + ": project schema version " + std::to_string(version) +
                     " is newer than this HandProp supports (" + std::to_string(kStoreSchemaVersion) + "); upgrade HandProp");
  if (version < 1) throw InputError(db.path() + ": not a HandProp project (schema version " + std::to_string(version) + ")");
  if (version < kStoreSchemaVersion && db.read_only())
    throw InputError(db.path() + ": project schema version " + std::to_string(version) + " is older than this HandProp's (" +
                     std::to_string(kStoreSchemaVersion) + "); run `handprop project upgrade` on it");
  return version;
}

void ConfigureConnection(SqliteDb& db) {
  if (!db.read_only()) {
    // WAL is persistent in the file; setting it again is a no-op read. It needs no transaction.
    if (db.QueryText("PRAGMA journal_mode = WAL") != "wal")
      throw RuntimeError(db.path() + ": cannot switch the project to WAL journal mode");
  }
  db.Exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON", "configure the connection");
}

int MigrateSchema(SqliteDb& db) {
  const int found = CheckProjectSchema(db);
  if (found == kStoreSchemaVersion) return found;
  SqliteTransaction txn(db);
  // Another process may have migrated between the check and the write lock: read again, and never
  // mark a file that a newer HandProp has upgraded in the meantime as older.
  const int version = static_cast<int>(db.QueryInt("PRAGMA user_version"));
  if (version >= kStoreSchemaVersion) {
    CheckProjectSchema(db);  // throws for a newer schema
    return found;            // someone else migrated it: nothing to do (the transaction rolls back)
  }
  for (int step = version; step < kStoreSchemaVersion; ++step)
    db.Exec(SchemaSteps()[static_cast<size_t>(step)], "migrate the schema to version " + std::to_string(step + 1));
  SetUserVersion(db, kStoreSchemaVersion);
  txn.Commit();
  return found;
}

void CreateSchema(SqliteDb& db) {
  for (size_t step = 0; step < SchemaSteps().size(); ++step)
    db.Exec(SchemaSteps()[step], "create the schema (step " + std::to_string(step + 1) + ")");
  SetUserVersion(db, kStoreSchemaVersion);
}

}  // namespace handprop
