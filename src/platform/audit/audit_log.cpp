#include "platform/audit/audit_log.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <limits>
#include <stdexcept>
#include <variant>

#include <nlohmann/json.hpp>

#include "platform/audit/audit_xlsx.hpp"
#include "platform/db/dialect.hpp"
#include "platform/http/message.hpp"
#include "platform/text.hpp"

namespace jinfu::audit {
namespace {

// Serialises appends on PostgreSQL: held from before the last hash is read until the appending
// transaction ends. Distinct from the migration lock (727274).

// Rows per round trip when streaming the table (verify, export): bounded memory on both
// backends — SOCI's PostgreSQL backend buffers a whole result set.
constexpr int kBatch = 1000;

constexpr const char* kColumns =
    "id, at, request_id, user_id, username, organisation_id, organisation_name, organisation_region, token_id, "
    "action, object_type, object_id, outcome, ip, user_agent, before_json, after_json, detail, prev_hash, hash";

// Stored text is valid UTF-8 without NUL (PostgreSQL refuses both otherwise, and a weird
// User-Agent must never make a business transaction fail), cut at a character boundary.
std::string clean(std::string_view s, size_t maxBytes) {
  std::string out;
  out.reserve(std::min(s.size(), maxBytes));
  for (size_t i = 0; i < s.size();) {
    char32_t c = text::decodeUtf8(s, i);
    if (c == 0) c = text::kReplacement;
    std::string one = text::toUtf8(c);
    if (out.size() + one.size() > maxBytes) break;
    out += one;
  }
  return out;
}

bool secretKey(std::string key) {
  for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key.find("password") != std::string::npos || key.find("secret") != std::string::npos ||
         key.find("hash") != std::string::npos || key.ends_with("token");
}

void redact(nlohmann::json& value) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (secretKey(it.key())) *it = "[redacted]";
      else redact(*it);
    }
  } else if (value.is_array()) {
    for (auto& item : value) redact(item);
  }
}

// Before/after must be JSON objects; stored compact, with secrets redacted.
std::optional<std::string> objectJson(const std::optional<std::string>& text, const char* which) {
  if (!text) return std::nullopt;
  auto value = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded() || !value.is_object())
    throw std::invalid_argument(std::string("audit entry: ") + which + " is not a JSON object");
  redact(value);
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A WHERE clause assembled from fixed SQL fragments, each with at most one `?` standing for a
// bound value. Values live in a deque so that the references SOCI keeps stay valid.
class Where {
 public:
  void add(std::string_view fragment, std::string value) { push(fragment, std::move(value)); }
  void add(std::string_view fragment, long long value) { push(fragment, value); }
  void never() { clauses_.push_back("1 = 0"); }  // fail closed

  std::string sql() const {
    std::string out;
    for (const auto& c : clauses_) out += (out.empty() ? " WHERE " : " AND ") + c;
    return out;
  }

  void bind(soci::details::prepare_temp_type& statement) {
    for (auto& v : values_) {
      if (auto* s = std::get_if<std::string>(&v)) statement, soci::use(*s);
      else statement, soci::use(std::get<long long>(v));
    }
  }

 private:
  void push(std::string_view fragment, std::variant<std::string, long long> value) {
    std::string clause(fragment);
    auto q = clause.find('?');
    clause.replace(q, 1, ":p" + std::to_string(values_.size()));
    clauses_.push_back(std::move(clause));
    values_.push_back(std::move(value));
  }
  std::vector<std::string> clauses_;
  std::deque<std::variant<std::string, long long>> values_;
};

// `%`, `_` and the escape character itself are literal in a LIKE pattern after this.
std::string likeEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string lowerAscii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Where whereOf(const auth::DataScope& scope, const AuditLog::Filter& f) {
  Where w;
  switch (scope.kind) {
    case auth::DataScope::Kind::All:
      break;
    case auth::DataScope::Kind::Region:
      // An empty prefix would match every region: a misconfigured body sees nothing instead.
      if (scope.regionPrefix.empty()) w.never();
      else w.add("organisation_region LIKE ? ESCAPE '\\'", likeEscape(scope.regionPrefix) + "%");
      break;
    case auth::DataScope::Kind::Organisation:
    case auth::DataScope::Kind::Enterprise:
      if (scope.organisationId <= 0) w.never();
      else w.add("organisation_id = ?", static_cast<long long>(scope.organisationId));
      break;
  }
  // LOWER on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
  if (!f.user.empty()) w.add("LOWER(username) LIKE ? ESCAPE '\\'", "%" + likeEscape(lowerAscii(f.user)) + "%");
  if (f.organisationId) w.add("organisation_id = ?", static_cast<long long>(*f.organisationId));
  if (!f.action.empty()) w.add("action = ?", f.action);
  if (!f.objectType.empty()) w.add("object_type = ?", f.objectType);
  if (!f.objectId.empty()) w.add("object_id = ?", f.objectId);
  if (!f.outcome.empty()) w.add("outcome = ?", f.outcome);
  // `at` is RFC 3339 text at +08:00, so Shanghai days compare as text: "2026-11-27" sorts before
  // every instant of that day, and the day after `to` after every instant of `to`.
  if (f.from) w.add("at >= ?", f.from->toString());
  if (f.to) w.add("at < ?", f.to->plusDays(1).toString());
  return w;
}

