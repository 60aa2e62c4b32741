// SPDX-License-Identifier: Apache-2.0
#include "core/io/store/sqlite_db.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>

#include "core/util/error.h"
#include "tests/support/test_util.h"

namespace handprop {
namespace {

TEST(SqliteDbTest, TypedBindsAndReadsRoundTrip) {
  testing::TempDir dir;
  SqliteDb db = SqliteDb::Open(dir.File("t.db"), {false, true, 100});
  db.Exec("CREATE TABLE t (i INTEGER, d REAL, s TEXT, b BLOB, n)");
  SqliteStatement insert(db, "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)");
  const double d = 0.1 + 0.2;
  const std::string text("a\0b", 3);
  const char bytes[] = {1, 0, 2};
  insert.Bind(1, std::numeric_limits<int64_t>::min()).Bind(2, d).Bind(3, text).BindBlob(4, bytes, 3).BindNull(5).Run();
  insert.Bind(1, int64_t{1}).Bind(2, 0.0).Bind(3, "").BindBlob(4, nullptr, 0).Bind(5, 3).Run();
  SqliteStatement q(db, "SELECT i, d, s, b, n, typeof(b) FROM t ORDER BY rowid");
  ASSERT_TRUE(q.Step());
  EXPECT_EQ(q.Int(0), std::numeric_limits<int64_t>::min());
  const double read = q.Double(1);
  EXPECT_EQ(std::memcmp(&d, &read, sizeof d), 0);
  EXPECT_EQ(q.Text(2), text);
  EXPECT_EQ(q.Blob(3), std::string_view(bytes, 3));
  EXPECT_TRUE(q.IsNull(4));
  ASSERT_TRUE(q.Step());
  EXPECT_EQ(q.Blob(3).size(), 0u);
  EXPECT_EQ(q.Text(5), "blob");  // an empty blob stays a blob, not NULL
  EXPECT_FALSE(q.IsNull(4));
  EXPECT_FALSE(q.Step());
}

TEST(SqliteDbTest, TransactionRollsBackUnlessCommitted) {
  testing::TempDir dir;
  SqliteDb db = SqliteDb::Open(dir.File("t.db"), {false, true, 100});
  db.Exec("CREATE TABLE t (x INTEGER)");
  try {
    SqliteTransaction txn(db);
    db.Exec("INSERT INTO t VALUES (1)");
    throw RuntimeError("interrupted");
  } catch (const RuntimeError&) {
  }
  EXPECT_EQ(db.QueryInt("SELECT count(*) FROM t"), 0);
  {
    SqliteTransaction txn(db);
    db.Exec("INSERT INTO t VALUES (2)");
    txn.Commit();
  }
  EXPECT_EQ(db.QueryInt("SELECT sum(x) FROM t"), 2);
}

TEST(SqliteDbTest, ErrorsNameTheFileAndMapToTheirKind) {
  testing::TempDir dir;
  const std::string path = dir.File("t.db");
  SqliteDb db = SqliteDb::Open(path, {false, true, 100});
  db.Exec("CREATE TABLE t (x INTEGER UNIQUE)");
  db.Exec("INSERT INTO t VALUES (1)");
  try {
    db.Exec("INSERT INTO t VALUES (1)", "add x");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), path + ": add x: UNIQUE constraint failed: t.x");
  }
  try {
    SqliteStatement bad(db, "SELECT nope FROM t");
    FAIL();
  } catch (const RuntimeError& e) {
    EXPECT_EQ(std::string(e.what()), path + ": prepare failed: no such column: nope");
  }
  EXPECT_THROW(SqliteDb::Open(dir.File("missing.db"), {}), InputError);
  SqliteDb reader = SqliteDb::Open(path, {true, false, 100});
  EXPECT_THROW(reader.Exec("INSERT INTO t VALUES (5)"), InputError);
}

TEST(SqliteDbTest, MovedConnectionsKeepWorking) {
  testing::TempDir dir;
  SqliteDb a = SqliteDb::Open(dir.File("t.db"), {false, true, 100});
  SqliteDb b = std::move(a);
  b.Exec("CREATE TABLE t (x)");
  EXPECT_EQ(b.QueryInt("SELECT count(*) FROM t"), 0);
  EXPECT_EQ(a.handle(), nullptr);
}

}  // namespace
}  // namespace handprop
