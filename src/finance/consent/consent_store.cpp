#include "finance/consent/consent_store.hpp"

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "platform/db/database.hpp"
#include "registry/directory.hpp"

namespace jinfu::finance {
namespace {

// The `scopes` column (a JSON array of codes), for db::parsed in Row::into.
void scopesColumn(const std::string& text, std::vector<std::string>& out) {
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_array())
    for (const auto& s : doc)
      if (s.is_string()) out.push_back(s.get<std::string>());
}

constexpr const char* kColumns =
    "SELECT c.id, c.enterprise_id, c.bank_id, c.scopes, c.purpose, c.granted_at, c.expires_at, c.revoked_at, "
    "e.name AS enterprise_name, e.uscc, o.name AS bank_name, u.username "
    "FROM consents c JOIN enterprises e ON e.id = c.enterprise_id JOIN organisations o ON o.id = c.bank_id "
    "JOIN users u ON u.id = c.granted_by";

ConsentRow readRow(const soci::row& r) {
  ConsentRow out;
  auto& c = out.consent;
  db::Row(r).into(c.id, c.enterpriseId, c.bankId, db::parsed(c.scopes, scopesColumn), out.purpose, c.grantedAt,
                  c.expiresAt, c.revokedAt, out.enterpriseName, out.enterpriseUscc, out.bankName, out.grantedBy);
  return out;
}

}  // namespace

std::optional<int64_t> ConsentStore::enterpriseIdOf(const std::string& uscc) {
  auto conn = db_.lease();
  return registry::Directory::enterpriseIdByUscc(*conn, uscc);
}

std::optional<std::string> ConsentStore::bankName(int64_t id) {
  auto conn = db_.lease();
  db::Query q("SELECT name FROM organisations WHERE kind = 'bank' AND disabled = 0 AND id = ");
  q.param(id);
  for (const auto& r : q.rows(*conn)) return db::Row(r).str("name");
  return std::nullopt;
}

int64_t ConsentStore::insert(soci::session& tx, const Consent& c, int64_t grantedBy, const std::string& purpose) {
  long long id = 0, enterprise = c.enterpriseId, bank = c.bankId, by = grantedBy;
  std::string scopes = nlohmann::json(c.scopes).dump();
  tx << "INSERT INTO consents (enterprise_id, bank_id, scopes, purpose, granted_by, granted_at, expires_at) "
        "VALUES (:e, :b, :s, :p, :u, :g, :x) RETURNING id",
      soci::use(enterprise), soci::use(bank), soci::use(scopes), soci::use(purpose), soci::use(by),
      soci::use(c.grantedAt), soci::use(c.expiresAt), soci::into(id);
  return id;
}

bool ConsentStore::revoke(soci::session& tx, int64_t id, int64_t revokedBy, const std::string& now) {
  long long cid = id, by = revokedBy;
  soci::statement st = (tx.prepare << "UPDATE consents SET revoked_at = :t, revoked_by = :u "
                                      "WHERE id = :id AND revoked_at IS NULL AND expires_at > :now",
                        soci::use(now), soci::use(by), soci::use(cid), soci::use(now));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<ConsentRow> ConsentStore::query(const std::string& where, int64_t value) {
  db::Query q(std::string(kColumns) + " WHERE " + where);
  q.param(value);
  q << " ORDER BY c.id DESC";
  return db::all(db_, q, readRow);
}

std::optional<ConsentRow> ConsentStore::byId(int64_t id) {
  auto rows = query("c.id = ", id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<ConsentRow> ConsentStore::forEnterprise(int64_t enterpriseId) { return query("c.enterprise_id = ", enterpriseId); }

std::vector<ConsentRow> ConsentStore::forBank(int64_t bankId) { return query("c.bank_id = ", bankId); }

bool ConsentStore::live(int64_t enterpriseId, int64_t bankId, const std::string& scope, const std::string& now) {
  return !covering(bankId, enterpriseId, scope, now).empty();
}

std::vector<int64_t> ConsentStore::enterprisesOf(int64_t bankId, const std::string& scope, const std::string& now) {
  return covering(bankId, std::nullopt, scope, now);
}

std::vector<int64_t> ConsentStore::covering(int64_t bankId, std::optional<int64_t> enterpriseId, const std::string& scope,
                                            const std::string& now) {
  db::Query q("SELECT enterprise_id, scopes FROM consents WHERE revoked_at IS NULL AND bank_id = ");
  q.param(bankId);
  if (enterpriseId) {
    q << " AND enterprise_id = ";
    q.param(*enterpriseId);
  }
  q << " AND expires_at > ";
  q.param(now);
  q << " ORDER BY enterprise_id";
  std::vector<int64_t> out;
  auto conn = db_.lease();
  for (const auto& r : q.rows(*conn)) {
    int64_t id = 0;
    std::vector<std::string> covered;
    db::Row(r).into(id, db::parsed(covered, scopesColumn));
    if ((out.empty() || out.back() != id) && std::find(covered.begin(), covered.end(), scope) != covered.end())
      out.push_back(id);
  }
  return out;
}

std::vector<ReadRow> ConsentStore::reads(int64_t enterpriseId, int64_t enterpriseOrgId, int limit) {
  auto conn = db_.lease();
  std::vector<ReadRow> out;
  db::Query q("SELECT at, organisation_name, username, action, detail FROM audit_log "
              "WHERE object_type = 'enterprise' AND object_id = ");
  q.param(std::to_string(enterpriseId));
  q << " AND outcome = 'success' AND action IN ('credit.profile.read', 'enterprise.read') "
       "AND (organisation_id IS NULL OR organisation_id <> ";
  q.param(enterpriseOrgId);
  q << ") ORDER BY id DESC LIMIT ";
  q.param(limit);
  for (const auto& r : q.rows(*conn)) {
    ReadRow read;
    db::Row(r).into(read.at, read.organisationName, read.username, read.action, read.detail);
    out.push_back(std::move(read));
  }
  return out;
}

}  // namespace jinfu::finance