StoredEntry entryOf(const soci::row& r) {
  StoredEntry e;
  Content& c = e.content;
  db::Row(r).into(e.id, c.at, c.requestId, c.userId, c.username, c.organisationId, c.organisationName,
                  c.organisationRegion, c.tokenId, c.action, c.objectType, c.objectId, c.outcome, c.ip, c.userAgent,
                  c.beforeJson, c.afterJson, c.detail, e.prevHash, e.hash);
  return e;
}

// Calls `each` for up to `limit` entries matching `where`, newest first, below id `before`
// (nullopt: from the newest). Returns how many it delivered.
template <class Each>
int newestBatch(soci::session& s, Where where, std::optional<int64_t> before, int limit, Each&& each) {
  if (before) where.add("id < ?", static_cast<long long>(*before));
  long long n = limit;
  auto statement = (s.prepare << std::string("SELECT ") + kColumns + " FROM audit_log" + where.sql() +
                                     " ORDER BY id DESC LIMIT :limit");
  where.bind(statement);
  statement, soci::use(n);
  soci::rowset<soci::row> rows(statement);
  int delivered = 0;
  for (const auto& r : rows) {
    each(entryOf(r));
    ++delivered;
  }
  return delivered;
}

std::string yyyymmdd(Date d) {
  std::string s = d.toString();
  s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
  return s;
}

}  // namespace

Actor actorOf(const http::Request& request) {
  Actor a;
  if (request.principal) {
    const auto& p = *request.principal;
    // Ids start at 1 in both databases; 0 means "none".
    if (p.userId > 0) a.userId = p.userId;
    a.username = p.username;
    if (p.organisationId > 0) a.organisationId = p.organisationId;
    a.organisationName = p.organisationName;
    a.organisationRegion = p.regionCode;
    a.tokenId = p.tokenId;
  }
  a.ip = request.remoteAddress;
  a.userAgent = std::string(request.header("user-agent").value_or(""));
  a.requestId = request.requestId;
  return a;
}

void AuditLog::append(soci::session& tx, const Actor& actor, const Entry& entry) {
  if (entry.outcome != "success" && entry.outcome != "failure" && entry.outcome != "denied")
    throw std::invalid_argument("audit entry: outcome must be success, failure or denied, got " + entry.outcome);
  if (entry.action.empty()) throw std::invalid_argument("audit entry: empty action");

  Content c;
  c.requestId = clean(actor.requestId, 128);
  c.userId = actor.userId;
  c.username = clean(actor.username, 256);
  c.organisationId = actor.organisationId;
  c.organisationName = clean(actor.organisationName, 256);
  c.organisationRegion = clean(actor.organisationRegion, 16);
  c.tokenId = actor.tokenId;
  c.action = clean(entry.action, 64);
  c.objectType = clean(entry.objectType, 64);
  c.objectId = clean(entry.objectId, 256);
  c.outcome = entry.outcome;
  c.ip = clean(actor.ip, 64);
  c.userAgent = clean(actor.userAgent, 512);
  c.beforeJson = objectJson(entry.beforeJson, "before");
  c.afterJson = objectJson(entry.afterJson, "after");
  c.detail = clean(entry.detail, 16384);

  // One appender at a time, so that no two entries ever take the same predecessor. SQLite:
  // Database::transaction began with BEGIN IMMEDIATE, which already holds the write lock.
  db::lockForTransaction(tx, db_.dialect(), db::LockKey::AuditAppend);
  std::string prevHash;
  soci::indicator prevInd = soci::i_null;
  tx << "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", soci::into(prevHash, prevInd);
  if (!tx.got_data() || prevInd == soci::i_null) prevHash = std::string(kGenesisHash);
  // Read the time under the lock, so that times never go backwards along the chain.
  c.at = rfc3339Shanghai(clock_.now());
  std::string hash = chainHash(prevHash, c);

  long long userId = c.userId.value_or(0), orgId = c.organisationId.value_or(0), tokenId = c.tokenId.value_or(0);
  soci::indicator userInd = c.userId ? soci::i_ok : soci::i_null;
  soci::indicator orgInd = c.organisationId ? soci::i_ok : soci::i_null;
  soci::indicator tokenInd = c.tokenId ? soci::i_ok : soci::i_null;
  std::string before = c.beforeJson.value_or(""), after = c.afterJson.value_or("");
  soci::indicator beforeInd = c.beforeJson ? soci::i_ok : soci::i_null;
  soci::indicator afterInd = c.afterJson ? soci::i_ok : soci::i_null;
  tx << "INSERT INTO audit_log (at, request_id, user_id, username, organisation_id, organisation_name, "
        "organisation_region, token_id, action, object_type, object_id, outcome, ip, user_agent, before_json, "
        "after_json, detail, prev_hash, hash) VALUES (:at, :request, :user, :username, :org, :orgName, :region, "
        ":token, :action, :objectType, :objectId, :outcome, :ip, :agent, :before, :after, :detail, :prev, :hash)",
      soci::use(c.at), soci::use(c.requestId), soci::use(userId, userInd), soci::use(c.username),
      soci::use(orgId, orgInd), soci::use(c.organisationName), soci::use(c.organisationRegion),
      soci::use(tokenId, tokenInd), soci::use(c.action), soci::use(c.objectType), soci::use(c.objectId),
      soci::use(c.outcome), soci::use(c.ip), soci::use(c.userAgent), soci::use(before, beforeInd),
      soci::use(after, afterInd), soci::use(c.detail), soci::use(prevHash), soci::use(hash);
}

