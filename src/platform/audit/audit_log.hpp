#pragma once
// The audit trail: who did what to which object, when, from where, and with what outcome.
// Append-only (database triggers refuse UPDATE and DELETE) and hash-chained (chain.hpp), so that
// an edit by someone with database access is detected by `jinfu audit verify`.
//
// Writes are audited inside the business transaction (append), so that a change and its entry
// commit or roll back together; events that change nothing — log-ins, denials, reads — are
// recorded in a transaction of their own (record).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "platform/page.hpp"
#include "platform/audit/chain.hpp"
#include "platform/auth/principal.hpp"
#include "platform/clock.hpp"
#include "platform/db/database.hpp"

namespace jinfu::http {
struct Request;
}

namespace jinfu::audit {

// Who acted. Names are stored with the entry (denormalised) so that the trail still reads
// correctly after a user or organisation is renamed or removed.
struct Actor {
  std::optional<int64_t> userId;
  std::string username;  // also the attempted name of a failed log-in
  std::optional<int64_t> organisationId;
  std::string organisationName;
  std::string organisationRegion;  // decides which government bodies see the entry
  std::optional<int64_t> tokenId;
  std::string ip;
  std::string userAgent;
  std::string requestId;
};

// The principal (if the route is protected and the guard set one), the remote address, the
// User-Agent header and the request id.
Actor actorOf(const http::Request& request);
// The operating-system account that ran a `jinfu` command ("cli:root"): the trail should say who
// did it even without a platform user.
Actor commandLineActor();

struct Entry {
  std::string action;   // a code from actions.hpp
  std::string outcome;  // success | failure | denied
  std::string objectType;
  std::string objectId;
  // For writes: the object before and after, as JSON objects. Keys that look like secrets
  // (password…, …secret…, …hash…, token) are replaced by "[redacted]" as a safety net; callers
  // still must not pass them.
  std::optional<std::string> beforeJson;
  std::optional<std::string> afterJson;
  std::string detail;
};

class AuditLog {
 public:
  AuditLog(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Appends inside the caller's open transaction (Database::transaction), after taking the
  // append lock, so that concurrent appends never fork the chain. The lock is held until the
  // caller commits: append last in a transaction, after the business writes, so that no
  // transaction ever waits for a row lock while holding it. Throws std::invalid_argument for a
  // bad outcome or before/after text that is not a JSON object (a programming error).
  void append(soci::session& tx, const Actor& actor, const Entry& entry);

  // Appends in a transaction of its own. Never call it from inside another transaction.
  void record(const Actor& actor, const Entry& entry);

  struct Filter {
    std::string user;  // username substring, case-insensitive for ASCII
    std::string action, objectType, objectId, outcome;  // exact; empty = any
    std::optional<int64_t> organisationId;
    std::optional<Date> from, to;  // inclusive calendar days in Asia/Shanghai
  };

  using Page = jinfu::Page<StoredEntry>;  // newest first
  static constexpr int kMaxPageSize = 100;

  // The entries the scope allows and the filter selects. page ≥ 1; pageSize is clamped to 1–100.
  Page search(const auth::DataScope& scope, const Filter& filter, int page, int pageSize);

  struct Export {
    std::string bytes;     // an .xlsx workbook
    std::string day;       // YYYYMMDD, today in Shanghai
    std::string fileName;  // audit-YYYYMMDD.xlsx
    int64_t rows = 0;
    bool truncated = false;  // more entries matched than maxRows; the newest were kept
  };
  Export exportXlsx(const auth::DataScope& scope, const Filter& filter, size_t maxRows = 100000);

  struct VerifyReport {
    bool ok = true;
    int64_t entries = 0;  // entries that passed
    std::optional<int64_t> badEntryId;
    std::string reasonZh, reasonEn;
    std::string headHash;  // hash of the last entry that passed (kGenesisHash for none)
  };
  // Walks the whole table in id order, a batch at a time, in constant memory.
  VerifyReport verify();

 private:
  db::Database& db_;
  const Clock& clock_;
};

// Verification without a clock, for the CLI.
AuditLog::VerifyReport verifyAuditLog(db::Database& db);

}  // namespace jinfu::audit
