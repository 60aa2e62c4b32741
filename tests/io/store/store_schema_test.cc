// SPDX-License-Identifier: Apache-2.0
// Opening files that are not current HandProp projects: newer, older (migrated), foreign,
// missing, locked. Each gives one line naming the file and the problem.
#include "core/io/store/store_schema.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/io/store/project_store.h"
#include "core/io/store/sqlite_db.h"
#include "core/util/error.h"
#include "tests/io/store/sample_labels.h"
#include "tests/io/store/store_test_util.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

// Version 1 exactly as HandProp 0.1 wrote it, frozen here so that an edit to the released
// migration step cannot go unnoticed: such files exist on users' disks.
constexpr const char* kVersion1File = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE videos (id INTEGER PRIMARY KEY, path TEXT NOT NULL, content_hash TEXT NOT NULL DEFAULT '',
  fps REAL NOT NULL CHECK (fps >= 0), width INTEGER NOT NULL CHECK (width >= 0), height INTEGER NOT NULL CHECK (height >= 0),
  frame_count INTEGER NOT NULL CHECK (frame_count >= 0), sequence TEXT NOT NULL, camera_index INTEGER NOT NULL CHECK (camera_index >= 0),
  subject_id INTEGER, fx REAL NOT NULL, fy REAL NOT NULL, cx REAL NOT NULL, cy REAL NOT NULL, cam_from_world BLOB NOT NULL,
  UNIQUE (sequence, camera_index));
CREATE TABLE frames (id INTEGER PRIMARY KEY, video_id INTEGER NOT NULL REFERENCES videos (id),
  frame_index INTEGER NOT NULL CHECK (frame_index >= 0), fx REAL, fy REAL, cx REAL, cy REAL,
  image_path TEXT NOT NULL DEFAULT '', UNIQUE (video_id, frame_index));
CREATE TABLE hands (id INTEGER PRIMARY KEY, sequence TEXT NOT NULL, side TEXT NOT NULL CHECK (side IN ('right', 'left')),
  name TEXT NOT NULL, UNIQUE (sequence, name));
CREATE TABLE labels (id INTEGER PRIMARY KEY, frame_id INTEGER NOT NULL REFERENCES frames (id),
  hand_id INTEGER NOT NULL REFERENCES hands (id), pose BLOB NOT NULL, betas BLOB NOT NULL, trans BLOB NOT NULL,
  keypoints BLOB NOT NULL, confidence BLOB NOT NULL, provenance TEXT NOT NULL CHECK (provenance IN
  ('manual', 'interpolated', 'propagated', 'predicted', 'corrected', 'verified')), model_id TEXT NOT NULL DEFAULT '',
  source_frames TEXT NOT NULL DEFAULT '', author TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL, UNIQUE (frame_id, hand_id));
CREATE TABLE history (id INTEGER PRIMARY KEY, time INTEGER NOT NULL, author TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')), frame_id INTEGER NOT NULL REFERENCES frames (id),
  hand_id INTEGER NOT NULL REFERENCES hands (id), before BLOB, after BLOB, reverts INTEGER REFERENCES history (id));
CREATE INDEX history_by_label ON history (frame_id, hand_id);
INSERT INTO meta VALUES ('format', 'handprop-project'), ('name', 'old'), ('role', 'project'),
  ('created_at', '1690000000000'), ('created_by_version', '0.1.0');
INSERT INTO videos VALUES (1, 'v.mp4', '', 30, 640, 480, 2, 'seq', 0, NULL, 600, 600, 320, 240,
  X'000000000000F03F0000000000000000000000000000000000000000000000000000000000000000000000000000F03F0000000000000000000000000000000000000000000000000000000000000000000000000000F03F0000000000000000');
INSERT INTO frames (id, video_id, frame_index) VALUES (1, 1, 0), (2, 1, 1);
INSERT INTO hands VALUES (1, 'seq', 'right', 'right');
INSERT INTO labels VALUES (1, 2, 1, zeroblob(384), zeroblob(80), zeroblob(24), zeroblob(504), zeroblob(168),
  'manual', '', '', 'old-author', 1690000000001, 1690000000002);
INSERT INTO history VALUES (1, 1690000000002, 'old-author', 'insert', 2, 1, NULL, NULL, NULL);
PRAGMA user_version = 1;
)sql";

void WriteVersion1File(const std::string& path) {
  SqliteDb db = SqliteDb::Open(path, {false, true, 1000});
  db.Exec(kVersion1File);
}

TEST(StoreSchemaTest, Version1FileIsMigratedAndKeepsItsRows) {
  testing::TempDir dir;
  const std::string path = dir.File("old.hpj");
  WriteVersion1File(path);
  EXPECT_EQ(testing::ErrorMessageOf<InputError>([&] { ProjectStore::Open(path, {true, 1000}); }),
            path + ": project schema version 1 is older than this HandProp's (3); run `handprop project upgrade` on it");
  ProjectStore store = ProjectStore::Open(path);
  EXPECT_EQ(store.Info().schema_version, kStoreSchemaVersion);
  EXPECT_EQ(store.Meta().name, "old");
  const auto labels = store.AllLabels();
  ASSERT_EQ(labels.size(), 1u);
  EXPECT_EQ(labels[0].frame_index, 1);
  EXPECT_EQ(labels[0].author, "old-author");
  EXPECT_EQ(labels[0].updated_at_ms, 1690000000002);
  EXPECT_TRUE(store.Video(1).cam_from_world.rotation.isIdentity());
  EXPECT_EQ(store.History(testing::Newest(100)).size(), 1u);
  // The version 2 tables work.
  store.PutEmbedding({1, 1, 1, "m", Eigen::VectorXf::Ones(3)});
  EXPECT_GT(store.AddRun({0, "train", "{}", RunStatus::kQueued, std::nullopt, std::nullopt, "{}", ""}), 0);
  EXPECT_EQ(store.IntegrityCheck(), "ok");
  // Opening again is a no-op, read-only works now.
  EXPECT_EQ(ProjectStore::Open(path, {true, 1000}).Embeddings("m").size(), 1u);
}

