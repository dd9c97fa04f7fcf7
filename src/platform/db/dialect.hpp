#pragma once
// The one place where SQLite and PostgreSQL differ at run time (the schema's differences live in
// the migrations' placeholders and per-dialect files). A store never writes `if (postgres)`: it
// asks for what it needs here, by name.
#include <cstdint>
#include <string_view>
#include <vector>

#include "platform/fwd.hpp"

namespace jinfu::db {

enum class Dialect;

// Advisory-lock keys of the platform, named so that no two uses ever share one by accident.
enum class LockKey : long long {
  Migrations = 727274,         // one migrator at a time when several servers start at once
  AuditAppend = 727274003,     // one appender of the hash-chained audit trail at a time
};

// Serialises the transactions that take `key` until the transaction ends. PostgreSQL: a
// transaction-scoped advisory lock. SQLite: nothing to do — Database::transaction began with
// BEGIN IMMEDIATE, which already holds the one write lock.
void lockForTransaction(soci::session& tx, Dialect dialect, LockKey key);

// Locks one row of `table` (a literal name, never input) for the rest of the transaction, so that
// a read-modify-write on it cannot interleave with another. PostgreSQL: SELECT … FOR UPDATE.
// SQLite: the write lock already excludes every other writer.
void lockRow(soci::session& tx, Dialect dialect, std::string_view table, int64_t id);

// Whether substring search over enterprises reads SQLite's side table (enterprise_search) rather
// than the column on enterprises itself (PostgreSQL's trigram index).
bool searchesSideTable(Dialect dialect);

class Query;
// Appends "`column` is one of `ids`" bound as one parameter, however many ids there are (a list of
// bound ids would hit SQLite's limit of 32 766 parameters): SQLite reads a JSON array with
// json_each, PostgreSQL a bigint array with = ANY. No ids matches nothing.
void idIn(Query& q, Dialect dialect, std::string_view column, const std::vector<int64_t>& ids);

}  // namespace jinfu::db
