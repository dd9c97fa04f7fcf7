#pragma once
// Numbered schema migrations compiled into the binary from migrations/NNNN_name.sql. A file may
// be portable, using the placeholders below, or exist once per dialect as
// NNNN_name.sqlite.sql and NNNN_name.postgresql.sql. Each is applied once, inside a transaction,
// and recorded in schema_migrations.
//
// Placeholders in portable files:
//   {{ID}}        an auto-generated 64-bit primary key
#include <string>
#include <vector>

#include "platform/db/database.hpp"

namespace jinfu::db {

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;  // for the dialect asked for, placeholders expanded
};

// The migrations this binary carries for `dialect`, ordered by version.
std::vector<Migration> bundledMigrations(Dialect dialect);
int latestBundledVersion();

// Highest version recorded in the database; 0 for an empty database.
int schemaVersion(Database& db);

// Applies what is missing and returns the versions applied. Throws ApiError when the database
// is newer than this binary (it was migrated by a later release), so an old server never writes
// to a schema it does not understand.
std::vector<int> migrate(Database& db);

// Refuses (ApiError) a database whose schema is newer than the binary.
void ensureNotNewer(Database& db);

// Splits a script into statements at semicolons outside quotes, comments and
// CREATE TRIGGER … END blocks. Exposed for tests.
std::vector<std::string> splitStatements(const std::string& script);

}  // namespace jinfu::db
