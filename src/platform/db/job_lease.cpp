#include "platform/db/job_lease.hpp"

#include "platform/db/database.hpp"

namespace jinfu::db {

bool tryTakeLease(Database& db, const std::string& job, const std::string& holder, int64_t nowMs, int64_t ttlMs) {
  long long now = nowMs, until = nowMs + ttlMs;
  return db.transaction([&](soci::session& tx) {
    // Insert the row when the job has never run; otherwise take it over only if it is ours or
    // has expired. Both databases treat the conditional upsert as one atomic statement.
    soci::statement st =
        (tx.prepare << "INSERT INTO job_leases (name, holder, expires_at) VALUES (:n, :h, :u) "
                       "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at "
                       "WHERE job_leases.holder = excluded.holder OR job_leases.expires_at <= :now",
         soci::use(job), soci::use(holder), soci::use(until), soci::use(now));
    st.execute(true);
    return st.get_affected_rows() > 0;
  });
}

void releaseLease(Database& db, const std::string& job, const std::string& holder) {
  db.transaction([&](soci::session& tx) {
    tx << "DELETE FROM job_leases WHERE name = :n AND holder = :h", soci::use(job), soci::use(holder);
  });
}

}  // namespace jinfu::db
