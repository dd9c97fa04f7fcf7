#include "finance/market_store.hpp"

#include <map>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "platform/db/database.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;

// A nullable value bound to a statement: the value and its indicator live as long as the call.
struct Opt {
  std::string text;
  long long number = 0;
  soci::indicator ind = soci::i_null;
  static Opt of(const std::optional<std::string>& v) {
    Opt o;
    if (v) o.text = *v, o.ind = soci::i_ok;
    return o;
  }
  static Opt of(const std::optional<int64_t>& v) {
    Opt o;
    if (v) o.number = *v, o.ind = soci::i_ok;
    return o;
  }
  static Opt of(const std::optional<int>& v) {
    Opt o;
    if (v) o.number = *v, o.ind = soci::i_ok;
    return o;
  }
  static Opt of(const std::optional<Date>& v) {
    Opt o;
    if (v) o.text = v->toString(), o.ind = soci::i_ok;
    return o;
  }
};

constexpr const char* kProductColumns =
    "SELECT p.id, p.bank_id, o.name AS bank_name, p.name, p.kind, p.status, p.min_amount_fen, p.max_amount_fen, "
    "p.min_term_months, p.max_term_months, p.rate_kind, p.min_rate_bp, p.max_rate_bp, p.approval_workdays, p.spec, "
    "p.created_at, p.updated_at, p.published_at FROM products p JOIN organisations o ON o.id = p.bank_id";

ProductRow readProduct(const soci::row& r) {
  db::Row row(r);
  ProductRow p;
  p.id = row.i64("id");
  p.bankId = row.i64("bank_id");
  p.bankName = row.str("bank_name");
  p.status = productStatusByCode(row.str("status")).value_or(ProductStatus::Draft);
  auto& s = p.spec;
  s.name = row.str("name");
  s.kind = row.str("kind");
  s.minAmountFen = row.i64("min_amount_fen");
  s.maxAmountFen = row.i64("max_amount_fen");
  s.minTermMonths = static_cast<int>(row.i64("min_term_months"));
  s.maxTermMonths = static_cast<int>(row.i64("max_term_months"));
  s.rateKind = row.str("rate_kind");
  s.minRateBp = static_cast<int>(row.i64("min_rate_bp"));
  s.maxRateBp = static_cast<int>(row.i64("max_rate_bp"));
  s.approvalWorkdays = static_cast<int>(row.i64("approval_workdays"));
  readSpecJson(json::parse(row.str("spec"), nullptr, false), s);
  p.createdAt = row.str("created_at");
  p.updatedAt = row.str("updated_at");
  p.publishedAt = row.optStr("published_at");
  return p;
}

constexpr const char* kDemandColumns =
    "SELECT d.id, d.enterprise_id, e.name AS enterprise_name, e.uscc, e.region_code, COALESCE(pk.name, '') AS park_name, "
    "d.amount_fen, d.term_months, d.purpose, d.urgency, d.spec, d.mode, d.product_id, COALESCE(p.name, '') AS product_name, "
    "d.status, d.claimed_by, COALESCE(cb.name, '') AS claimed_by_name, d.claimed_at, d.published_at, d.published_on, d.open_since "
    "FROM demands d JOIN enterprises e ON e.id = d.enterprise_id "
    "LEFT JOIN organisations pk ON pk.id = e.park_id LEFT JOIN products p ON p.id = d.product_id "
    "LEFT JOIN organisations cb ON cb.id = d.claimed_by";

DemandRow readDemand(const soci::row& r) {
  db::Row row(r);
  DemandRow d;
  d.id = row.i64("id");
  d.enterpriseId = row.i64("enterprise_id");
  d.enterpriseName = row.str("enterprise_name");
  d.uscc = row.str("uscc");
  d.regionCode = row.str("region_code");
  d.parkName = row.str("park_name");
  d.spec.amountFen = row.i64("amount_fen");
  d.spec.termMonths = static_cast<int>(row.i64("term_months"));
  d.spec.purpose = row.str("purpose");
  d.spec.urgency = row.str("urgency");
  readSpecJson(json::parse(row.str("spec"), nullptr, false), d.spec);
  d.mode = row.str("mode");
  d.productId = row.optI64("product_id");
  d.spec.productId = d.productId;
  d.productName = row.str("product_name");
  d.status = row.str("status");
  d.claimedBy = row.optI64("claimed_by");
  d.claimedByName = row.str("claimed_by_name");
  d.claimedAt = row.optStr("claimed_at");
  d.publishedAt = row.str("published_at");
  d.publishedOn = row.str("published_on");
  d.openSince = row.str("open_since");
  return d;
}

