// SPDX-License-Identifier: Apache-2.0
// ProjectStore: creating and opening files, meta data, info. Media, labels and extras live in
// project_store_media.cc, project_store_labels.cc, project_store_edits.cc and project_store_extras.cc.
#include "core/io/store/project_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "core/io/store/project_store_impl.h"
#include "core/io/store/store_schema.h"
#include "core/util/option_check.h"
#include "core/util/version.h"

namespace handprop {
namespace fs = std::filesystem;

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string LabelContext(int64_t video_id, int frame_index, int64_t hand_id) {
  return "label (video " + std::to_string(video_id) + ", frame " + std::to_string(frame_index) + ", hand " +
         std::to_string(hand_id) + ")";
}

std::string StoreOpenOptions::Check() const {
  HP_OPTION_CHECK_GE(busy_timeout_ms, 0);
  return {};
}

// ---- Impl -----------------------------------------------------------------------------------

ProjectStore::Impl::Impl(SqliteDb database, std::optional<int64_t> fixed_time)
    : db(std::move(database)),
      fixed_time_ms(fixed_time),
      folder(fs::absolute(db.path()).lexically_normal().parent_path().string()) {}

SqliteStatement& ProjectStore::Impl::Statement(const char* sql) {
  auto& slot = statements_[sql];
  if (!slot) slot = std::make_unique<SqliteStatement>(db, sql);
  return *slot;
}

int64_t ProjectStore::Impl::FrameId(int64_t video_id, int frame_index, const std::string& context) {
  StatementScope q(Statement("SELECT id FROM frames WHERE video_id = ?1 AND frame_index = ?2"));
  q->Bind(1, video_id).Bind(2, frame_index);
  if (!q->Step()) {
    VideoSequence(video_id, context);  // an unknown video is the better message
    Bad(context + ": video " + std::to_string(video_id) + " has no frame " + std::to_string(frame_index));
  }
  return q->Int(0);
}

const std::string& ProjectStore::Impl::VideoSequence(int64_t video_id, const std::string& context) {
  auto it = video_sequences_.find(video_id);
  if (it != video_sequences_.end()) return it->second;
  StatementScope q(Statement("SELECT sequence FROM videos WHERE id = ?1"));
  if (!q->Bind(1, video_id).Step()) Bad(context + ": unknown video id " + std::to_string(video_id));
  return video_sequences_.emplace(video_id, q->Text(0)).first->second;
}

const std::string& ProjectStore::Impl::HandSequence(int64_t hand_id, const std::string& context) {
  auto it = hand_sequences_.find(hand_id);
  if (it != hand_sequences_.end()) return it->second;
  StatementScope q(Statement("SELECT sequence FROM hands WHERE id = ?1"));
  if (!q->Bind(1, hand_id).Step()) Bad(context + ": unknown hand id " + std::to_string(hand_id));
  return hand_sequences_.emplace(hand_id, q->Text(0)).first->second;
}

std::string ProjectStore::Impl::StoredPath(const std::string& path) const {
  if (path.empty()) return path;
  const fs::path absolute = fs::absolute(path).lexically_normal();
  const fs::path relative = absolute.lexically_relative(folder);
  if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  return absolute.string();
}

std::string ProjectStore::Impl::ResolvedPath(const std::string& stored) const {
  if (stored.empty() || fs::path(stored).is_absolute()) return stored;
  return (fs::path(folder) / stored).lexically_normal().string();
}

// ---- Create / Open --------------------------------------------------------------------------

ProjectStore::ProjectStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ProjectStore::ProjectStore(ProjectStore&&) noexcept = default;
ProjectStore& ProjectStore::operator=(ProjectStore&&) noexcept = default;
ProjectStore::~ProjectStore() = default;

ProjectStore ProjectStore::Create(const std::string& path, const ProjectMeta& meta, const StoreOpenOptions& options) {
  if (const std::string problem = options.Check(); !problem.empty()) throw InputError(path + ": " + problem);
  if (options.read_only) throw InputError(path + ": cannot create a project read-only");
  // O_EXCL: never clobber an existing project, even one created by a racing process.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == EEXIST) throw InputError(path + ": already exists; refusing to overwrite it with a new project");
    throw RuntimeError(path + ": cannot create the project file: " + std::strerror(errno));
  }
  ::close(fd);
  try {
    SqliteDb db = SqliteDb::Open(path, {false, false, options.busy_timeout_ms});
    ConfigureConnection(db);
    SqliteTransaction txn(db);
    CreateSchema(db);
    SqliteStatement put(db, "INSERT INTO meta (key, value) VALUES (?1, ?2)");
    put.Bind(1, "format").Bind(2, kStoreFormatName).Run();
    put.Bind(1, "name").Bind(2, meta.name).Run();
    put.Bind(1, "role").Bind(2, ProjectRoleName(meta.role)).Run();
    put.Bind(1, "created_at").Bind(2, std::to_string(options.fixed_time_ms ? *options.fixed_time_ms : NowMs())).Run();
    put.Bind(1, "created_by_version").Bind(2, kVersion).Run();
    txn.Commit();
    return ProjectStore(std::make_unique<Impl>(std::move(db), options.fixed_time_ms));
  } catch (...) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix, ignored);
    throw;
  }
}

