#include "credit/credit_store.hpp"
#include "collect/facts_reader.hpp"
#include "registry/directory.hpp"

#include <charconv>
#include <map>

#include <fmt/format.h>
#include <soci/soci.h>

#include "platform/db/database.hpp"
#include "platform/db/dialect.hpp"
#include "platform/errors.hpp"

namespace jinfu::credit {
namespace {

// A scorecard with its artifact (one card), or with an empty one (lists, and the active card that
// every score asks for: the parsed-card cache already holds its artifact).
const std::string kCardFields =
    "SELECT id, version, title, method, checksum, status, created_at, created_by, activated_at, activated_by, ";
const std::string kCardColumns = kCardFields + "artifact FROM credit_scorecards";
const std::string kCardListColumns = kCardFields + "'' AS artifact FROM credit_scorecards";

StoredScorecard readCard(const soci::row& r) {
  StoredScorecard c;
  db::Row(r).into(c.id, c.version, c.title, c.method, c.checksum, c.status, c.createdAt, c.createdBy, c.activatedAt,
                  c.activatedBy, c.artifact);
  return c;
}

EnterpriseRef refOf(const registry::EnterpriseName& n) {
  EnterpriseRef e{n.id, n.uscc, n.name, n.regionCode, std::nullopt};
  if (n.establishedOn) e.establishedOn = Date::parse(*n.establishedOn);
  return e;
}

constexpr const char* kScoreColumns =
    "SELECT s.id, s.enterprise_id, s.scorecard_id, c.version, s.run_id, s.as_of, s.score, s.grade, s.inputs, "
    "s.inputs_hash, s.points, s.computed_at FROM credit_scores s JOIN credit_scorecards c ON c.id = s.scorecard_id";

StoredScore readScore(const soci::row& r) {
  StoredScore s;
  db::Row(r).into(s.id, s.enterpriseId, s.scorecardId, s.scorecardVersion, s.runId, s.asOf, s.score, s.grade, s.inputs,
                  s.inputsHash, s.points, s.computedAt);
  return s;
}

constexpr const char* kRunColumns =
    "SELECT r.id, r.scorecard_id, c.version, r.as_of, r.status, r.started_at, r.finished_at, r.last_enterprise_id, "
    "r.enterprises, COALESCE(r.grade_counts, '') AS grade_counts FROM credit_runs r JOIN credit_scorecards c ON c.id = r.scorecard_id";

Run readRun(const soci::row& r) {
  Run run;
  db::Row(r).into(run.id, run.scorecardId, run.scorecardVersion, run.asOf, run.status, run.startedAt, run.finishedAt,
                  run.lastEnterpriseId, run.enterprises, run.gradeCounts);
  return run;
}

// Restricts a query on enterprises `e` to the caller's data scope.
void scoped(db::Query& q, const auth::DataScope& scope) {
  using K = auth::DataScope::Kind;
  if (scope.kind == K::All) return;
  if (scope.kind == K::Region) {
    q << " AND e.region_code LIKE ";
    q.param(scope.regionPrefix + "%");
  } else if (scope.kind == K::Enterprise) {
    q << " AND e.uscc = ";
    q.param(scope.uscc);
  } else {
    q << " AND 1 = 0";
  }
}

}  // namespace

std::string encodeInputs(const FeatureVector& v) {
  std::string out;
  out.reserve(96);
  const auto& infos = featureInfos();
  for (size_t i = 0; i < kFeatureCount; ++i) {
    if (i) out += ',';
    if (known(v[i])) out += fmt::format("{:.{}f}", v[i], infos[i].decimals);
  }
  return out;
}

std::optional<FeatureVector> decodeInputs(const std::string& text) {
  FeatureVector v;
  size_t i = 0, start = 0;
  while (true) {
    auto end = text.find(',', start);
    auto part = std::string_view(text).substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (i >= kFeatureCount) return std::nullopt;
    if (part.empty()) {
      v[i] = kUnknown;
    } else {
      double d = 0;
      auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), d);
      if (ec != std::errc() || p != part.data() + part.size()) return std::nullopt;
      v[i] = d;
    }
    ++i;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (i != kFeatureCount) return std::nullopt;
  return v;
}

