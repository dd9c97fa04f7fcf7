#include "finance/oversight/oversight_store.hpp"

#include <map>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "finance/store_support.hpp"

namespace jinfu::finance {
using namespace sql;

// ---- time limits ----

TimeLimits OversightStore::limits() {
  auto conn = db_.lease();
  TimeLimits l;
  db::Query q("SELECT name, value FROM finance_settings");
  for (const auto& r : q.rows(*conn)) {
    db::Row row(r);
    auto name = row.str("name");
    int value = static_cast<int>(row.i64("value"));
    if (auto step = stepByCode(name)) {
      if (*step == Step::ClaimOrRespond) l.claimOrRespond = value;
      else if (*step == Step::FirstContact) l.firstContact = value;
      else l.decision = value;
    }
  }
  return l;
}

void OversightStore::saveLimits(soci::session& tx, const TimeLimits& l, const std::string& now) {
  for (auto step : {Step::ClaimOrRespond, Step::FirstContact, Step::Decision}) {
    std::string name(code(step));
    int value = limitOf(l, step);
    tx << "INSERT INTO finance_settings (name, value, updated_at) VALUES (:n, :v, :u) "
          "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        soci::use(name), soci::use(value), soci::use(now);
  }
}

std::vector<Pending> OversightStore::pending() {
  auto conn = db_.lease();
  std::vector<Pending> out;
  // Open demands waiting for a bank to claim them.
  for (const auto& r : db::Query("SELECT id, open_since FROM demands WHERE status = 'open'").rows(*conn)) {
    db::Row row(r);
    out.push_back({Step::ClaimOrRespond, row.i64("id"), 0, std::nullopt,
                   Date::parse(row.str("open_since")).value_or(Date()), 0});
  }
  // Submitted applications: a directed one waits for the bank's answer, a claimed one for contact.
  for (const auto& r : db::Query("SELECT id, demand_id, bank_id, source, created_on FROM applications "
                                 "WHERE state = 'submitted'")
                           .rows(*conn)) {
    db::Row row(r);
    out.push_back({row.str("source") == "claim" ? Step::FirstContact : Step::ClaimOrRespond, row.i64("demand_id"),
                   row.i64("id"), row.i64("bank_id"), Date::parse(row.str("created_on")).value_or(Date()), 0});
  }
  // Accepted and under review: the decision, by the product's promise or the platform's default.
  for (const auto& r : db::Query("SELECT id, demand_id, bank_id, accepted_on, decision_workdays FROM applications "
                                 "WHERE state IN ('accepted', 'materials_requested', 'reviewing') "
                                 "AND accepted_on IS NOT NULL")
                           .rows(*conn)) {
    db::Row row(r);
    out.push_back({Step::Decision, row.i64("demand_id"), row.i64("id"), row.i64("bank_id"),
                   Date::parse(row.str("accepted_on")).value_or(Date()), static_cast<int>(row.i64("decision_workdays"))});
  }
  return out;
}

bool OversightStore::markOverdue(soci::session& tx, const Pending& p, Date deadline, const std::string& now,
                              const std::string& outcome) {
  long long d = p.demandId, a = p.applicationId;
  Opt bank = Opt::of(p.bankId);
  std::string step(code(p.step)), started = p.startedOn.toString(), due = deadline.toString();
  soci::statement st =
      (tx.prepare << "INSERT INTO finance_overdue (step, demand_id, application_id, bank_id, started_on, deadline, "
                     "marked_at, outcome) VALUES (:s, :d, :a, :b, :st, :dl, :m, :o) "
                     "ON CONFLICT (step, demand_id, application_id, started_on) DO NOTHING",
       soci::use(step), soci::use(d), soci::use(a), soci::use(bank.number, bank.ind), soci::use(started),
       soci::use(due), soci::use(now), soci::use(outcome));
  return affected(st) > 0;
}

void OversightStore::resolveOverdue(soci::session& tx, int64_t demandId, int64_t applicationId, const std::string& now) {
  long long d = demandId, a = applicationId;
  tx << "UPDATE finance_overdue SET resolved_at = :n WHERE resolved_at IS NULL AND demand_id = :d "
        "AND (application_id = :a OR application_id = 0)",
      soci::use(now), soci::use(d), soci::use(a);
}

Page<OverdueRow> OversightStore::overdue(const Viewer& v, bool openOnly, Paging paging) {
  auto where = [&](db::Query& q) -> bool {
    q << " WHERE 1 = 1";
    if (openOnly) q << " AND f.resolved_at IS NULL";
    return scope(q, v, "f.bank_id");
  };
  constexpr const char* kFrom =
      " FROM finance_overdue f JOIN demands d ON d.id = f.demand_id JOIN enterprises e ON e.id = d.enterprise_id "
      "LEFT JOIN organisations o ON o.id = f.bank_id";
  auto read = [](const soci::row& r) {
    OverdueRow o;
    db::Row(r).into(o.id, db::coded(o.step, stepByCode), o.demandId, o.applicationId, o.bankId, o.bankName,
                    o.enterpriseName, o.uscc, o.startedOn, o.deadline, o.markedAt, o.resolvedAt, o.outcome);
    return o;
  };
  return db::paged(db_, std::string("SELECT COUNT(*) AS n") + kFrom,
                   std::string("SELECT f.id, f.step, f.demand_id, f.application_id, f.bank_id, COALESCE(o.name, '') AS "
                               "bank_name, e.name AS enterprise_name, e.uscc, f.started_on, f.deadline, f.marked_at, "
                               "f.resolved_at, f.outcome") +
                       kFrom,
                   where, " ORDER BY f.id DESC", paging, read);
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
    db::Query q("SELECT " + byDemand.key + " AS k, " + byDemand.name + " AS nm, COUNT(*) AS n, COALESCE(SUM(d.amount_fen), 0) AS amount "
                "FROM demands d JOIN enterprises e ON e.id = d.enterprise_id " + byDemand.joins +
                " WHERE d.status <> 'withdrawn'");
    if (!scope(q, v, "d.claimed_by")) return {};
    q << " GROUP BY " << byDemand.key << ", " << byDemand.name;
    for (const auto& r : q.rows(s)) {
      FunnelRow got;
      db::Row(r).into(got.key, got.name, got.published, got.publishedFen);
      auto& f = rows[got.key];
      f.key = got.key, f.name = got.name, f.published = got.published, f.publishedFen = got.publishedFen;
    }
  }
  {
    db::Query q("SELECT " + byApp.key + " AS k, " + byApp.name + " AS nm, "
                "COUNT(DISTINCT CASE WHEN a.source = 'claim' OR a.accepted_on IS NOT NULL THEN d.id END) AS claimed, "
                "COUNT(DISTINCT CASE WHEN a.approved_fen > 0 THEN a.id END) AS approved, "
                "COUNT(DISTINCT CASE WHEN a.disbursed_fen > 0 THEN a.id END) AS disbursed, "
                "COALESCE(SUM(a.approved_fen), 0) AS approved_fen, COALESCE(SUM(a.disbursed_fen), 0) AS disbursed_fen "
                "FROM applications a JOIN demands d ON d.id = a.demand_id JOIN enterprises e ON e.id = a.enterprise_id " +
                byApp.joins + " WHERE 1 = 1");
    if (!scope(q, v, "a.bank_id")) return {};
    q << " GROUP BY " << byApp.key << ", " << byApp.name;
    for (const auto& r : q.rows(s)) {
      FunnelRow got;
      db::Row(r).into(got.key, got.name, got.claimed, got.approved, got.disbursed, got.approvedFen, got.disbursedFen);
      auto& f = rows[got.key];
      f.key = got.key, f.name = got.name, f.claimed = got.claimed, f.approved = got.approved;
      f.disbursed = got.disbursed, f.approvedFen = got.approvedFen, f.disbursedFen = got.disbursedFen;
    }
  }
  std::vector<FunnelRow> out;
  for (auto& [_, f] : rows) out.push_back(std::move(f));
  return out;
}

}  // namespace

std::vector<FunnelRow> OversightStore::funnelByBank(const Viewer& v) {
  // A demand nobody took yet belongs to no bank: it is listed under 待接单 with an empty key.
  auto conn = db_.lease();
  return funnel(*conn, v,
                {"COALESCE(CAST(b.id AS TEXT), '')", "COALESCE(b.name, '待接单')",
                 "LEFT JOIN organisations b ON b.id = COALESCE(d.claimed_by, (SELECT p.bank_id FROM products p "
                 "WHERE p.id = d.product_id))"},
                {"CAST(b.id AS TEXT)", "b.name", "JOIN organisations b ON b.id = a.bank_id"});
}

std::vector<FunnelRow> OversightStore::funnelByPark(const Viewer& v) {
  auto conn = db_.lease();
  Grouping park{"COALESCE(CAST(pk.id AS TEXT), '')", "COALESCE(pk.name, '园区外')",
                "LEFT JOIN organisations pk ON pk.id = e.park_id"};
  return funnel(*conn, v, park, park);
}

}  // namespace jinfu::finance