constexpr const char* kApplicationColumns =
    "SELECT a.id, a.demand_id, a.enterprise_id, e.name AS enterprise_name, e.uscc, a.bank_id, o.name AS bank_name, "
    "a.product_id, COALESCE(p.name, '') AS product_name, a.source, a.state, a.requested_fen, a.approved_fen, "
    "a.disbursed_fen, a.rate_bp, a.term_months, a.offer_valid_until, a.decision_workdays, a.created_at, a.created_on, "
    "a.accepted_on, a.decided_on, a.updated_at, a.version, d.purpose, d.term_months AS demand_term "
    "FROM applications a JOIN enterprises e ON e.id = a.enterprise_id JOIN organisations o ON o.id = a.bank_id "
    "JOIN demands d ON d.id = a.demand_id LEFT JOIN products p ON p.id = a.product_id";

std::optional<Date> optDate(const db::Row& row, const char* column) {
  auto s = row.optStr(column);
  return s ? Date::parse(*s) : std::nullopt;
}

ApplicationRow readApplication(const soci::row& r) {
  db::Row row(r);
  ApplicationRow a;
  a.id = row.i64("id");
  a.demandId = row.i64("demand_id");
  a.enterpriseId = row.i64("enterprise_id");
  a.enterpriseName = row.str("enterprise_name");
  a.uscc = row.str("uscc");
  a.bankId = row.i64("bank_id");
  a.bankName = row.str("bank_name");
  a.productId = row.optI64("product_id");
  a.productName = row.str("product_name");
  a.source = row.str("source");
  a.state = stateByCode(row.str("state")).value_or(State::Submitted);
  a.requestedFen = row.i64("requested_fen");
  a.approvedFen = row.i64("approved_fen");
  a.disbursedFen = row.i64("disbursed_fen");
  if (auto v = row.optI64("rate_bp")) a.rateBp = static_cast<int>(*v);
  if (auto v = row.optI64("term_months")) a.termMonths = static_cast<int>(*v);
  a.offerValidUntil = optDate(row, "offer_valid_until");
  a.decisionWorkdays = static_cast<int>(row.i64("decision_workdays"));
  a.createdAt = row.str("created_at");
  a.createdOn = Date::parse(row.str("created_on")).value_or(Date());
  a.acceptedOn = optDate(row, "accepted_on");
  a.decidedOn = optDate(row, "decided_on");
  a.updatedAt = row.str("updated_at");
  a.version = static_cast<int>(row.i64("version"));
  a.demandPurpose = row.str("purpose");
  a.demandTermMonths = static_cast<int>(row.i64("demand_term"));
  return a;
}

// The viewer's scope on applications `a` / enterprises `e`; false when the viewer sees nothing.
bool scope(db::Query& q, const Viewer& v, const char* bankColumn) {
  switch (v.kind) {
    case Viewer::Kind::Enterprise:
      q << " AND e.id = ";
      q.param(v.id);
      return true;
    case Viewer::Kind::Bank:
      q << " AND " << bankColumn << " = ";
      q.param(v.id);
      return true;
    case Viewer::Kind::Region:
      q << " AND e.region_code LIKE ";
      q.param(v.regionPrefix + "%");
      return true;
    case Viewer::Kind::All: return true;
    case Viewer::Kind::Nobody: return false;
  }
  return false;
}

int64_t count(soci::session& s, const db::Query& q) {
  for (const auto& r : q.rows(s)) return db::Row(r).i64("n");
  return 0;
}

void page(db::Query& q, int page, int pageSize) {
  q << " LIMIT ";
  q.param(pageSize);
  q << " OFFSET ";
  q.param(static_cast<long long>(page - 1) * pageSize);
}