std::vector<StoredScorecard> CreditStore::scorecards() {
  db::Query q(kCardListColumns + " ORDER BY id DESC");
  return db::all(db_, q, readCard);
}

std::optional<StoredScorecard> CreditStore::scorecard(int64_t id) {
  db::Query q(kCardColumns + " WHERE id = ");
  q.param(id);
  return db::first(db_, q, readCard);
}

std::optional<StoredScorecard> CreditStore::scorecardByVersion(const std::string& version) {
  db::Query q(kCardColumns + " WHERE version = ");
  q.param(version);
  return db::first(db_, q, readCard);
}

std::optional<StoredScorecard> CreditStore::activeScorecard() {
  // Asked on every score: without the artifact text, which the parsed-card cache already holds.
  auto conn = db_.lease();
  db::Query q(kCardListColumns + " WHERE status = 'active'");
  for (const auto& r : q.rows(*conn)) return readCard(r);
  return std::nullopt;
}

bool CreditStore::anyScorecard() {
  auto conn = db_.lease();
  long long n = 0;
  *conn << "SELECT COUNT(*) FROM credit_scorecards", soci::into(n);
  return n > 0;
}

int64_t CreditStore::insertScorecard(soci::session& tx, const StoredScorecard& c) {
  long long existing = 0;
  tx << "SELECT COUNT(*) FROM credit_scorecards WHERE version = :v", soci::use(c.version), soci::into(existing);
  if (existing)
    throw ApiError::conflict("scorecard_version_exists",
                             {"评分卡版本“" + c.version + "”已存在；请为新的评分卡使用新的版本号。",
                              "Scorecard version \"" + c.version + "\" already exists; give the new one its own version."});
  long long id = 0;
  tx << "INSERT INTO credit_scorecards (version, title, method, artifact, checksum, status, created_at, created_by) "
        "VALUES (:v, :t, :m, :a, :c, :s, :at, :by) RETURNING id",
      soci::use(c.version), soci::use(c.title), soci::use(c.method), soci::use(c.artifact), soci::use(c.checksum),
      soci::use(c.status), soci::use(c.createdAt), soci::use(c.createdBy), soci::into(id);
  return id;
}

