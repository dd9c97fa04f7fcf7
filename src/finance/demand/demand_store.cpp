#include "finance/demand/demand_store.hpp"

#include <map>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "finance/store_support.hpp"

namespace jinfu::finance {
namespace {

using namespace sql;

constexpr const char* kDemandColumns =
    "SELECT d.id, d.enterprise_id, e.name AS enterprise_name, e.uscc, e.region_code, COALESCE(pk.name, '') AS park_name, "
    "d.amount_fen, d.term_months, d.purpose, d.urgency, d.spec, d.mode, d.product_id, COALESCE(p.name, '') AS product_name, "
    "d.status, d.claimed_by, COALESCE(cb.name, '') AS claimed_by_name, d.claimed_at, d.published_at, d.published_on, d.open_since "
    "FROM demands d JOIN enterprises e ON e.id = d.enterprise_id "
    "LEFT JOIN organisations pk ON pk.id = e.park_id LEFT JOIN products p ON p.id = d.product_id "
    "LEFT JOIN organisations cb ON cb.id = d.claimed_by";

DemandRow readDemandRow(const soci::row& r) {
  DemandRow d;
  auto& s = d.spec;
  db::Row(r).into(d.id, d.enterpriseId, d.enterpriseName, d.uscc, d.regionCode, d.parkName, s.amountFen, s.termMonths,
                  s.purpose, s.urgency, db::parsed(s, specColumn<DemandSpec>), d.mode, d.productId, d.productName,
                  db::coded(d.status, demandStatusByCode), d.claimedBy, d.claimedByName, d.claimedAt, d.publishedAt,
                  d.publishedOn, d.openSince);
  s.productId = d.productId;
  return d;
}

}  // namespace

// ---- demands ----

int64_t DemandStore::insertDemand(soci::session& tx, int64_t enterpriseId, const DemandSpec& d, const std::string& mode,
                                  DemandStatus initial, int64_t userId, const std::string& now, Date today) {
  std::string status(code(initial));
  long long id = 0, e = enterpriseId, amount = d.amountFen, by = userId;
  int term = d.termMonths;
  std::string spec = specJson(d).dump(), day = today.toString();
  Opt product = Opt::of(d.productId);
  tx << "INSERT INTO demands (enterprise_id, amount_fen, term_months, purpose, urgency, spec, mode, product_id, status, "
        "published_by, published_at, published_on, open_since) VALUES (:e, :a, :t, :p, :u, :s, :m, :pid, :st, :by, "
        ":at, :on, :since) "
        "RETURNING id",
      soci::use(e), soci::use(amount), soci::use(term), soci::use(d.purpose), soci::use(d.urgency), soci::use(spec),
      soci::use(mode), soci::use(product.number, product.ind), soci::use(status), soci::use(by), soci::use(now),
      soci::use(day), soci::use(day), soci::into(id);
  return id;
}

bool DemandStore::moveDemand(soci::session& tx, int64_t id, DemandStatus from, DemandStatus into,
                             std::optional<int64_t> claimedBy, const std::optional<std::string>& claimedAt) {
  long long did = id;
  std::string expected(code(from)), to(code(into));
  Opt by = Opt::of(claimedBy), at = Opt::of(claimedAt);
  soci::statement st = (tx.prepare << "UPDATE demands SET status = :to, claimed_by = :b, claimed_at = :at "
                                      "WHERE id = :id AND status = :expected",
                        soci::use(to), soci::use(by.number, by.ind), soci::use(at.text, at.ind), soci::use(did),
                        soci::use(expected));
  if (affected(st) == 0) return false;
  if ((expected == "open") != (to == "open")) {
    int open = to == "open" ? 1 : 0;
    tx << "UPDATE demand_matches SET open = :o WHERE demand_id = :d", soci::use(open), soci::use(did);
  }
  return true;
}

bool DemandStore::moveDemand(soci::session& tx, int64_t id, DemandStatus from, DemandStatus into) {
  long long did = id;
  std::string expected(code(from)), to(code(into));
  soci::statement st = (tx.prepare << "UPDATE demands SET status = :to WHERE id = :id AND status = :expected",
                        soci::use(to), soci::use(did), soci::use(expected));
  if (affected(st) == 0) return false;
  if ((expected == "open") != (to == "open")) {
    int open = to == "open" ? 1 : 0;
    tx << "UPDATE demand_matches SET open = :o WHERE demand_id = :d", soci::use(open), soci::use(did);
  }
  return true;
}

bool DemandStore::reopen(soci::session& tx, int64_t id, Date day) {
  long long did = id;
  std::string since = day.toString();
  soci::statement st = (tx.prepare << "UPDATE demands SET status = 'open', claimed_by = NULL, claimed_at = NULL, "
                                      "open_since = :d WHERE id = :id AND status = 'claimed'",
                        soci::use(since), soci::use(did));
  if (affected(st) == 0) return false;
  tx << "UPDATE demand_matches SET open = 1 WHERE demand_id = :d", soci::use(did);
  return true;
}

bool DemandStore::bankHasDeal(int64_t demandId, int64_t bankId) {
  auto conn = db_.lease();
  db::Query q("SELECT COUNT(*) AS n FROM demands d WHERE d.id = ");
  q.param(demandId);
  q << " AND (d.claimed_by = ";
  q.param(bankId);
  q << " OR EXISTS (SELECT 1 FROM applications a WHERE a.demand_id = d.id AND a.state <> 'lapsed' AND a.bank_id = ";
  q.param(bankId);
  q << "))";
  return count(*conn, q) > 0;
}

void DemandStore::addMatches(soci::session& tx, int64_t demandId,
                             const std::vector<std::pair<int64_t, int64_t>>& productBank) {
  long long d = demandId, p = 0, b = 0;
  soci::statement st = (tx.prepare << "INSERT INTO demand_matches (demand_id, product_id, bank_id) VALUES (:d, :p, :b) "
                                      "ON CONFLICT (demand_id, product_id) DO NOTHING",
                        soci::use(d), soci::use(p), soci::use(b));
  for (const auto& [product, bank] : productBank) {
    p = product;
    b = bank;
    st.execute(true);
  }
}

void DemandStore::removeProductMatches(soci::session& tx, int64_t productId) {
  long long p = productId;
  tx << "DELETE FROM demand_matches WHERE product_id = :p", soci::use(p);
}

std::optional<DemandRow> DemandStore::demand(int64_t id) {
  db::Query q(std::string(kDemandColumns) + " WHERE d.id = ");
  q.param(id);
  return db::first(db_, q, readDemandRow);
}

Page<DemandRow> DemandStore::demands(const Viewer& v, const DemandFilter& f, Paging paging) {
  Page<DemandRow> out;
  if (v.kind == Viewer::Kind::Bank && f.opportunities) {
    // 商机: the open demands one of the bank's published products fits, newest first — the page
    // and the count from the index on (bank_id, open, demand_id) alone.
    if (f.status && *f.status != DemandStatus::Open) return {{}, 0, paging};
    auto conn = db_.lease();
    out.paging = paging;
    db::Query c("SELECT COUNT(DISTINCT demand_id) AS n FROM demand_matches WHERE open = 1 AND bank_id = ");
    c.param(v.id);
    out.total = count(*conn, c);
    db::Query ids("SELECT DISTINCT demand_id FROM demand_matches WHERE open = 1 AND bank_id = ");
    ids.param(v.id);
    ids << " ORDER BY demand_id DESC";
    page(ids, paging);
    std::vector<int64_t> pageIds;
    for (const auto& r : ids.rows(*conn)) pageIds.push_back(db::Row(r).i64("demand_id"));
    if (!pageIds.empty()) {
      db::Query q(std::string(kDemandColumns) + " WHERE d.id IN (");
      for (size_t i = 0; i < pageIds.size(); ++i) {
        if (i) q << ", ";
        q.param(pageIds[i]);
      }
      q << ") ORDER BY d.id DESC";
      for (const auto& r : q.rows(*conn)) out.items.push_back(readDemandRow(r));
    }
  } else {
    auto where = [&](db::Query& q) -> bool {
      q << " WHERE 1 = 1";
      if (f.status) {
        q << " AND d.status = ";
        q.param(std::string(code(*f.status)));
      }
      if (v.kind == Viewer::Kind::Bank) {
        // The bank's own deals: claimed by it, or with an application to it (directed, or a
        // claim that lapsed).
        q << " AND (d.claimed_by = ";
        q.param(v.id);
        q << " OR EXISTS (SELECT 1 FROM applications a WHERE a.demand_id = d.id AND a.state <> 'lapsed' AND a.bank_id = ";
        q.param(v.id);
        q << "))";
        return true;
      }
      return scope(q, v, "d.claimed_by");
    };
    // The count needs the enterprises only when the scope is about them.
    bool byEnterprise = v.kind == Viewer::Kind::Enterprise || v.kind == Viewer::Kind::Region;
    out = db::paged(db_,
                    byEnterprise ? "SELECT COUNT(*) AS n FROM demands d JOIN enterprises e ON e.id = d.enterprise_id"
                                 : "SELECT COUNT(*) AS n FROM demands d",
                    kDemandColumns, where, " ORDER BY d.id DESC", paging, readDemandRow);
  }
  if (v.kind == Viewer::Kind::Bank && !out.items.empty()) {
    db::Query m("SELECT m.demand_id, p.id, p.name FROM demand_matches m JOIN products p ON p.id = m.product_id "
                "WHERE m.bank_id = ");
    m.param(v.id);
    m << " AND m.demand_id IN (";
    for (size_t i = 0; i < out.items.size(); ++i) {
      if (i) m << ", ";
      m.param(out.items[i].id);
    }
    m << ") ORDER BY p.id";
    std::map<int64_t, DemandRow*> byId;
    for (auto& d : out.items) byId[d.id] = &d;
    auto conn = db_.lease();
    for (const auto& r : m.rows(*conn)) {
      db::Row row(r);
      if (auto it = byId.find(row.i64("demand_id")); it != byId.end())
        it->second->matchedProducts.emplace_back(row.i64("id"), row.str("name"));
    }
  }
  return out;
}

std::vector<DemandRow> DemandStore::openDemands(int64_t afterId, int limit) {
  db::Query q(std::string(kDemandColumns) + " WHERE d.status = 'open' AND d.id > ");
  q.param(afterId);
  q << " ORDER BY d.id LIMIT ";
  q.param(limit);
  return db::all(db_, q, readDemandRow);
}

std::optional<DemandStore::EnterpriseBasics> DemandStore::enterpriseBasics(int64_t enterpriseId) {
  auto conn = db_.lease();
  db::Query q("SELECT region_code, industry_section, industry_division, industry_code, size_class FROM enterprises "
              "WHERE id = ");
  q.param(enterpriseId);
  for (const auto& r : q.rows(*conn)) {
    db::Row row(r);
    return EnterpriseBasics{row.str("region_code"),
                            row.optStr("industry_code").value_or(row.str("industry_section") + row.str("industry_division")),
                            row.optStr("size_class")};
  }
  return std::nullopt;
}

std::optional<int64_t> DemandStore::bestMatchingProduct(int64_t demandId, int64_t bankId) {
  auto conn = db_.lease();
  db::Query q("SELECT m.product_id FROM demand_matches m JOIN products p ON p.id = m.product_id "
              "WHERE p.status = 'published' AND m.demand_id = ");
  q.param(demandId);
  q << " AND m.bank_id = ";
  q.param(bankId);
  q << " ORDER BY p.min_rate_bp, p.id LIMIT 1";
  for (const auto& r : q.rows(*conn)) return db::Row(r).i64("product_id");
  return std::nullopt;
}

std::vector<int64_t> DemandStore::usersOf(int64_t organisationId) {
  auto conn = db_.lease();
  db::Query q("SELECT id FROM users WHERE disabled = 0 AND organisation_id = ");
  q.param(organisationId);
  std::vector<int64_t> out;
  for (const auto& r : q.rows(*conn)) out.push_back(db::Row(r).i64("id"));
  return out;
}

std::optional<int64_t> DemandStore::organisationOfEnterprise(int64_t enterpriseId) {
  auto conn = db_.lease();
  db::Query q("SELECT o.id FROM organisations o JOIN enterprises e ON e.uscc = o.uscc WHERE o.kind = 'enterprise' AND e.id = ");
  q.param(enterpriseId);
  for (const auto& r : q.rows(*conn)) return db::Row(r).i64("id");
  return std::nullopt;
}

}  // namespace jinfu::finance