long long affected(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace

// ---- products ----

int64_t MarketStore::insertProduct(soci::session& tx, int64_t bankId, const ProductSpec& s, int64_t userId,
                                   const std::string& now) {
  long long id = 0, bank = bankId, by = userId, minA = s.minAmountFen, maxA = s.maxAmountFen;
  int minT = s.minTermMonths, maxT = s.maxTermMonths, minR = s.minRateBp, maxR = s.maxRateBp, days = s.approvalWorkdays;
  std::string spec = specJson(s).dump();
  tx << "INSERT INTO products (bank_id, name, kind, status, min_amount_fen, max_amount_fen, min_term_months, "
        "max_term_months, rate_kind, min_rate_bp, max_rate_bp, approval_workdays, spec, created_by, created_at, updated_at) "
        "VALUES (:b, :n, :k, 'draft', :a1, :a2, :t1, :t2, :rk, :r1, :r2, :d, :s, :u, :c, :c2) RETURNING id",
      soci::use(bank), soci::use(s.name), soci::use(s.kind), soci::use(minA), soci::use(maxA), soci::use(minT),
      soci::use(maxT), soci::use(s.rateKind), soci::use(minR), soci::use(maxR), soci::use(days), soci::use(spec),
      soci::use(by), soci::use(now), soci::use(now), soci::into(id);
  return id;
}

bool MarketStore::updateProduct(soci::session& tx, int64_t id, const ProductSpec& s, const std::string& now) {
  long long pid = id, minA = s.minAmountFen, maxA = s.maxAmountFen;
  int minT = s.minTermMonths, maxT = s.maxTermMonths, minR = s.minRateBp, maxR = s.maxRateBp, days = s.approvalWorkdays;
  std::string spec = specJson(s).dump();
  soci::statement st =
      (tx.prepare << "UPDATE products SET name = :n, kind = :k, min_amount_fen = :a1, max_amount_fen = :a2, "
                     "min_term_months = :t1, max_term_months = :t2, rate_kind = :rk, min_rate_bp = :r1, max_rate_bp = :r2, "
                     "approval_workdays = :d, spec = :s, updated_at = :u WHERE id = :id AND status <> 'published'",
       soci::use(s.name), soci::use(s.kind), soci::use(minA), soci::use(maxA), soci::use(minT), soci::use(maxT),
       soci::use(s.rateKind), soci::use(minR), soci::use(maxR), soci::use(days), soci::use(spec), soci::use(now),
       soci::use(pid));
  return affected(st) > 0;
}

bool MarketStore::setProductStatus(soci::session& tx, int64_t id, ProductStatus from, ProductStatus to,
                                   const std::string& now) {
  long long pid = id;
  std::string f(code(from)), t(code(to));
  Opt published = Opt::of(to == ProductStatus::Published ? std::optional<std::string>(now) : std::nullopt);
  soci::statement st = (tx.prepare << "UPDATE products SET status = :t, updated_at = :u, "
                                      "published_at = COALESCE(:p, published_at) WHERE id = :id AND status = :f",
                        soci::use(t), soci::use(now), soci::use(published.text, published.ind), soci::use(pid),
                        soci::use(f));
  return affected(st) > 0;
}

std::optional<ProductRow> MarketStore::product(int64_t id) {
  auto conn = db_.lease();
  db::Query q(std::string(kProductColumns) + " WHERE p.id = ");
  q.param(id);
  for (const auto& r : q.rows(*conn)) return readProduct(r);
  return std::nullopt;
}

std::pair<std::vector<ProductRow>, int64_t> MarketStore::products(const ProductFilter& f) {
  auto conn = db_.lease();
  // The one condition, written into the count and the page alike.
  auto where = [&](db::Query& q) {
    q << " WHERE 1 = 1";
    if (f.ownBankId > 0) {
      q << " AND (p.status = 'published' OR p.bank_id = ";
      q.param(f.ownBankId);
      q << ")";
    } else {
      q << " AND p.status = 'published'";
    }
    if (f.status) {
      q << " AND p.status = ";
      q.param(std::string(code(*f.status)));
    }
    if (f.bankId) {
      q << " AND p.bank_id = ";
      q.param(*f.bankId);
    }
    if (!f.kind.empty()) {
      q << " AND p.kind = ";
      q.param(f.kind);
    }
    if (!f.q.empty()) {
      q << " AND (p.name LIKE ";
      q.param(db::containsPattern(f.q));
      q << " ESCAPE '\\' OR o.name LIKE ";
      q.param(db::containsPattern(f.q));
      q << " ESCAPE '\\')";
    }
    if (f.amountFen) {
      q << " AND p.min_amount_fen <= ";
      q.param(*f.amountFen);
      q << " AND p.max_amount_fen >= ";
      q.param(*f.amountFen);
    }
    if (f.termMonths) {
      q << " AND p.min_term_months <= ";
      q.param(*f.termMonths);
      q << " AND p.max_term_months >= ";
      q.param(*f.termMonths);
    }
  };
  db::Query c("SELECT COUNT(*) AS n FROM products p JOIN organisations o ON o.id = p.bank_id");
  where(c);
  int64_t total = count(*conn, c);
  db::Query q(kProductColumns);
  where(q);
  if (f.sort == "rate") {
    q << " ORDER BY CASE WHEN p.rate_kind = 'lpr' THEN p.min_rate_bp + ";
    q.param(f.lprBp);
    q << " ELSE p.min_rate_bp END, p.id";
  } else if (f.sort == "amount") {
    q << " ORDER BY p.max_amount_fen DESC, p.id";
  } else if (f.sort == "approval") {
    q << " ORDER BY p.approval_workdays, p.id";
  } else {
    q << " ORDER BY p.id DESC";
  }
  page(q, f.page, f.pageSize);
  std::vector<ProductRow> out;
  for (const auto& r : q.rows(*conn)) out.push_back(readProduct(r));
  return {std::move(out), total};
}

std::vector<ProductRow> MarketStore::publishedProducts() {
  auto conn = db_.lease();
  std::vector<ProductRow> out;
  db::Query q(std::string(kProductColumns) + " WHERE p.status = 'published' ORDER BY p.id");
  for (const auto& r : q.rows(*conn)) out.push_back(readProduct(r));
  return out;
}

// ---- demands ----

int64_t MarketStore::insertDemand(soci::session& tx, int64_t enterpriseId, const DemandSpec& d, const std::string& mode,
                                  const std::string& status, int64_t userId, const std::string& now, Date today) {
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

bool MarketStore::moveDemand(soci::session& tx, int64_t id, const std::string& expected, const std::string& to,
                             std::optional<int64_t> claimedBy, const std::optional<std::string>& claimedAt) {
  long long did = id;
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

bool MarketStore::moveDemand(soci::session& tx, int64_t id, const std::string& expected, const std::string& to) {
  long long did = id;
  soci::statement st = (tx.prepare << "UPDATE demands SET status = :to WHERE id = :id AND status = :expected",
                        soci::use(to), soci::use(did), soci::use(expected));
  if (affected(st) == 0) return false;
  if ((expected == "open") != (to == "open")) {
    int open = to == "open" ? 1 : 0;
    tx << "UPDATE demand_matches SET open = :o WHERE demand_id = :d", soci::use(open), soci::use(did);
  }
  return true;
}

bool MarketStore::reopen(soci::session& tx, int64_t id, Date day) {
  long long did = id;
  std::string since = day.toString();
  soci::statement st = (tx.prepare << "UPDATE demands SET status = 'open', claimed_by = NULL, claimed_at = NULL, "
                                      "open_since = :d WHERE id = :id AND status = 'claimed'",
                        soci::use(since), soci::use(did));
  if (affected(st) == 0) return false;
  tx << "UPDATE demand_matches SET open = 1 WHERE demand_id = :d", soci::use(did);
  return true;
}

bool MarketStore::bankHasDeal(int64_t demandId, int64_t bankId) {
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

void MarketStore::addMatches(soci::session& tx, int64_t demandId,
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

void MarketStore::removeProductMatches(soci::session& tx, int64_t productId) {
  long long p = productId;
  tx << "DELETE FROM demand_matches WHERE product_id = :p", soci::use(p);
}

std::optional<DemandRow> MarketStore::demand(int64_t id) {
  auto conn = db_.lease();
  db::Query q(std::string(kDemandColumns) + " WHERE d.id = ");
  q.param(id);
  for (const auto& r : q.rows(*conn)) return readDemand(r);
  return std::nullopt;
}

std::pair<std::vector<DemandRow>, int64_t> MarketStore::demands(const Viewer& v, const DemandFilter& f) {
  auto conn = db_.lease();
  std::vector<DemandRow> out;
  int64_t total = 0;
  if (v.kind == Viewer::Kind::Bank && f.opportunities) {
    // 商机: the open demands one of the bank's published products fits, newest first — the page
    // and the count from the index on (bank_id, open, demand_id) alone.
    if (!f.status.empty() && f.status != "open") return {{}, 0};
    db::Query c("SELECT COUNT(DISTINCT demand_id) AS n FROM demand_matches WHERE open = 1 AND bank_id = ");
    c.param(v.id);
    total = count(*conn, c);
    db::Query ids("SELECT DISTINCT demand_id FROM demand_matches WHERE open = 1 AND bank_id = ");
    ids.param(v.id);
    ids << " ORDER BY demand_id DESC";
    page(ids, f.page, f.pageSize);
    std::vector<int64_t> pageIds;
    for (const auto& r : ids.rows(*conn)) pageIds.push_back(db::Row(r).i64("demand_id"));
    if (!pageIds.empty()) {
      db::Query q(std::string(kDemandColumns) + " WHERE d.id IN (");
      for (size_t i = 0; i < pageIds.size(); ++i) {
        if (i) q << ", ";
        q.param(pageIds[i]);
      }
      q << ") ORDER BY d.id DESC";
      for (const auto& r : q.rows(*conn)) out.push_back(readDemand(r));
    }
  } else {
    auto where = [&](db::Query& q) -> bool {
      q << " WHERE 1 = 1";
      if (!f.status.empty()) {
        q << " AND d.status = ";
        q.param(f.status);
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
    db::Query c(byEnterprise ? "SELECT COUNT(*) AS n FROM demands d JOIN enterprises e ON e.id = d.enterprise_id"
                             : "SELECT COUNT(*) AS n FROM demands d");
    if (!where(c)) return {{}, 0};
    total = count(*conn, c);
    db::Query q(kDemandColumns);
    where(q);
    q << " ORDER BY d.id DESC";
    page(q, f.page, f.pageSize);
    for (const auto& r : q.rows(*conn)) out.push_back(readDemand(r));
  }
  if (v.kind == Viewer::Kind::Bank && !out.empty()) {
    db::Query m("SELECT m.demand_id, p.id, p.name FROM demand_matches m JOIN products p ON p.id = m.product_id "
                "WHERE m.bank_id = ");
    m.param(v.id);
    m << " AND m.demand_id IN (";
    for (size_t i = 0; i < out.size(); ++i) {
      if (i) m << ", ";
      m.param(out[i].id);
    }
    m << ") ORDER BY p.id";
    std::map<int64_t, DemandRow*> byId;
    for (auto& d : out) byId[d.id] = &d;
    for (const auto& r : m.rows(*conn)) {
      db::Row row(r);
      if (auto it = byId.find(row.i64("demand_id")); it != byId.end())
        it->second->matchedProducts.emplace_back(row.i64("id"), row.str("name"));
    }
  }
  return {std::move(out), total};
}

std::vector<DemandRow> MarketStore::openDemands(int64_t afterId, int limit) {
  auto conn = db_.lease();
  db::Query q(std::string(kDemandColumns) + " WHERE d.status = 'open' AND d.id > ");
  q.param(afterId);
  q << " ORDER BY d.id LIMIT ";
  q.param(limit);
  std::vector<DemandRow> out;
  for (const auto& r : q.rows(*conn)) out.push_back(readDemand(r));
  return out;
}

// ---- applications ----

int64_t MarketStore::insertApplication(soci::session& tx, const ApplicationRow& a, const std::string& now) {
  long long id = 0, d = a.demandId, e = a.enterpriseId, b = a.bankId, req = a.requestedFen;
  int days = a.decisionWorkdays;
  Opt product = Opt::of(a.productId);
  std::string state(code(a.state)), on = a.createdOn.toString();
  tx << "INSERT INTO applications (demand_id, enterprise_id, bank_id, product_id, source, state, requested_fen, "
        "decision_workdays, created_at, created_on, updated_at) VALUES (:d, :e, :b, :p, :src, :st, :r, :dw, :at, :on, :u) "
        "RETURNING id",
      soci::use(d), soci::use(e), soci::use(b), soci::use(product.number, product.ind), soci::use(a.source),
      soci::use(state), soci::use(req), soci::use(days), soci::use(now), soci::use(on), soci::use(now), soci::into(id);
  return id;
}

bool MarketStore::updateApplication(soci::session& tx, const ApplicationRow& a, const std::string& now) {
  long long id = a.id, approved = a.approvedFen, disbursed = a.disbursedFen;
  int version = a.version;
  std::string state(code(a.state));
  Opt rate = Opt::of(a.rateBp), term = Opt::of(a.termMonths), valid = Opt::of(a.offerValidUntil),
      accepted = Opt::of(a.acceptedOn), decided = Opt::of(a.decidedOn);
  soci::statement st =
      (tx.prepare << "UPDATE applications SET state = :s, approved_fen = :a, disbursed_fen = :d, rate_bp = :r, "
                     "term_months = :t, offer_valid_until = :v, accepted_on = :ac, decided_on = :de, updated_at = :u, "
                     "version = version + 1 WHERE id = :id AND version = :ver",
       soci::use(state), soci::use(approved), soci::use(disbursed), soci::use(rate.number, rate.ind),
       soci::use(term.number, term.ind), soci::use(valid.text, valid.ind), soci::use(accepted.text, accepted.ind),
       soci::use(decided.text, decided.ind), soci::use(now), soci::use(id), soci::use(version));
  return affected(st) > 0;
}

void MarketStore::insertEvent(soci::session& tx, int64_t applicationId, const NewEvent& e) {
  long long a = applicationId;
  Opt user = Opt::of(e.userId), from = Opt::of(e.fromState.empty() ? std::nullopt : std::optional(e.fromState));
  tx << "INSERT INTO application_events (application_id, command, from_state, to_state, actor_kind, user_id, "
        "organisation_name, username, at, note, detail) VALUES (:a, :c, :f, :t, :k, :u, :o, :n, :at, :note, :d)",
      soci::use(a), soci::use(e.command), soci::use(from.text, from.ind), soci::use(e.toState), soci::use(e.actorKind),
      soci::use(user.number, user.ind), soci::use(e.organisationName), soci::use(e.username), soci::use(e.at),
      soci::use(e.note), soci::use(e.detail);
}

std::optional<ApplicationRow> MarketStore::application(int64_t id) {
  auto conn = db_.lease();
  db::Query q(std::string(kApplicationColumns) + " WHERE a.id = ");
  q.param(id);
  for (const auto& r : q.rows(*conn)) return readApplication(r);
  return std::nullopt;
}

std::pair<std::vector<ApplicationRow>, int64_t> MarketStore::applications(const Viewer& v, const ApplicationFilter& f) {
  auto conn = db_.lease();
  auto where = [&](db::Query& q) -> bool {
    q << " WHERE 1 = 1";
    if (!f.state.empty()) {
      q << " AND a.state = ";
      q.param(f.state);
    }
    if (f.demandId) {
      q << " AND a.demand_id = ";
      q.param(*f.demandId);
    }
    return scope(q, v, "a.bank_id");
  };
  db::Query c("SELECT COUNT(*) AS n FROM applications a JOIN enterprises e ON e.id = a.enterprise_id");
  if (!where(c)) return {{}, 0};
  int64_t total = count(*conn, c);
  db::Query q(kApplicationColumns);
  where(q);
  q << " ORDER BY a.id DESC";
  page(q, f.page, f.pageSize);
  std::vector<ApplicationRow> out;
  for (const auto& r : q.rows(*conn)) out.push_back(readApplication(r));
  return {std::move(out), total};
}

std::vector<EventRow> MarketStore::events(int64_t applicationId) {
  auto conn = db_.lease();
  db::Query q("SELECT id, command, COALESCE(from_state, '') AS from_state, to_state, actor_kind, organisation_name, "
              "username, at, note, detail FROM application_events WHERE application_id = ");
  q.param(applicationId);
  q << " ORDER BY id";
  std::vector<EventRow> out;
  for (const auto& r : q.rows(*conn)) {
    db::Row row(r);
    out.push_back({row.i64("id"), row.str("command"), row.str("from_state"), row.str("to_state"), row.str("actor_kind"),
                   row.str("organisation_name"), row.str("username"), row.str("at"), row.str("note"), row.str("detail")});
  }
  return out;
}

std::optional<ApplicationRow> MarketStore::liveApplicationOfDemand(int64_t demandId) {
  auto conn = db_.lease();
  db::Query q(std::string(kApplicationColumns) + " WHERE a.demand_id = ");
  q.param(demandId);
  q << " AND a.state NOT IN ('rejected', 'settled', 'withdrawn', 'lapsed') ORDER BY a.id DESC LIMIT 1";
  for (const auto& r : q.rows(*conn)) return readApplication(r);
  return std::nullopt;
}

std::vector<MarketStore::BankHistory> MarketStore::bankHistories() {
  auto conn = db_.lease();
  std::map<int64_t, BankHistory> by;
  db::Query q("SELECT bank_id, created_on, accepted_on, state FROM applications");
  for (const auto& r : q.rows(*conn)) {
    db::Row row(r);
    auto& h = by[row.i64("bank_id")];
    h.bankId = row.i64("bank_id");
    auto created = Date::parse(row.str("created_on"));
    auto accepted = optDate(row, "accepted_on");
    if (created && accepted) h.responses.emplace_back(*created, *accepted);
    auto state = stateByCode(row.str("state"));
    if (state && isDecided(*state)) {
      ++h.decided;
      if (*state != State::Rejected) ++h.approved;
    }
  }
  std::vector<BankHistory> out;
  for (auto& [_, h] : by) out.push_back(std::move(h));
  return out;
}

// ---- time limits ----

TimeLimits MarketStore::limits() {
  auto conn = db_.lease();
  TimeLimits l;
  db::Query q("SELECT name, value FROM finance_settings");
  for (const auto& r : q.rows(*conn)) {
    db::Row row(r);
    auto name = row.str("name");
    int value = static_cast<int>(row.i64("value"));
    if (name == "claim_or_respond") l.claimOrRespond = value;
    else if (name == "first_contact") l.firstContact = value;
    else if (name == "decision") l.decision = value;
  }
  return l;
}

void MarketStore::saveLimits(soci::session& tx, const TimeLimits& l, const std::string& now) {
  for (auto [name, value] : {std::pair<std::string, int>{"claim_or_respond", l.claimOrRespond},
                             {"first_contact", l.firstContact},
                             {"decision", l.decision}}) {
    tx << "INSERT INTO finance_settings (name, value, updated_at) VALUES (:n, :v, :u) "
          "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        soci::use(name), soci::use(value), soci::use(now);
  }
}

std::vector<Pending> MarketStore::pending() {
  auto conn = db_.lease();
  std::vector<Pending> out;
  // Open demands waiting for a bank to claim them.
  for (const auto& r : db::Query("SELECT id, open_since FROM demands WHERE status = 'open'").rows(*conn)) {
    db::Row row(r);
    out.push_back({"claim_or_respond", row.i64("id"), 0, std::nullopt,
                   Date::parse(row.str("open_since")).value_or(Date()), 0});
  }
  // Submitted applications: a directed one waits for the bank's answer, a claimed one for contact.
  for (const auto& r : db::Query("SELECT id, demand_id, bank_id, source, created_on FROM applications "
                                 "WHERE state = 'submitted'")
                           .rows(*conn)) {
    db::Row row(r);
    out.push_back({row.str("source") == "claim" ? "first_contact" : "claim_or_respond", row.i64("demand_id"),
                   row.i64("id"), row.i64("bank_id"), Date::parse(row.str("created_on")).value_or(Date()), 0});
  }
  // Accepted and under review: the decision, by the product's promise or the platform's default.
  for (const auto& r : db::Query("SELECT id, demand_id, bank_id, accepted_on, decision_workdays FROM applications "
                                 "WHERE state IN ('accepted', 'materials_requested', 'reviewing') "
                                 "AND accepted_on IS NOT NULL")
                           .rows(*conn)) {
    db::Row row(r);
    out.push_back({"decision", row.i64("demand_id"), row.i64("id"), row.i64("bank_id"),
                   Date::parse(row.str("accepted_on")).value_or(Date()), static_cast<int>(row.i64("decision_workdays"))});
  }
  return out;
}

bool MarketStore::markOverdue(soci::session& tx, const Pending& p, Date deadline, const std::string& now,
                              const std::string& outcome) {
  long long d = p.demandId, a = p.applicationId;
  Opt bank = Opt::of(p.bankId);
  std::string started = p.startedOn.toString(), due = deadline.toString();
  soci::statement st =
      (tx.prepare << "INSERT INTO finance_overdue (step, demand_id, application_id, bank_id, started_on, deadline, "
                     "marked_at, outcome) VALUES (:s, :d, :a, :b, :st, :dl, :m, :o) "
                     "ON CONFLICT (step, demand_id, application_id, started_on) DO NOTHING",
       soci::use(p.step), soci::use(d), soci::use(a), soci::use(bank.number, bank.ind), soci::use(started),
       soci::use(due), soci::use(now), soci::use(outcome));
  return affected(st) > 0;
}

void MarketStore::resolveOverdue(soci::session& tx, int64_t demandId, int64_t applicationId, const std::string& now) {
  long long d = demandId, a = applicationId;
  tx << "UPDATE finance_overdue SET resolved_at = :n WHERE resolved_at IS NULL AND demand_id = :d "
        "AND (application_id = :a OR application_id = 0)",
      soci::use(now), soci::use(d), soci::use(a);
}

std::pair<std::vector<OverdueRow>, int64_t> MarketStore::overdue(const Viewer& v, bool openOnly, int pg, int pageSize) {
  auto conn = db_.lease();
  auto where = [&](db::Query& q) -> bool {
    q << " WHERE 1 = 1";
    if (openOnly) q << " AND f.resolved_at IS NULL";
    return scope(q, v, "f.bank_id");
  };
  constexpr const char* kFrom =
      " FROM finance_overdue f JOIN demands d ON d.id = f.demand_id JOIN enterprises e ON e.id = d.enterprise_id "
      "LEFT JOIN organisations o ON o.id = f.bank_id";
  db::Query c(std::string("SELECT COUNT(*) AS n") + kFrom);
  if (!where(c)) return {{}, 0};
  int64_t total = count(*conn, c);
  db::Query q(std::string("SELECT f.id, f.step, f.demand_id, f.application_id, f.bank_id, COALESCE(o.name, '') AS bank_name, "
                          "e.name AS enterprise_name, e.uscc, f.started_on, f.deadline, f.marked_at, f.resolved_at, f.outcome") +
              kFrom);
  where(q);
  q << " ORDER BY f.id DESC";
  page(q, pg, pageSize);
  std::vector<OverdueRow> out;
  for (const auto& r : q.rows(*conn)) {
    db::Row row(r);
    OverdueRow o;
    o.id = row.i64("id");
    o.step = row.str("step");
    o.demandId = row.i64("demand_id");
    o.applicationId = row.i64("application_id");
    o.bankId = row.optI64("bank_id");
    o.bankName = row.str("bank_name");
    o.enterpriseName = row.str("enterprise_name");
    o.uscc = row.str("uscc");
    o.startedOn = row.str("started_on");
    o.deadline = row.str("deadline");
    o.markedAt = row.str("marked_at");
    o.resolvedAt = row.optStr("resolved_at");
    o.outcome = row.str("outcome");
    out.push_back(std::move(o));
  }
  return {std::move(out), total};
}

// ---- the pipeline ----

namespace {

// published → claimed (a bank took it: claimed or directed and accepted) → approved → disbursed,
// per group. A demand counts once at each stage it reached; amounts are the demand's, the
// approvals' and the disbursements'.
// `demandKey`/`demandName`/`demandJoins` group the published demands; `appKey`/`appName`/`appJoins`
// the applications (by bank: the bank that holds the application, which for a lapsed claim is no
// longer the demand's).
struct Grouping {
  std::string key, name, joins;
};

std::vector<FunnelRow> funnel(soci::session& s, const Viewer& v, const Grouping& byDemand, const Grouping& byApp) {
  std::map<std::string, FunnelRow> rows;
  {
    db::Query q("SELECT " + byDemand.key + " AS k, " + byDemand.name + " AS nm, COUNT(*) AS n, SUM(d.amount_fen) AS amount "
                "FROM demands d JOIN enterprises e ON e.id = d.enterprise_id " + byDemand.joins +
                " WHERE d.status <> 'withdrawn'");
    if (!scope(q, v, "d.claimed_by")) return {};
    q << " GROUP BY " << byDemand.key << ", " << byDemand.name;
    for (const auto& r : q.rows(s)) {
      db::Row row(r);
      auto& f = rows[row.str("k")];
      f.key = row.str("k");
      f.name = row.str("nm");
      f.published = row.i64("n");
      f.publishedFen = row.isNull("amount") ? 0 : row.i64("amount");
    }
  }
  {
    db::Query q("SELECT " + byApp.key + " AS k, " + byApp.name + " AS nm, "
                "COUNT(DISTINCT CASE WHEN a.source = 'claim' OR a.accepted_on IS NOT NULL THEN d.id END) AS claimed, "
                "COUNT(DISTINCT CASE WHEN a.approved_fen > 0 THEN a.id END) AS approved, "
                "COUNT(DISTINCT CASE WHEN a.disbursed_fen > 0 THEN a.id END) AS disbursed, "
                "SUM(a.approved_fen) AS approved_fen, SUM(a.disbursed_fen) AS disbursed_fen "
                "FROM applications a JOIN demands d ON d.id = a.demand_id JOIN enterprises e ON e.id = a.enterprise_id " +
                byApp.joins + " WHERE 1 = 1");
    if (!scope(q, v, "a.bank_id")) return {};
    q << " GROUP BY " << byApp.key << ", " << byApp.name;
    for (const auto& r : q.rows(s)) {
      db::Row row(r);
      auto& f = rows[row.str("k")];
      f.key = row.str("k");
      f.name = row.str("nm");
      f.claimed = row.i64("claimed");
      f.approved = row.i64("approved");
      f.disbursed = row.i64("disbursed");
      f.approvedFen = row.isNull("approved_fen") ? 0 : row.i64("approved_fen");
      f.disbursedFen = row.isNull("disbursed_fen") ? 0 : row.i64("disbursed_fen");
    }
  }
  std::vector<FunnelRow> out;
  for (auto& [_, f] : rows) out.push_back(std::move(f));
  return out;
}

}  // namespace

std::vector<FunnelRow> MarketStore::funnelByBank(const Viewer& v) {
  // A demand nobody took yet belongs to no bank: it is listed under 待接单 with an empty key.
  auto conn = db_.lease();
  return funnel(*conn, v,
                {"COALESCE(CAST(b.id AS TEXT), '')", "COALESCE(b.name, '待接单')",
                 "LEFT JOIN organisations b ON b.id = COALESCE(d.claimed_by, (SELECT p.bank_id FROM products p "
                 "WHERE p.id = d.product_id))"},
                {"CAST(b.id AS TEXT)", "b.name", "JOIN organisations b ON b.id = a.bank_id"});
}

std::vector<FunnelRow> MarketStore::funnelByPark(const Viewer& v) {
  auto conn = db_.lease();
  Grouping park{"COALESCE(CAST(pk.id AS TEXT), '')", "COALESCE(pk.name, '园区外')",
                "LEFT JOIN organisations pk ON pk.id = e.park_id"};
  return funnel(*conn, v, park, park);
}

std::optional<MarketStore::EnterpriseBasics> MarketStore::enterpriseBasics(int64_t enterpriseId) {
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

bool MarketStore::isBank(int64_t organisationId) {
  auto conn = db_.lease();
  db::Query q("SELECT COUNT(*) AS n FROM organisations WHERE kind = 'bank' AND id = ");
  q.param(organisationId);
  return count(*conn, q) > 0;
}

std::optional<int64_t> MarketStore::bestMatchingProduct(int64_t demandId, int64_t bankId) {
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

std::vector<int64_t> MarketStore::usersOf(int64_t organisationId) {
  auto conn = db_.lease();
  db::Query q("SELECT id FROM users WHERE disabled = 0 AND organisation_id = ");
  q.param(organisationId);
  std::vector<int64_t> out;
  for (const auto& r : q.rows(*conn)) out.push_back(db::Row(r).i64("id"));
  return out;
}

std::optional<int64_t> MarketStore::organisationOfEnterprise(int64_t enterpriseId) {
  auto conn = db_.lease();
  db::Query q("SELECT o.id FROM organisations o JOIN enterprises e ON e.uscc = o.uscc WHERE o.kind = 'enterprise' AND e.id = ");
  q.param(enterpriseId);
  for (const auto& r : q.rows(*conn)) return db::Row(r).i64("id");
  return std::nullopt;
}

}  // namespace jinfu::finance