namespace {

// An existing project's connection, its schema checked before anything writes (a foreign file is
// never touched) and, read-write, migrated; *found_version is the version the file had.
SqliteDb OpenExisting(const std::string& path, const StoreOpenOptions& options, int* found_version) {
  SqliteDb db = SqliteDb::Open(path, {options.read_only, false, options.busy_timeout_ms});
  *found_version = CheckProjectSchema(db);
  ConfigureConnection(db);
  if (!options.read_only) MigrateSchema(db);
  return db;
}

}  // namespace

ProjectStore ProjectStore::Open(const std::string& path, const StoreOpenOptions& options) {
  if (const std::string problem = options.Check(); !problem.empty()) throw InputError(path + ": " + problem);
  int found_version = 0;
  SqliteDb db = OpenExisting(path, options, &found_version);
  return ProjectStore(std::make_unique<Impl>(std::move(db), options.fixed_time_ms));
}

int ProjectStore::Upgrade(const std::string& path) {
  int found_version = 0;
  OpenExisting(path, StoreOpenOptions{}, &found_version);
  return found_version;
}

const std::string& ProjectStore::path() const { return impl_->db.path(); }

void ProjectStore::Batch(const std::function<void()>& edits) {
  SqliteTransaction txn(impl_->db);
  try {
    edits();
  } catch (...) {
    impl_->ForgetCachedIds();
    throw;
  }
  txn.Commit();
}

ProjectMeta ProjectStore::Meta() const {
  ProjectMeta meta;
  StatementScope q(impl_->Statement("SELECT key, value FROM meta"));
  while (q->Step()) {
    const std::string key = q->Text(0), value = q->Text(1);
    if (key == "name") {
      meta.name = value;
    } else if (key == "role") {
      const auto role = ParseProjectRole(value);
      if (!role) impl_->Bad("meta: unknown role '" + value + "'");
      meta.role = *role;
    } else if (key == "created_at") {
      try {
        meta.created_at_ms = std::stoll(value);
      } catch (const std::exception&) {
        impl_->Bad("meta: created_at '" + value + "' is not a time");
      }
    } else if (key == "created_by_version") {
      meta.created_by_version = value;
    }
  }
  return meta;
}

StoreInfo ProjectStore::Info() const {
  StoreInfo info;
  SqliteTransaction snapshot(impl_->db, SqliteTransaction::Kind::kRead);  // consistent counts
  info.path = path();
  info.schema_version = static_cast<int>(impl_->db.QueryInt("PRAGMA user_version"));
  info.meta = Meta();
  for (const char* table : {"videos", "frames", "hands", "labels", "history", "edits", "embeddings", "runs"})
    info.rows[table] = impl_->db.QueryInt((std::string("SELECT count(*) FROM ") + table).c_str());
  for (int p = 0; p < kNumProvenances; ++p) info.labels_per_provenance[static_cast<Provenance>(p)] = 0;
  StatementScope q(impl_->Statement("SELECT provenance, count(*) FROM labels GROUP BY provenance"));
  while (q->Step()) {
    const auto provenance = ParseProvenance(q->Text(0));
    if (provenance) info.labels_per_provenance[*provenance] = q->Int(1);
  }
  std::error_code ec;
  for (const char* suffix : {"", "-wal"}) {
    const auto bytes = fs::file_size(path() + suffix, ec);
    if (!ec) info.file_bytes += static_cast<int64_t>(bytes);
  }
  snapshot.Commit();
  return info;
}

std::string ProjectStore::IntegrityCheck() const {
  StatementScope q(impl_->Statement("PRAGMA integrity_check"));
  std::string result;
  while (q->Step()) result += (result.empty() ? "" : "; ") + q->Text(0);
  return result;
}

}  // namespace handprop
