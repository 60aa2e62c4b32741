// SPDX-License-Identifier: Apache-2.0
// The project file's schema and its migrations (docs/project-format.md describes every table).
// The version lives in PRAGMA user_version. SchemaSteps()[k] is the SQL that takes a file from
// version k to k + 1 (step 0 creates version 1 from an empty file); steps are append-only: a
// released step never changes, a change to the schema is a new step.
//
// Errors (all one line, path first):
//  - not a SQLite file, or a SQLite file without HandProp's meta table:
//    InputError "<path>: not a HandProp project (...)"
//  - user_version > kStoreSchemaVersion: InputError
//    "<path>: project schema version N is newer than this HandProp supports (M); upgrade HandProp"
//  - an older version opened read-only: InputError "<path>: project schema version N is older
//    than this HandProp's (M); run `handprop project upgrade` on it"
#pragma once

#include <string_view>
#include <vector>

#include "core/io/store/sqlite_db.h"

namespace handprop {

inline constexpr int kStoreSchemaVersion = 3;
inline constexpr const char* kStoreFormatName = "handprop-project";  // meta 'format'

const std::vector<std::string_view>& SchemaSteps();

// The file's schema version after checking that it is a HandProp project and not too new.
// Reads only; throws the errors above.
int CheckProjectSchema(SqliteDb& db);

// Sets up a connection for the store: WAL journal (read-write only), synchronous = NORMAL,
// foreign keys on. See docs/project-format.md "Durability".
void ConfigureConnection(SqliteDb& db);

// Applies the missing steps in one write transaction, so a file is either fully migrated or
// untouched. No-op when the file is current. Returns the version it found.
int MigrateSchema(SqliteDb& db);

// Creates every table in an empty database (steps 0..kStoreSchemaVersion-1) inside the caller's
// transaction and sets user_version.
void CreateSchema(SqliteDb& db);

}  // namespace handprop
