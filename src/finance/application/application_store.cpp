#include "finance/application/application_store.hpp"

#include <map>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "finance/store_support.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;
using namespace sql;


constexpr const char* kApplicationColumns =
    "SELECT a.id, a.demand_id, a.enterprise_id, e.name AS enterprise_name, e.uscc, a.bank_id, o.name AS bank_name, "
    "a.product_id, COALESCE(p.name, '') AS product_name, a.source, a.state, a.requested_fen, a.approved_fen, "
    "a.disbursed_fen, a.rate_bp, a.term_months, a.offer_valid_until, a.decision_workdays, a.created_at, a.created_on, "
    "a.accepted_on, a.decided_on, a.updated_at, a.version, d.purpose, d.term_months AS demand_term "
    "FROM applications a JOIN enterprises e ON e.id = a.enterprise_id JOIN organisations o ON o.id = a.bank_id "
    "JOIN demands d ON d.id = a.demand_id LEFT JOIN products p ON p.id = a.product_id";

ApplicationRow readApplication(const soci::row& r) {
  ApplicationRow a;
  db::Row(r).into(a.id, a.demandId, a.enterpriseId, a.enterpriseName, a.uscc, a.bankId, a.bankName, a.productId,
                  a.productName, a.source, db::coded(a.state, stateByCode), a.requestedFen, a.approvedFen,
                  a.disbursedFen, a.rateBp, a.termMonths, a.offerValidUntil, a.decisionWorkdays, a.createdAt,
                  a.createdOn, a.acceptedOn, a.decidedOn, a.updatedAt, a.version, a.demandPurpose, a.demandTermMonths);
  return a;
}


}  // namespace

// ---- applications ----

int64_t ApplicationStore::insertApplication(soci::session& tx, const ApplicationRow& a, const std::string& now) {
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

bool ApplicationStore::updateApplication(soci::session& tx, const ApplicationRow& a, const std::string& now) {
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

void ApplicationStore::insertEvent(soci::session& tx, int64_t applicationId, const NewEvent& e) {
  long long a = applicationId;
  Opt user = Opt::of(e.userId), from = Opt::of(e.fromState.empty() ? std::nullopt : std::optional(e.fromState));
  tx << "INSERT INTO application_events (application_id, command, from_state, to_state, actor_kind, user_id, "
        "organisation_name, username, at, note, detail) VALUES (:a, :c, :f, :t, :k, :u, :o, :n, :at, :note, :d)",
      soci::use(a), soci::use(e.command), soci::use(from.text, from.ind), soci::use(e.toState), soci::use(e.actorKind),
      soci::use(user.number, user.ind), soci::use(e.organisationName), soci::use(e.username), soci::use(e.at),
      soci::use(e.note), soci::use(e.detail);
}

std::optional<ApplicationRow> ApplicationStore::application(int64_t id) {
  db::Query q(std::string(kApplicationColumns) + " WHERE a.id = ");
  q.param(id);
  return db::first(db_, q, readApplication);
}

Page<ApplicationRow> ApplicationStore::applications(const Viewer& v, const ApplicationFilter& f, Paging paging) {
  auto where = [&](db::Query& q) -> bool {
    q << " WHERE 1 = 1";
    if (f.state) {
      q << " AND a.state = ";
      q.param(std::string(code(*f.state)));
    }
    if (f.demandId) {
      q << " AND a.demand_id = ";
      q.param(*f.demandId);
    }
    return scope(q, v, "a.bank_id");
  };
  return db::paged(db_, "SELECT COUNT(*) AS n FROM applications a JOIN enterprises e ON e.id = a.enterprise_id",
                   kApplicationColumns, where, " ORDER BY a.id DESC", paging, readApplication);
}

std::vector<EventRow> ApplicationStore::events(int64_t applicationId) {
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

std::optional<ApplicationRow> ApplicationStore::liveApplicationOfDemand(int64_t demandId) {
  db::Query q(std::string(kApplicationColumns) + " WHERE a.demand_id = ");
  q.param(demandId);
  q << " AND a.state NOT IN ('rejected', 'settled', 'withdrawn', 'lapsed') ORDER BY a.id DESC LIMIT 1";
  return db::first(db_, q, readApplication);
}

std::vector<ApplicationStore::BankHistory> ApplicationStore::bankHistories() {
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

}  // namespace jinfu::finance