TEST(StoreSchemaTest, TheFrozenVersion1MatchesTheReleasedStep) {
  // Compare the schemas SQLite reports for the frozen file and for the library's step 0 -> 1.
  testing::TempDir dir;
  WriteVersion1File(dir.File("a.db"));
  {
    SqliteDb b = SqliteDb::Open(dir.File("b.db"), {false, true, 1000});
    b.Exec(SchemaSteps()[0]);
  }
  const auto columns = [](const std::string& path) {
    SqliteDb db = SqliteDb::Open(path, {true, false, 1000});
    SqliteStatement q(db,
                      "SELECT m.name, p.name, p.type, p.\"notnull\", p.pk FROM sqlite_master m, pragma_table_info(m.name) p "
                      "WHERE m.type = 'table' ORDER BY m.name, p.cid");
    std::string all;
    while (q.Step()) all += q.Text(0) + "." + q.Text(1) + ":" + q.Text(2) + std::to_string(q.Int(3)) + std::to_string(q.Int(4)) + " ";
    return all;
  };
  EXPECT_EQ(columns(dir.File("a.db")), columns(dir.File("b.db")));
}

TEST(StoreSchemaTest, NewerSchemaIsRefusedWithOneLine) {
  testing::TempDir dir;
  const std::string path = dir.File("new.hpj");
  testing::CreateSampleProject(path, 2);
  {
    SqliteDb db = SqliteDb::Open(path, {false, false, 1000});
    db.Exec("PRAGMA user_version = 7");
  }
  const std::string expected = path + ": project schema version 7 is newer than this HandProp supports (3); upgrade HandProp";
  EXPECT_EQ(testing::ErrorMessageOf<InputError>([&] { ProjectStore::Open(path); }), expected);
  EXPECT_EQ(testing::ErrorMessageOf<InputError>([&] { ProjectStore::Open(path, {true, 1000}); }), expected);
}

TEST(StoreSchemaTest, ForeignAndMissingFilesAreNotProjects) {
  testing::TempDir dir;
  const std::string text = dir.File("notes.hpj");
  std::ofstream(text) << "this is a text file, long enough to hold a would-be SQLite header.............\n";
  EXPECT_EQ(testing::ErrorMessageOf<InputError>([&] { ProjectStore::Open(text); }), text + ": not a HandProp project (file is not a database)");
  const std::string empty = dir.File("empty.hpj");
  std::ofstream(empty).flush();
  EXPECT_EQ(testing::ErrorMessageOf<InputError>([&] { ProjectStore::Open(empty); }),
            empty + ": not a HandProp project (a SQLite file without HandProp's meta table)");
  EXPECT_EQ(std::filesystem::file_size(empty), 0u);  // a foreign file is never written to
  const std::string other = dir.File("other.sqlite");
  SqliteDb::Open(other, {false, true, 1000}).Exec("CREATE TABLE t (x)");
  EXPECT_NE(testing::ErrorMessageOf<InputError>([&] { ProjectStore::Open(other); }).find(other + ": not a HandProp project"), std::string::npos);
  const std::string missing = dir.File("missing.hpj");
  EXPECT_EQ(testing::ErrorMessageOf<InputError>([&] { ProjectStore::Open(missing); }), missing + ": no such project file");
  EXPECT_FALSE(std::filesystem::exists(missing));
  EXPECT_EQ(testing::ErrorMessageOf<InputError>([&] { ProjectStore::Open(dir.path()); }), dir.path() + ": not a HandProp project (it is a folder)");
}

TEST(StoreSchemaTest, LockedProjectGivesOneLineAfterTheBusyTimeout) {
  testing::TempDir dir;
  const std::string path = dir.File("p.hpj");
  const auto s = testing::CreateSampleProject(path, 4);
  ProjectStore store = ProjectStore::Open(path, {false, 50});
  SqliteDb other = SqliteDb::Open(path, {false, false, 1000});
  other.Exec("BEGIN EXCLUSIVE");
  const std::string message = testing::ErrorMessageOf<RuntimeError>([&] { store.PutLabel(testing::SampleLabel(s.video_id, 0, s.hand_id, 0)); });
  EXPECT_EQ(message, path + ": the project is locked by another process (begin a transaction: database is locked)");
  EXPECT_EQ(message.find('\n'), std::string::npos);
  // Readers are not blocked by a writer (WAL).
  EXPECT_EQ(store.LabelCount(), 0);
  EXPECT_EQ(ProjectStore::Open(path, {true, 50}).Videos().size(), 1u);
  other.Exec("ROLLBACK");
  store.PutLabel(testing::SampleLabel(s.video_id, 0, s.hand_id, 0));
  EXPECT_EQ(store.LabelCount(), 1);
}

TEST(StoreSchemaTest, OptionsAreChecked) {
  EXPECT_EQ(StoreOpenOptions{}.Check(), "");
  EXPECT_EQ((StoreOpenOptions{false, -1}.Check()), "busy_timeout_ms = -1 violates busy_timeout_ms >= 0");
}

}  // namespace
}  // namespace handprop
