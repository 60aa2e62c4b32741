// SPDX-License-Identifier: Apache-2.0
#include "core/io/store/sqlite_db.h"

#include <sqlite3.h>

#include <filesystem>
#include <utility>

#include "core/util/error.h"

namespace handprop {

SqliteDb SqliteDb::Open(const std::string& path, const Options& options) {
  HP_CHECK(!(options.read_only && options.create), "a read-only connection cannot create ", path);
  std::error_code ec;
  if (!options.create && !std::filesystem::exists(path, ec)) throw InputError(path + ": no such project file");
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": not a HandProp project (it is a folder)");
  int flags = SQLITE_OPEN_NOMUTEX;
  flags |= options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (options.create) flags |= SQLITE_OPEN_CREATE;
  sqlite3* handle = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  SqliteDb db(handle, path, options.read_only);  // owns the handle even when the open failed
  if (rc != SQLITE_OK) {
    if (!handle) throw RuntimeError(path + ": cannot open the project: out of memory");
    db.Fail(rc, "open");
  }
  sqlite3_extended_result_codes(handle, 0);
  sqlite3_busy_timeout(handle, options.busy_timeout_ms);
  return db;
}

SqliteDb::SqliteDb(SqliteDb&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)), read_only_(other.read_only_) {}

SqliteDb& SqliteDb::operator=(SqliteDb&& other) noexcept {
  if (this != &other) {
    if (db_) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
    read_only_ = other.read_only_;
  }
  return *this;
}

SqliteDb::~SqliteDb() {
  if (db_) sqlite3_close_v2(db_);
}

void SqliteDb::Fail(int rc, std::string_view what) const {
  const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  const std::string w(what);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw RuntimeError(path_ + ": the project is locked by another process (" + w + ": " + message + ")");
    case SQLITE_NOTADB:
      throw InputError(path_ + ": not a HandProp project (" + message + ")");
    case SQLITE_CORRUPT:
      throw InputError(path_ + ": the project file is corrupt (" + message + ")");
    case SQLITE_CONSTRAINT:
      throw InputError(path_ + ": " + w + ": " + message);
    case SQLITE_READONLY:
      throw InputError(path_ + ": " + w + ": the project is open read-only or the file is not writable");
    default:
      throw RuntimeError(path_ + ": " + w + " failed: " + message);
  }
}

void SqliteDb::Exec(std::string_view sql, std::string_view what) {
  const std::string text(sql);
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);
  if (rc != SQLITE_OK) Fail(rc, what);
}

int64_t SqliteDb::QueryInt(const char* sql) {
  SqliteStatement statement(*this, sql);
  return statement.Step() ? statement.Int(0) : 0;
}

std::string SqliteDb::QueryText(const char* sql) {
  SqliteStatement statement(*this, sql);
  return statement.Step() ? statement.Text(0) : std::string();
}

int64_t SqliteDb::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int64_t SqliteDb::Changes() const { return sqlite3_changes(db_); }

// ---- SqliteStatement ------------------------------------------------------------------------

SqliteStatement::SqliteStatement(SqliteDb& db, const char* sql) : db_(&db) {
  const int rc = sqlite3_prepare_v3(db.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) db.Fail(rc, "prepare");
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

SqliteStatement& SqliteStatement::Bind(int index, int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) db_->Fail(rc, "bind");
  return *this;
}

SqliteStatement& SqliteStatement::Bind(int index, double value) {
  const int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) db_->Fail(rc, "bind");
  return *this;
}

SqliteStatement& SqliteStatement::Bind(int index, std::string_view text) {
  const int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) db_->Fail(rc, "bind");
  return *this;
}

SqliteStatement& SqliteStatement::BindBlob(int index, const void* data, size_t bytes) {
  // A zero-length blob must still be a blob, not NULL: SQLite needs a non-null pointer for that.
  static const char kEmpty = 0;
  const int rc = sqlite3_bind_blob64(stmt_, index, bytes ? data : &kEmpty, bytes, SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) db_->Fail(rc, "bind");
  return *this;
}

SqliteStatement& SqliteStatement::BindNull(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) db_->Fail(rc, "bind");
  return *this;
}

bool SqliteStatement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // Reset so that the statement does not keep a half-run state (and its locks) after the throw.
  sqlite3_reset(stmt_);
  // Name the statement by its first three words ("INSERT INTO labels"), not its whole text.
  std::string what = sqlite3_sql(stmt_);
  size_t end = 0;
  for (int word = 0; word < 3 && end != std::string::npos; ++word) end = what.find(' ', end + (word > 0));
  db_->Fail(rc, what.substr(0, end));
}

void SqliteStatement::Run() {
  while (Step()) {
  }
  Reset();
}

SqliteStatement& SqliteStatement::Reset() {
  sqlite3_reset(stmt_);  // returns the last step's error, already reported by Step
  sqlite3_clear_bindings(stmt_);
  return *this;
}

bool SqliteStatement::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
int64_t SqliteStatement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }
double SqliteStatement::Double(int column) const { return sqlite3_column_double(stmt_, column); }

std::string SqliteStatement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text ? std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}

std::string_view SqliteStatement::Blob(int column) const {
  const void* data = sqlite3_column_blob(stmt_, column);
  const int bytes = sqlite3_column_bytes(stmt_, column);
  return data ? std::string_view(static_cast<const char*>(data), static_cast<size_t>(bytes)) : std::string_view();
}

// ---- SqliteTransaction ----------------------------------------------------------------------

SqliteTransaction::SqliteTransaction(SqliteDb& db, Kind kind) : db_(db), nested_(sqlite3_get_autocommit(db.handle()) == 0) {
  if (nested_)
    db_.Exec("SAVEPOINT hp_nested", "begin a nested transaction");
  else
    db_.Exec(kind == Kind::kWrite ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", "begin a transaction");
  open_ = true;
}

SqliteTransaction::~SqliteTransaction() {
  if (!open_) return;
  const char* undo = nested_ ? "ROLLBACK TO hp_nested; RELEASE hp_nested" : "ROLLBACK";
  sqlite3_exec(db_.handle(), undo, nullptr, nullptr, nullptr);
}

void SqliteTransaction::Commit() {
  HP_CHECK(open_, "commit of a finished transaction");
  db_.Exec(nested_ ? "RELEASE hp_nested" : "COMMIT", "commit");
  open_ = false;
}

}  // namespace handprop
