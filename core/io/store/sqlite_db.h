// SPDX-License-Identifier: Apache-2.0
// A small RAII layer over SQLite for the project store: a connection, prepared statements with
// typed binds and reads, and a transaction guard that rolls back unless committed.
//
//   SqliteDb db = SqliteDb::Open("p.hpj", {});
//   SqliteStatement insert(db, "INSERT INTO t (a, b) VALUES (?1, ?2)");
//   {
//     SqliteTransaction txn(db);            // BEGIN IMMEDIATE: takes the write lock now
//     insert.Reset().Bind(1, int64_t{7}).Bind(2, "x").Run();
//     txn.Commit();                         // a throw before this line rolls back
//   }
//
// Errors: every failure throws with one line that starts with the database path:
//  - SQLITE_BUSY / SQLITE_LOCKED (another connection held the lock longer than the busy timeout):
//    RuntimeError "<path>: the project is locked by another process (<what>: database is locked)".
//  - SQLITE_NOTADB: InputError "<path>: not a HandProp project (file is not a database)".
//  - SQLITE_CORRUPT: InputError "<path>: the project file is corrupt (<sqlite message>)".
//  - SQLITE_CONSTRAINT (a UNIQUE/CHECK/FOREIGN KEY violation caused by the caller's values):
//    InputError "<path>: <what>: <sqlite message>".
//  - anything else: RuntimeError "<path>: <what> failed: <sqlite message>".
// Threads: a connection and its statements belong to one thread at a time (opened NOMUTEX); use
// one SqliteDb per thread. sqlite3.h stays out of this header.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace handprop {

class SqliteDb {
 public:
  struct Options {
    bool read_only = false;       // SQLITE_OPEN_READONLY
    bool create = false;          // create the file when missing (never used with read_only)
    int busy_timeout_ms = 5000;   // how long a statement waits for another connection's lock
  };

  // Opens `path`; a missing file without `create` is InputError "<path>: no such project file".
  static SqliteDb Open(const std::string& path, const Options& options);

  SqliteDb(SqliteDb&& other) noexcept;
  SqliteDb& operator=(SqliteDb&& other) noexcept;
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb();

  // Runs one or more ';'-separated statements without results. `what` names the step in errors.
  void Exec(std::string_view sql, std::string_view what = "statement");
  // The first column of the first row of `sql` as an integer (0 when there is no row).
  int64_t QueryInt(const char* sql);
  // The first column of the first row of `sql` as text ("" when there is no row).
  std::string QueryText(const char* sql);

  int64_t LastInsertRowId() const;
  int64_t Changes() const;  // rows changed by the last INSERT/UPDATE/DELETE
  const std::string& path() const { return path_; }
  bool read_only() const { return read_only_; }
  sqlite3* handle() const { return db_; }

  // Throws the error that `rc` maps to (see the header comment). Never returns.
  [[noreturn]] void Fail(int rc, std::string_view what) const;

 private:
  SqliteDb(sqlite3* db, std::string path, bool read_only) : db_(db), path_(std::move(path)), read_only_(read_only) {}
  sqlite3* db_ = nullptr;
  std::string path_;
  bool read_only_ = false;
};

class SqliteStatement {
 public:
  // Prepares `sql` (one statement) on `db`, which must outlive the statement.
  SqliteStatement(SqliteDb& db, const char* sql);
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&&) = delete;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  // Parameters are 1-based, as in SQL's ?1. Text and blobs are copied by SQLite.
  SqliteStatement& Bind(int index, int64_t value);
  SqliteStatement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  SqliteStatement& Bind(int index, double value);
  SqliteStatement& Bind(int index, std::string_view text);
  SqliteStatement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  SqliteStatement& BindBlob(int index, const void* data, size_t bytes);
  SqliteStatement& BindNull(int index);

  // Advances: true when a row is available, false when done. Errors throw (see above).
  bool Step();
  // Steps to the end of a statement that returns no rows, then resets it.
  void Run();
  // Ends the current execution (releasing its read snapshot) and clears the bindings.
  SqliteStatement& Reset();

  // Columns are 0-based.
  bool IsNull(int column) const;
  int64_t Int(int column) const;
  double Double(int column) const;
  std::string Text(int column) const;
  // The blob's bytes; valid until the next Step/Reset.
  std::string_view Blob(int column) const;

 private:
  SqliteDb* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Resets a statement when the scope ends, so that an abandoned SELECT never pins a WAL snapshot.
class StatementScope {
 public:
  explicit StatementScope(SqliteStatement& statement) : statement_(statement) { statement_.Reset(); }
  ~StatementScope() { statement_.Reset(); }
  StatementScope(const StatementScope&) = delete;
  StatementScope& operator=(const StatementScope&) = delete;
  SqliteStatement& operator*() const { return statement_; }
  SqliteStatement* operator->() const { return &statement_; }

 private:
  SqliteStatement& statement_;
};

// BEGIN IMMEDIATE (write) or BEGIN DEFERRED (read snapshot) on construction; ROLLBACK in the
// destructor unless Commit() ran. Inside another transaction it is a SAVEPOINT instead: Commit()
// releases it into the outer transaction and the destructor rolls back only its own changes, so
// store calls compose into one all-or-nothing batch (ProjectStore::Batch).
class SqliteTransaction {
 public:
  enum class Kind { kWrite, kRead };
  explicit SqliteTransaction(SqliteDb& db, Kind kind = Kind::kWrite);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  void Commit();

 private:
  SqliteDb& db_;
  bool open_ = false;
  bool nested_ = false;  // inside another transaction: a SAVEPOINT, released or rolled back to
};

}  // namespace handprop
