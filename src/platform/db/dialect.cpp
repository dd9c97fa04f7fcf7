#include "platform/db/dialect.hpp"

#include <string>

#include <soci/soci.h>

#include "platform/db/database.hpp"

namespace jinfu::db {

void lockForTransaction(soci::session& tx, Dialect dialect, LockKey key) {
  if (dialect != Dialect::Postgresql) return;
  long long k = static_cast<long long>(key);
  tx << "SELECT pg_advisory_xact_lock(:k)", soci::use(k);
}

void lockRow(soci::session& tx, Dialect dialect, std::string_view table, int64_t id) {
  if (dialect != Dialect::Postgresql) return;
  long long key = id, locked = 0;
  tx << "SELECT id FROM " + std::string(table) + " WHERE id = :id FOR UPDATE", soci::use(key), soci::into(locked);
}

bool searchesSideTable(Dialect dialect) { return dialect == Dialect::Sqlite; }

void idIn(Query& q, Dialect dialect, std::string_view column, const std::vector<int64_t>& ids) {
  bool postgres = dialect == Dialect::Postgresql;
  std::string list(postgres ? "{" : "[");
  for (size_t i = 0; i < ids.size(); ++i) list += (i ? "," : "") + std::to_string(ids[i]);
  list += postgres ? "}" : "]";
  q << std::string(column);
  q << (postgres ? " = ANY(CAST(" : " IN (SELECT value FROM json_each(");
  q.param(std::move(list));
  q << (postgres ? " AS bigint[]))" : "))");
}

}  // namespace jinfu::db