bool CreditStore::activate(soci::session& tx, int64_t id, const std::string& from, const std::string& actor,
                           const std::string& now) {
  long long lid = id;
  // Retire the active one first (one active version at most, by a unique index); the target
  // moves only from the state it was loaded in, else nothing moves and the caller rolls back.
  tx << "UPDATE credit_scorecards SET status = 'retired' WHERE status = 'active' AND id <> :id", soci::use(lid);
  soci::statement st = (tx.prepare << "UPDATE credit_scorecards SET status = 'active', activated_at = :at, "
                                      "activated_by = :by WHERE id = :id AND status = :f",
                        soci::use(now), soci::use(actor), soci::use(lid), soci::use(from));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::optional<int64_t> CreditStore::scorecardIdByVersion(soci::session& tx, const std::string& version) {
  long long id = 0;
  tx << "SELECT id FROM credit_scorecards WHERE version = :v", soci::use(version), soci::into(id);
  if (!tx.got_data()) return std::nullopt;
  return id;
}

bool CreditStore::anyActive(soci::session& tx) {
  long long n = 0;
  tx << "SELECT COUNT(*) FROM credit_scorecards WHERE status = 'active'", soci::into(n);
  return n > 0;
}

// The registry's directory answers; credit does not read the registry's tables itself.
std::optional<EnterpriseRef> CreditStore::enterprise(int64_t id) {
  auto conn = db_.lease();
  if (auto n = registry::Directory::enterprise(*conn, id)) return refOf(*n);
  return std::nullopt;
}

std::optional<EnterpriseRef> CreditStore::enterpriseByUscc(const std::string& uscc) {
  auto conn = db_.lease();
  if (auto n = registry::Directory::enterpriseByUscc(*conn, uscc)) return refOf(*n);
  return std::nullopt;
}

PlatformLoans CreditStore::platformLoans() {
  PlatformLoans out;
  db::Query q(
      "SELECT a.id, a.enterprise_id, COALESCE(a.decided_on, a.created_on), a.state, "
      "(SELECT COUNT(*) FROM application_events e WHERE e.application_id = a.id AND e.to_state = ");
  q.param(std::string("overdue"));
  q << ") FROM applications a WHERE a.state IN (";
  q.param(std::string("settled"));
  q << ", ";
  q.param(std::string("overdue"));
  q << ") ORDER BY a.id";
  out.loans = db::all(db_, q, [](const soci::row& r) {
    PlatformLoan l;
    int64_t overdueEvents = 0;
    db::Row(r).into(l.applicationId, l.enterpriseId, l.decidedOn, l.state, overdueEvents);
    l.everOverdue = overdueEvents > 0;
    return l;
  });
  db::Query running("SELECT COUNT(*) FROM applications WHERE state = ");
  running.param(std::string("disbursed"));
  out.running = db::first(db_, running, [](const soci::row& r) {
    int64_t n = 0;
    db::Row(r).into(n);
    return n;
  }).value_or(0);
  return out;
}

// Collected facts come through collect's reader; credit does not read collect's tables itself.
std::vector<FactInput> CreditStore::factsAsOf(int64_t enterpriseId, const std::string& cutoff) {
  auto conn = db_.lease();
  std::vector<FactInput> out;
  for (auto& f : collect::FactsReader::asOf(*conn, enterpriseId, cutoff))
    out.push_back({std::move(f.category), std::move(f.factDate), std::move(f.valuesJson)});
  return out;
}

Coverage CreditStore::coverageAsOf(const std::string& cutoff) {
  auto conn = db_.lease();
  Coverage c;
  for (const auto& cat : collect::FactsReader::categoriesReceived(*conn, cutoff)) {
    if (cat == "penalty") c.penalty = true;
    else if (cat == "judicial") c.judicial = true;
    else if (cat == "abnormal_list") c.abnormalList = true;
    else if (cat == "licence") c.licence = true;
    else if (cat == "ip") c.ip = true;
    else if (cat == "honour") c.honour = true;
  }
  return c;
}

std::optional<StoredScore> CreditStore::latestScore(int64_t enterpriseId) {
  db::Query q(std::string(kScoreColumns) + " WHERE s.enterprise_id = ");
  q.param(enterpriseId);
  q << " ORDER BY s.id DESC LIMIT 1";
  return db::first(db_, q, readScore);
}

std::optional<StoredScore> CreditStore::latestScoreLocked(soci::session& tx, int64_t enterpriseId) {
  // One scorer of an enterprise at a time, so that two never take the same latest score as their base.
  db::lockRow(tx, db_.dialect(), "enterprises", enterpriseId);
  db::Query q(std::string(kScoreColumns) + " WHERE s.enterprise_id = ");
  q.param(enterpriseId);
  q << " ORDER BY s.id DESC LIMIT 1";
  for (const auto& r : q.rows(tx)) return readScore(r);
  return std::nullopt;
}

std::optional<StoredScore> CreditStore::score(int64_t id) {
  db::Query q(std::string(kScoreColumns) + " WHERE s.id = ");
  q.param(id);
  return db::first(db_, q, readScore);
}

std::vector<StoredScore> CreditStore::history(int64_t enterpriseId, int limit) {
  db::Query q(std::string(kScoreColumns) + " WHERE s.enterprise_id = ");
  q.param(enterpriseId);
  q << " ORDER BY s.id DESC LIMIT ";
  q.param(limit);
  return db::all(db_, q, readScore);
}

int64_t CreditStore::insertScore(soci::session& tx, const StoredScore& s) {
  long long id = 0, enterprise = s.enterpriseId, card = s.scorecardId, run = s.runId.value_or(0), score = s.score;
  soci::indicator runInd = s.runId ? soci::i_ok : soci::i_null;
  tx << "INSERT INTO credit_scores (enterprise_id, scorecard_id, run_id, as_of, score, grade, inputs, inputs_hash, "
        "points, computed_at) VALUES (:e, :c, :r, :a, :s, :g, :i, :h, :p, :t) RETURNING id",
      soci::use(enterprise), soci::use(card), soci::use(run, runInd), soci::use(s.asOf), soci::use(score),
      soci::use(s.grade), soci::use(s.inputs), soci::use(s.inputsHash), soci::use(s.points), soci::use(s.computedAt),
      soci::into(id);
  return id;
}

std::optional<Run> CreditStore::unfinishedRun() {
  db::Query q(std::string(kRunColumns) + " WHERE r.status = 'running' ORDER BY r.id DESC LIMIT 1");
  return db::first(db_, q, readRun);
}

std::optional<Run> CreditStore::run(int64_t id) {
  db::Query q(std::string(kRunColumns) + " WHERE r.id = ");
  q.param(id);
  return db::first(db_, q, readRun);
}

std::vector<Run> CreditStore::runs(int limit) {
  db::Query q(std::string(kRunColumns) + " ORDER BY r.id DESC LIMIT ");
  q.param(limit);
  return db::all(db_, q, readRun);
}

std::optional<Run> CreditStore::latestCompletedRun(const Run* before) {
  db::Query q(std::string(kRunColumns) + " WHERE r.status = 'completed'");
  if (before) {
    q << " AND (r.as_of < ";
    q.param(before->asOf);
    q << " OR (r.as_of = ";
    q.param(before->asOf);
    q << " AND r.id < ";
    q.param(before->id);
    q << "))";
  }
  q << " ORDER BY r.as_of DESC, r.id DESC LIMIT 1";
  return db::first(db_, q, readRun);
}

int64_t CreditStore::createRun(soci::session& tx, const Run& run) {
  long long id = 0, card = run.scorecardId;
  tx << "INSERT INTO credit_runs (scorecard_id, as_of, status, started_at) VALUES (:c, :a, 'running', :s) "
        "RETURNING id",
      soci::use(card), soci::use(run.asOf), soci::use(run.startedAt), soci::into(id);
  return static_cast<int64_t>(id);
}

int64_t CreditStore::countEnterprises(const std::string& asOfDate) {
  auto conn = db_.lease();
  return registry::Directory::countFoundedBy(*conn, asOfDate);
}

std::vector<EnterpriseRef> CreditStore::enterprisesAfter(int64_t after, int limit, const std::string& asOfDate) {
  auto conn = db_.lease();
  std::vector<EnterpriseRef> out;
  for (const auto& n : registry::Directory::foundedByAfter(*conn, after, limit, asOfDate)) out.push_back(refOf(n));
  return out;
}

void CreditStore::factsForRange(
    int64_t firstId, int64_t lastId, const std::string& cutoff,
    const std::function<void(int64_t, std::string_view, std::string_view, std::string_view)>& onFact) {
  auto conn = db_.lease();
  collect::FactsReader::forRange(*conn, firstId, lastId, cutoff, onFact);
}

bool CreditStore::commitChunk(soci::session& tx, int64_t runId, const std::vector<StoredScore>& scores,
                              int64_t lastEnterpriseId) {
  long long enterprise = 0, card = 0, run = runId, score = 0;
  std::string asOf, grade, inputs, hash, points, computedAt;
  soci::statement st =
      (tx.prepare << "INSERT INTO credit_scores (enterprise_id, scorecard_id, run_id, as_of, score, grade, inputs, "
                     "inputs_hash, points, computed_at) VALUES (:e, :c, :r, :a, :s, :g, :i, :h, :p, :t)",
       soci::use(enterprise), soci::use(card), soci::use(run), soci::use(asOf), soci::use(score), soci::use(grade),
       soci::use(inputs), soci::use(hash), soci::use(points), soci::use(computedAt));
  for (const auto& s : scores) {
    enterprise = s.enterpriseId;
    card = s.scorecardId;
    score = s.score;
    asOf = s.asOf;
    grade = s.grade;
    inputs = s.inputs;
    hash = s.inputsHash;
    points = s.points;
    computedAt = s.computedAt;
    st.execute(true);
  }
  long long last = lastEnterpriseId, n = static_cast<long long>(scores.size());
  long long first = scores.empty() ? lastEnterpriseId : scores.front().enterpriseId;
  // Only a running run moves, and only from where this chunk started (optimistic: a second
  // process resuming the same run finds the progress moved and rolls its chunk back).
  soci::statement up = (tx.prepare << "UPDATE credit_runs SET last_enterprise_id = :l, enterprises = enterprises + :n "
                                      "WHERE id = :r AND status = 'running' AND last_enterprise_id < :first",
                        soci::use(last), soci::use(n), soci::use(run), soci::use(first));
  up.execute(true);
  return up.get_affected_rows() > 0;
}

std::string CreditStore::regionGradeCounts(int64_t runId) {
  // Counts per region and grade, kept with the run so that the list of runs shows each caller
  // the figures of its own region without counting a million scores again.
  std::map<std::string, std::map<std::string, int64_t>> counts;
  {
    auto conn = db_.lease();
    db::Query q("SELECT e.region_code, s.grade, COUNT(*) AS n FROM credit_scores s JOIN enterprises e "
                "ON e.id = s.enterprise_id WHERE s.run_id = ");
    q.param(runId);
    q << " GROUP BY e.region_code, s.grade";
    for (const auto& r : q.rows(*conn)) {
      db::Row row(r);
      counts[row.str("region_code")][row.str("grade")] = row.i64("n");
    }
  }
  std::string text = "{";
  for (const auto& [region, grades] : counts) {
    text += fmt::format("{}\"{}\":{{", text.size() > 1 ? "," : "", region);
    bool first = true;
    for (const auto& [grade, n] : grades) {
      text += fmt::format("{}\"{}\":{}", first ? "" : ",", grade, n);
      first = false;
    }
    text += "}";
  }
  text += "}";
  return text;
}

bool CreditStore::completeRun(soci::session& tx, int64_t runId, const std::string& now, const std::string& gradeCounts) {
  long long run = runId;
  soci::statement st = (tx.prepare << "UPDATE credit_runs SET status = 'completed', finished_at = :t, grade_counts = :g "
                                      "WHERE id = :r AND status = 'running'",
                        soci::use(now), soci::use(gradeCounts), soci::use(run));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<GradeCount> CreditStore::gradeCounts(int64_t runId, const auth::DataScope& scope) {
  auto conn = db_.lease();
  std::vector<GradeCount> out;
  db::Query q("SELECT s.grade, COUNT(*) AS n FROM credit_scores s JOIN enterprises e ON e.id = s.enterprise_id "
              "WHERE s.run_id = ");
  q.param(runId);
  scoped(q, scope);
  q << " GROUP BY s.grade";
  for (const auto& r : q.rows(*conn)) {
    db::Row row(r);
    out.push_back({row.str("grade"), row.i64("n")});
  }
  return out;
}

std::vector<int> CreditStore::runScores(int64_t runId, const auth::DataScope& scope) {
  auto conn = db_.lease();
  std::vector<int> out;
  db::Query q("SELECT s.score FROM credit_scores s JOIN enterprises e ON e.id = s.enterprise_id WHERE s.run_id = ");
  q.param(runId);
  scoped(q, scope);
  for (const auto& r : q.rows(*conn)) out.push_back(static_cast<int>(db::Row(r).i64("score")));
  return out;
}

std::vector<std::string> CreditStore::runInputs(int64_t runId, int limit) {
  auto conn = db_.lease();
  std::vector<std::string> out;
  db::Query q("SELECT inputs FROM credit_scores WHERE run_id = ");
  q.param(runId);
  q << " ORDER BY enterprise_id LIMIT ";
  q.param(limit);
  for (const auto& r : q.rows(*conn)) out.push_back(db::Row(r).str("inputs"));
  return out;
}

}  // namespace jinfu::credit
