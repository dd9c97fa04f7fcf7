#pragma once
// Who runs a periodic job (the time-limit sweep) right now, when several server processes share
// one database: a row per job naming its holder until a moment. Taking it is one statement that
// only succeeds when the row is free or expired or already ours, so exactly one process wins —
// an in-process flag could not see the other processes.
#include <cstdint>
#include <string>

namespace jinfu::db {

class Database;

// Takes or renews the lease `job` for `holder` until nowMs + ttlMs; false when another holder's
// lease is still running. Times are milliseconds since the epoch, from the caller's clock.
bool tryTakeLease(Database& db, const std::string& job, const std::string& holder, int64_t nowMs, int64_t ttlMs);
// Gives the lease up early (on shutdown), if `holder` still has it.
void releaseLease(Database& db, const std::string& job, const std::string& holder);

}  // namespace jinfu::db