void AuditLog::record(const Actor& actor, const Entry& entry) {
  db_.transaction([&](soci::session& tx) { append(tx, actor, entry); });
}

AuditLog::Page AuditLog::search(const auth::DataScope& scope, const Filter& filter, int page, int pageSize) {
  Page result;
  result.paging.page = std::max(page, 1);
  result.paging.pageSize = std::clamp(pageSize, 1, kMaxPageSize);
  Where where = whereOf(scope, filter);
  auto conn = db_.lease();
  {
    long long total = 0;
    auto count = (conn->prepare << "SELECT COUNT(*) FROM audit_log" + where.sql());
    where.bind(count);
    count, soci::into(total);
    soci::statement(count).execute(true);
    result.total = total;
  }
  long long limit = result.paging.pageSize;
  long long offset = result.paging.offset();
  auto select = (conn->prepare << std::string("SELECT ") + kColumns + " FROM audit_log" + where.sql() +
                                      " ORDER BY id DESC LIMIT :limit OFFSET :offset");
  where.bind(select);
  select, soci::use(limit), soci::use(offset);
  soci::rowset<soci::row> rows(select);
  for (const auto& r : rows) result.items.push_back(entryOf(r));
  return result;
}

AuditLog::Export AuditLog::exportXlsx(const auth::DataScope& scope, const Filter& filter, size_t maxRows) {
  Export out;
  out.day = yyyymmdd(shanghaiDate(clock_.now()));
  out.fileName = "audit-" + out.day + ".xlsx";
  AuditWorkbook book;
  const Where where = whereOf(scope, filter);
  auto conn = db_.lease();
  std::optional<int64_t> cursor;
  auto written = [&] { return static_cast<size_t>(book.rows()); };
  while (!out.truncated) {
    // One row more than still fits, to learn whether the export had to be cut.
    size_t room = maxRows - written();
    int limit = room >= static_cast<size_t>(kBatch) ? kBatch : static_cast<int>(room) + 1;
    int got = newestBatch(*conn, where, cursor, limit, [&](const StoredEntry& e) {
      cursor = e.id;
      if (written() >= maxRows) out.truncated = true;
      else book.add(e);
    });
    if (got < limit) break;
  }
  out.rows = book.rows();
  out.bytes = book.finish();
  return out;
}

AuditLog::VerifyReport AuditLog::verify() { return verifyAuditLog(db_); }

AuditLog::VerifyReport verifyAuditLog(db::Database& db) {
  AuditLog::VerifyReport report;
  ChainVerifier verifier;
  auto conn = db.lease();
  // From the lowest possible id: rows an intruder inserted with id ≤ 0 must be seen too.
  long long after = std::numeric_limits<long long>::min();
  long long limit = kBatch;
  for (;;) {
    int got = 0;
    std::optional<ChainProblem> problem;
    {
      soci::rowset<soci::row> rows = (conn->prepare << std::string("SELECT ") + kColumns +
                                                           " FROM audit_log WHERE id > :after ORDER BY id LIMIT :limit",
                                      soci::use(after), soci::use(limit));
      for (const auto& r : rows) {
        ++got;
        if (problem) continue;  // drain the batch, so the statement finishes cleanly
        StoredEntry e = entryOf(r);
        after = e.id;
        problem = verifier.next(e);
      }
    }
    if (problem) {
      report.ok = false;
      report.badEntryId = problem->entryId;
      report.reasonZh = problem->reasonZh;
      report.reasonEn = problem->reasonEn;
      break;
    }
    if (got < limit) break;
  }
  report.entries = verifier.checked();
  report.headHash = verifier.headHash();
  return report;
}

Actor commandLineActor() {
  Actor a;
  const passwd* pw = getpwuid(getuid());
  a.username = std::string("cli:") + (pw ? pw->pw_name : std::to_string(getuid()));
  a.userAgent = "jinfu command line";
  return a;
}

}  // namespace jinfu::audit
