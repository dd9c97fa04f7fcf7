#include "platform/auth/identity_store.hpp"

#include <algorithm>
#include <stdexcept>
#include <initializer_list>
#include <sstream>

#include "platform/auth/permissions.hpp"
#include "platform/db/database.hpp"

namespace jinfu::auth {
namespace {

// An organisation kind as stored: the schema allows only the known ones, so anything else is a
// damaged database, not input to guess at.
OrgKind kindOf(const std::string& stored) {
  if (auto k = orgKindByCode(stored)) return *k;
  throw std::runtime_error("organisations.kind holds an unknown kind: " + stored);
}

using db::Query;
using db::Row;

// The part of a WHERE clause that limits organisations (alias `o`) to a caller's scope.
void scopeOrganisations(Query& q, const DataScope& scope) {
  switch (scope.kind) {
    case DataScope::Kind::All: break;
    case DataScope::Kind::Region:
      q << " AND o.region_code LIKE ";
      q.param(scope.regionPrefix + "%");
      break;
    case DataScope::Kind::Organisation:
    case DataScope::Kind::Enterprise:
      q << " AND o.id = ";
      q.param(static_cast<long long>(scope.organisationId));
      break;
  }
}

const char* kUserColumns =
    "SELECT u.id, u.username, u.display_name, u.mobile, u.organisation_id, u.roles, u.disabled, u.created_at, "
    "u.last_login_at, o.name AS organisation_name, o.kind AS org_kind, o.region_code, la.locked_until "
    "FROM users u JOIN organisations o ON o.id = u.organisation_id "
    "LEFT JOIN login_attempts la ON la.attempt_key = 'user:' || LOWER(u.username) WHERE 1 = 1";

UserRow userFrom(const Row& r) {
  UserRow u;
  std::string roles;
  r.into(u.id, u.username, u.displayName, u.mobile, u.organisationId, roles, u.disabled, u.createdAt, u.lastLoginAt,
         u.organisationName, db::coded(u.orgKind, orgKindByCode), u.regionCode, u.lockedUntil);
  u.roles = splitWords(roles);
  return u;
}

const char* kOrgColumns =
    "SELECT o.id, o.kind, o.name, o.short_name, o.region_code, o.parent_id, o.uscc, o.disabled, o.created_at "
    "FROM organisations o WHERE 1 = 1";

OrganisationRow organisationFrom(const Row& r) {
  OrganisationRow o;
  std::optional<std::string> shortName;
  r.into(o.id, db::coded(o.kind, orgKindByCode), o.name, shortName, o.regionCode, o.parentId, o.uscc, o.disabled,
         o.createdAt);
  o.shortName = shortName.value_or("");
  return o;
}

// The principal and credential state behind a session or token, read together.
const char* kCredentialColumns =
    "u.id AS user_id, u.username, u.display_name, u.roles, u.disabled AS user_disabled, "
    "o.id AS org_id, o.name AS org_name, o.kind AS org_kind, o.region_code, o.uscc, o.disabled AS org_disabled";

Credential credentialFrom(const Row& r) {
  Credential c;
  auto& p = c.principal;
  p.userId = r.i64("user_id");
  p.username = r.str("username");
  p.displayName = r.str("display_name");
  p.roles = splitWords(r.str("roles"));
  p.permissions = permissionsOf(p.roles);
  p.organisationId = r.i64("org_id");
  p.organisationName = r.str("org_name");
  p.orgKind = kindOf(r.str("org_kind"));
  p.regionCode = r.str("region_code");
  p.uscc = r.optStr("uscc");
  c.userDisabled = r.i64("user_disabled") != 0;
  c.orgDisabled = r.i64("org_disabled") != 0;
  return c;
}

// The first row of `q` mapped to T, or nullopt (the mappers here read a db::Row).
template <class Map>
auto firstRow(db::Database& database, const Query& q, Map map) {
  return db::first(database, q, [&](const soci::row& r) { return map(Row(r)); });
}

// " AND (a LIKE p OR b LIKE p …)" for a search text: `text` anywhere in any of the columns, case
// folded where a column is written LOWER(…).
void containsAny(Query& q, const std::string& text, std::initializer_list<const char*> columns) {
  auto pattern = db::containsPattern(text);
  const char* separator = " AND (";
  for (const char* column : columns) {
    bool folded = std::string_view(column).starts_with("LOWER(");
    q << separator << column << (folded ? " LIKE LOWER(" : " LIKE ");
    q.param(pattern);
    q << (folded ? ") ESCAPE '\\'" : " ESCAPE '\\'");
    separator = " OR ";
  }
  q << ")";
}

// The rows of a row type's query where `condition` holds for `value` (within `scope`, if given),
// each mapped by the row type's one mapping function: the lookups by id, name and code.
template <class Value, class Map>
auto firstWhere(db::Database& database, Query q, const DataScope* scope, std::string_view condition, Value value,
                Map map) {
  if (scope) scopeOrganisations(q, *scope);
  q << condition;
  q.param(std::move(value));
  return firstRow(database, q, map);
}

template <class Map>
auto allRows(db::Database& database, const Query& q, Map map) {
  return db::all(database, q, [&](const soci::row& r) { return map(Row(r)); });
}

// A page of a row type's query and its count, both limited by `where` (the scope and filters).
template <class Where, class Map>
auto page(db::Database& database, const char* columns, const char* countSql, Where where, const char* order,
          int page, int pageSize, Map map) {
  return db::paged(database, countSql, columns, where, order, {page, pageSize},
                   [&](const soci::row& r) { return map(Row(r)); });
}

}  // namespace

std::string joinRoles(const std::vector<std::string>& roles) {
  std::vector<std::string> sorted = roles;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::string out;
  for (const auto& r : sorted) out += (out.empty() ? "" : " ") + r;
  return out;
}

std::vector<std::string> splitWords(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// ---- log-in -------------------------------------------------------------------------------------

std::optional<LoginAccount> IdentityStore::findAccount(const std::string& login) {
  auto conn = db_.lease();
  Query q("SELECT u.id, u.username, u.password_hash, u.mobile, u.disabled, o.disabled AS org_disabled "
          "FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.username = ");
  q.param(login);
  q << " OR u.mobile = ";
  q.param(login);
  for (const auto& r : q.rows(*conn)) {
    Row row(r);
    return LoginAccount{row.i64("id"), row.str("username"), row.str("password_hash"), row.optStr("mobile"),
                        row.i64("disabled") != 0 || row.i64("org_disabled") != 0};
  }
  return std::nullopt;
}

void IdentityStore::recordLogin(int64_t userId, const std::string& now, const std::optional<std::string>& newHash) {
  auto conn = db_.lease();
  long long id = userId;
  if (newHash)
    *conn << "UPDATE users SET last_login_at = :now, password_hash = :hash WHERE id = :id", soci::use(now),
        soci::use(*newHash), soci::use(id);
  else
    *conn << "UPDATE users SET last_login_at = :now WHERE id = :id", soci::use(now), soci::use(id);
}

IdentityStore::Attempts IdentityStore::countAttempt(const std::string& key, const std::string& now,
                                                    const std::string& windowStart) {
  return db_.transaction([&](soci::session& s) {
    // One statement on both databases: PostgreSQL locks the row for the update, SQLite's
    // transaction already holds the write lock.
    Query upsert("INSERT INTO login_attempts (attempt_key, failures, window_started_at, locked_until) VALUES (");
    upsert.param(key);
    upsert << ", 1, ";
    upsert.param(now);
    upsert << ", NULL) ON CONFLICT (attempt_key) DO UPDATE SET "
              "failures = CASE WHEN login_attempts.window_started_at >= ";
    upsert.param(windowStart);
    upsert << " THEN login_attempts.failures + 1 ELSE 1 END, window_started_at = CASE WHEN "
              "login_attempts.window_started_at >= ";
    upsert.param(windowStart);
    upsert << " THEN login_attempts.window_started_at ELSE ";
    upsert.param(now);
    upsert << " END";
    upsert.execute(s);
    Query read("SELECT failures, locked_until FROM login_attempts WHERE attempt_key = ");
    read.param(key);
    Attempts a;
    for (const auto& r : read.rows(s)) {
      Row row(r);
      a.failures = static_cast<int>(row.i64("failures"));
      a.lockedUntil = row.optStr("locked_until");
    }
    return a;
  });
}

void IdentityStore::lockAttempts(const std::string& key, const std::string& until) {
  auto conn = db_.lease();
  *conn << "UPDATE login_attempts SET locked_until = :until WHERE attempt_key = :k", soci::use(until), soci::use(key);
}

void IdentityStore::forgiveAttempt(const std::string& key) {
  auto conn = db_.lease();
  *conn << "UPDATE login_attempts SET failures = failures - 1 WHERE attempt_key = :k AND failures > 0", soci::use(key);
}

void IdentityStore::clearAttempts(const std::string& key) {
  auto conn = db_.lease();
  *conn << "DELETE FROM login_attempts WHERE attempt_key = :k", soci::use(key);
}

// ---- sessions -----------------------------------------------------------------------------------

int64_t IdentityStore::createSession(int64_t userId, const std::string& tokenHash, const std::string& csrfToken,
                                     const std::string& now, const std::string& expiresAt, const std::string& ip,
                                     const std::string& userAgent) {
  return db_.transaction([&](soci::session& s) {
    long long uid = userId;
    s << "INSERT INTO sessions (user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent) "
         "VALUES (:u, :h, :c, :now, :now2, :exp, :ip, :ua)",
        soci::use(uid), soci::use(tokenHash), soci::use(csrfToken), soci::use(now), soci::use(now),
        soci::use(expiresAt), soci::use(ip), soci::use(userAgent);
    long long id = 0;
    s << "SELECT id FROM sessions WHERE token_hash = :h", soci::use(tokenHash), soci::into(id);
    return static_cast<int64_t>(id);
  });
}

namespace {

// A credential (session or token) by the hash of what the browser or client presented: a
// statement prepared once per pooled connection, asked on every request. `credential` are the
// columns of the session or token row, `from` its table joined to its user.
struct CredentialLookup {
  std::string tokenHash;
  soci::row row;
  soci::statement statement;
  CredentialLookup(soci::session& s, const char* credential, const char* from, const char* hashColumn)
      : statement((s.prepare << std::string("SELECT ") + credential + kCredentialColumns + from +
                                    " JOIN organisations o ON o.id = u.organisation_id WHERE " + hashColumn + " = :h",
                   soci::use(tokenHash), soci::into(row))) {}
};

}  // namespace

std::optional<Credential> IdentityStore::findSession(const std::string& tokenHash) {
  auto conn = db_.lease();
  auto& q = conn.cached<CredentialLookup>("auth.session", [](soci::session& s) {
    return std::make_unique<CredentialLookup>(s, "s.id AS credential_id, s.csrf_token, s.last_seen_at, s.expires_at, "
                                                 "s.revoked_at, ", " FROM sessions s JOIN users u ON u.id = s.user_id",
                                              "s.token_hash");
  });
  q.tokenHash = tokenHash;
  if (!q.statement.execute(true)) return std::nullopt;
  Row row(q.row);
  Credential c = credentialFrom(row);
  c.principal.sessionId = row.i64("credential_id");
  c.csrfToken = row.str("csrf_token");
  c.lastSeenAt = row.str("last_seen_at");
  c.expiresAt = row.str("expires_at");
  c.revoked = !row.isNull("revoked_at");
  q.statement.fetch();  // finish the result so SQLite keeps no read snapshot open
  return c;
}

void IdentityStore::touchSession(int64_t sessionId, const std::string& now) {
  auto conn = db_.lease();
  long long id = sessionId;
  *conn << "UPDATE sessions SET last_seen_at = :now WHERE id = :id", soci::use(now), soci::use(id);
}

bool IdentityStore::revokeSession(int64_t userId, int64_t sessionId, const std::string& now) {
  return db_.transaction([&](soci::session& s) {
    long long uid = userId, sid = sessionId;
    int count = 0;
    s << "SELECT COUNT(*) FROM sessions WHERE id = :sid AND user_id = :uid AND revoked_at IS NULL", soci::use(sid),
        soci::use(uid), soci::into(count);
    if (count == 0) return false;
    s << "UPDATE sessions SET revoked_at = :now WHERE id = :sid", soci::use(now), soci::use(sid);
    return true;
  });
}

void IdentityStore::revokeSessions(soci::session& s, int64_t userId, const std::string& now) {
  long long uid = userId;
  s << "UPDATE sessions SET revoked_at = :now WHERE user_id = :uid AND revoked_at IS NULL", soci::use(now),
      soci::use(uid);
}

std::vector<SessionRow> IdentityStore::liveSessions(int64_t userId, const std::string& now,
                                                    const std::string& idleSince) {
  auto conn = db_.lease();
  Query q("SELECT id, created_at, last_seen_at, expires_at, ip, user_agent FROM sessions WHERE revoked_at IS NULL AND user_id = ");
  q.param(static_cast<long long>(userId));
  q << " AND expires_at > ";
  q.param(now);
  q << " AND last_seen_at > ";
  q.param(idleSince);
  q << " ORDER BY id DESC";
  std::vector<SessionRow> out;
  for (const auto& r : q.rows(*conn)) {
    Row row(r);
    out.push_back({row.i64("id"), row.str("created_at"), row.str("last_seen_at"), row.str("expires_at"),
                   row.optStr("ip").value_or(""), row.optStr("user_agent").value_or("")});
  }
  return out;
}

// ---- tokens -------------------------------------------------------------------------------------

int64_t IdentityStore::createToken(soci::session& s, int64_t userId, const std::string& name, const std::string& prefix,
                                   const std::string& tokenHash, const std::vector<std::string>& permissions,
                                   const std::string& now, const std::string& expiresAt) {
  long long uid = userId;
  std::string perms = joinRoles(permissions);
  s << "INSERT INTO api_tokens (user_id, name, prefix, token_hash, permissions, created_at, expires_at) "
       "VALUES (:u, :n, :p, :h, :perms, :now, :exp)",
      soci::use(uid), soci::use(name), soci::use(prefix), soci::use(tokenHash), soci::use(perms), soci::use(now),
      soci::use(expiresAt);
  long long id = 0;
  s << "SELECT id FROM api_tokens WHERE token_hash = :h", soci::use(tokenHash), soci::into(id);
  return id;
}

std::optional<Credential> IdentityStore::findToken(const std::string& tokenHash) {
  auto conn = db_.lease();
  auto& q = conn.cached<CredentialLookup>("auth.token", [](soci::session& s) {
    return std::make_unique<CredentialLookup>(s, "t.id AS credential_id, t.permissions AS token_permissions, "
                                                 "t.last_used_at, t.expires_at, t.revoked_at, ",
                                              " FROM api_tokens t JOIN users u ON u.id = t.user_id", "t.token_hash");
  });
  q.tokenHash = tokenHash;
  if (!q.statement.execute(true)) return std::nullopt;
  Row row(q.row);
  Credential c = credentialFrom(row);
  c.principal.tokenId = row.i64("credential_id");
  c.tokenPermissions = splitWords(row.str("token_permissions"));
  c.lastSeenAt = row.optStr("last_used_at").value_or("");
  c.expiresAt = row.str("expires_at");
  c.revoked = !row.isNull("revoked_at");
  q.statement.fetch();
  return c;
}

void IdentityStore::touchToken(int64_t tokenId, const std::string& now) {
  auto conn = db_.lease();
  long long id = tokenId;
  *conn << "UPDATE api_tokens SET last_used_at = :now WHERE id = :id", soci::use(now), soci::use(id);
}

namespace {
Query tokenQuery(const DataScope& scope) {
  Query q("SELECT t.id, t.name, t.prefix, t.permissions, t.created_at, t.expires_at, t.last_used_at, t.revoked_at, "
          "u.id AS user_id, u.username FROM api_tokens t JOIN users u ON u.id = t.user_id "
          "JOIN organisations o ON o.id = u.organisation_id WHERE 1 = 1");
  scopeOrganisations(q, scope);
  return q;
}
TokenRow tokenFrom(const Row& r) {
  return {r.i64("id"), r.str("name"), r.str("prefix"), splitWords(r.str("permissions")), r.str("created_at"),
          r.str("expires_at"), r.optStr("last_used_at"), r.optStr("revoked_at"), r.i64("user_id"), r.str("username")};
}
}  // namespace

std::vector<TokenRow> IdentityStore::tokens(const DataScope& scope) {
  Query q = tokenQuery(scope);
  q << " ORDER BY t.id DESC";
  return allRows(db_, q, tokenFrom);
}

std::optional<TokenRow> IdentityStore::token(const DataScope& scope, int64_t id) {
  return firstWhere(db_, tokenQuery(scope), nullptr, " AND t.id = ", static_cast<long long>(id), tokenFrom);
}

void IdentityStore::revokeToken(soci::session& s, int64_t id, const std::string& now) {
  long long tid = id;
  s << "UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL", soci::use(now), soci::use(tid);
}

// ---- users --------------------------------------------------------------------------------------

Principal IdentityStore::principalOf(int64_t userId) {
  auto conn = db_.lease();
  Query q(std::string("SELECT 0 AS credential_id, ") + kCredentialColumns +
          " FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = ");
  q.param(static_cast<long long>(userId));
  for (const auto& r : q.rows(*conn)) return credentialFrom(Row(r)).principal;
  throw std::invalid_argument("no user " + std::to_string(userId));
}

namespace {
void userFilters(Query& q, const DataScope& scope, const UserFilter& f) {
  scopeOrganisations(q, scope);
  if (!f.q.empty()) containsAny(q, f.q, {"LOWER(u.username)", "LOWER(u.display_name)", "u.mobile"});
  if (f.organisationId) {
    q << " AND u.organisation_id = ";
    q.param(static_cast<long long>(*f.organisationId));
  }
  if (!f.role.empty()) {
    q << " AND (' ' || u.roles || ' ') LIKE ";
    q.param(db::containsPattern(" " + f.role + " "));
    q << " ESCAPE '\\'";
  }
  if (f.disabled) {
    q << " AND u.disabled = ";
    q.param(*f.disabled ? 1LL : 0LL);
  }
}
}  // namespace

Page<UserRow> IdentityStore::users(const DataScope& scope, const UserFilter& filter, int pageNo, int pageSize) {
  return page(
      db_, kUserColumns, "SELECT COUNT(*) AS n FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE 1 = 1",
      [&](Query& q) { userFilters(q, scope, filter); }, " ORDER BY u.id", pageNo, pageSize, userFrom);
}

std::optional<UserRow> IdentityStore::user(const DataScope& scope, int64_t id) {
  return firstWhere(db_, Query(kUserColumns), &scope, " AND u.id = ", static_cast<long long>(id), userFrom);
}

std::optional<UserRow> IdentityStore::userByName(const std::string& username) {
  return firstWhere(db_, Query(kUserColumns), nullptr, " AND u.username = ", username, userFrom);
}

std::vector<UserRow> IdentityStore::allUsers() {
  Query q(kUserColumns);
  q << " ORDER BY u.id";
  return allRows(db_, q, userFrom);
}

bool IdentityStore::usernameTaken(const std::string& username) {
  auto conn = db_.lease();
  int n = 0;
  // A username may not be someone's mobile number either: log-in accepts both.
  *conn << "SELECT COUNT(*) FROM users WHERE username = :u OR mobile = :m", soci::use(username), soci::use(username),
      soci::into(n);
  return n > 0;
}

bool IdentityStore::mobileTaken(const std::string& mobile, int64_t exceptUserId) {
  auto conn = db_.lease();
  int n = 0;
  long long except = exceptUserId;
  *conn << "SELECT COUNT(*) FROM users WHERE (mobile = :m OR username = :u) AND id <> :id", soci::use(mobile),
      soci::use(mobile), soci::use(except), soci::into(n);
  return n > 0;
}

int64_t IdentityStore::createUser(soci::session& s, const UserRow& u, const std::string& passwordHash,
                                  const std::string& now) {
  long long org = u.organisationId;
  std::string roles = joinRoles(u.roles);
  soci::indicator mobileInd = u.mobile ? soci::i_ok : soci::i_null;
  std::string mobile = u.mobile.value_or("");
  int disabled = u.disabled ? 1 : 0;
  s << "INSERT INTO users (organisation_id, username, display_name, mobile, password_hash, password_changed_at, roles, "
       "disabled, created_at, updated_at) VALUES (:org, :username, :name, :mobile, :hash, :now, :roles, :disabled, "
       ":now2, :now3)",
      soci::use(org), soci::use(u.username), soci::use(u.displayName), soci::use(mobile, mobileInd),
      soci::use(passwordHash), soci::use(now), soci::use(roles), soci::use(disabled), soci::use(now), soci::use(now);
  long long id = 0;
  s << "SELECT id FROM users WHERE username = :u", soci::use(u.username), soci::into(id);
  return id;
}

void IdentityStore::updateUser(soci::session& s, const UserRow& u, const std::string& now) {
  long long id = u.id;
  std::string roles = joinRoles(u.roles);
  soci::indicator mobileInd = u.mobile ? soci::i_ok : soci::i_null;
  std::string mobile = u.mobile.value_or("");
  int disabled = u.disabled ? 1 : 0;
  s << "UPDATE users SET display_name = :name, mobile = :mobile, roles = :roles, disabled = :disabled, "
       "updated_at = :now WHERE id = :id",
      soci::use(u.displayName), soci::use(mobile, mobileInd), soci::use(roles), soci::use(disabled), soci::use(now),
      soci::use(id);
}

void IdentityStore::setPassword(soci::session& s, int64_t userId, const std::string& hash, const std::string& now) {
  long long id = userId;
  s << "UPDATE users SET password_hash = :hash, password_changed_at = :now, updated_at = :now2 WHERE id = :id",
      soci::use(hash), soci::use(now), soci::use(now), soci::use(id);
}

// ---- organisations ------------------------------------------------------------------------------

namespace {
void orgFilters(Query& q, const DataScope& scope, const OrganisationFilter& f) {
  scopeOrganisations(q, scope);
  if (!f.q.empty()) containsAny(q, f.q, {"LOWER(o.name)", "LOWER(o.short_name)"});
  if (f.kind) {
    q << " AND o.kind = ";
    q.param(std::string(code(*f.kind)));
  }
  if (!f.regionCode.empty()) {
    q << " AND o.region_code = ";
    q.param(f.regionCode);
  }
}
}  // namespace

Page<OrganisationRow> IdentityStore::organisations(const DataScope& scope, const OrganisationFilter& filter, int pageNo,
                                                   int pageSize) {
  return page(
      db_, kOrgColumns, "SELECT COUNT(*) AS n FROM organisations o WHERE 1 = 1",
      [&](Query& q) { orgFilters(q, scope, filter); }, " ORDER BY o.id", pageNo, pageSize, organisationFrom);
}

std::optional<OrganisationRow> IdentityStore::organisation(const DataScope& scope, int64_t id) {
  return firstWhere(db_, Query(kOrgColumns), &scope, " AND o.id = ", static_cast<long long>(id), organisationFrom);
}

std::optional<OrganisationRow> IdentityStore::organisationByName(const std::string& name) {
  return firstWhere(db_, Query(kOrgColumns), nullptr, " AND o.name = ", name, organisationFrom);
}

std::optional<OrganisationRow> IdentityStore::organisationByUscc(const std::string& uscc) {
  return firstWhere(db_, Query(kOrgColumns), nullptr, " AND o.uscc = ", uscc, organisationFrom);
}

int64_t IdentityStore::createOrganisation(soci::session& s, const OrganisationRow& o, const std::string& now) {
  soci::indicator parentInd = o.parentId ? soci::i_ok : soci::i_null;
  long long parent = o.parentId.value_or(0);
  soci::indicator usccInd = o.uscc ? soci::i_ok : soci::i_null;
  std::string uscc = o.uscc.value_or("");
  int disabled = o.disabled ? 1 : 0;
  std::string kind(code(o.kind));
  s << "INSERT INTO organisations (kind, name, short_name, region_code, parent_id, uscc, disabled, created_at) "
       "VALUES (:kind, :name, :short, :region, :parent, :uscc, :disabled, :now)",
      soci::use(kind), soci::use(o.name), soci::use(o.shortName), soci::use(o.regionCode),
      soci::use(parent, parentInd), soci::use(uscc, usccInd), soci::use(disabled), soci::use(now);
  long long id = 0;
  s << "SELECT id FROM organisations WHERE name = :n", soci::use(o.name), soci::into(id);
  return id;
}

void IdentityStore::updateOrganisation(soci::session& s, const OrganisationRow& o) {
  long long id = o.id;
  int disabled = o.disabled ? 1 : 0;
  s << "UPDATE organisations SET name = :name, short_name = :short, region_code = :region, disabled = :disabled "
       "WHERE id = :id",
      soci::use(o.name), soci::use(o.shortName), soci::use(o.regionCode), soci::use(disabled), soci::use(id);
}

}  // namespace jinfu::auth
