#pragma once
// The one place the credit capability speaks SQL: scorecard versions, the facts of an enterprise
// as they stood at a moment, scoring runs and recorded scores. Values are always bound. An
// enterprise's name and founding date come from the registry's directory.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "credit/features.hpp"
#include "platform/auth/principal.hpp"
#include "platform/fwd.hpp"

namespace jinfu::credit {

struct StoredScorecard {
  int64_t id = 0;
  std::string version, title, method, checksum, status, createdAt, createdBy;
  std::optional<std::string> activatedAt, activatedBy;
  std::string artifact;  // empty in lists
};

struct EnterpriseRef {
  int64_t id = 0;
  std::string uscc, name, regionCode;
  std::optional<Date> establishedOn;
};

struct StoredScore {
  int64_t id = 0;
  int64_t enterpriseId = 0;
  int64_t scorecardId = 0;
  std::string scorecardVersion;
  std::optional<int64_t> runId;
  std::string asOf;  // the cut-off moment, RFC 3339
  int score = 0;
  std::string grade;
  std::string inputs;      // compact feature values (see encodeInputs)
  std::string inputsHash;
  std::string points;      // JSON array
  std::string computedAt;
};

struct Run {
  int64_t id = 0;
  int64_t scorecardId = 0;
  std::string scorecardVersion;
  std::string asOf, status, startedAt;
  std::optional<std::string> finishedAt;
  int64_t lastEnterpriseId = 0;
  int64_t enterprises = 0;
  std::string gradeCounts;  // once completed, JSON {region code: {grade: count}}; else ""
};

struct GradeCount {
  std::string grade;
  int64_t count = 0;
};

// A loan of the platform's own, as 融资对接 recorded it: a financing application that reached
// 已结清 settled or 逾期 overdue (both only after 已放款 disbursed), with the day the bank decided
// on it (decided_on; created_on for a row that lacks it) and whether an overdue report was ever
// recorded for it (a loan overdue and then settled).
struct PlatformLoan {
  int64_t applicationId = 0;
  int64_t enterpriseId = 0;
  std::string decidedOn;  // YYYY-MM-DD
  std::string state;      // "settled" | "overdue"
  bool everOverdue = false;
};

struct PlatformLoans {
  std::vector<PlatformLoan> loans;
  int64_t running = 0;  // disbursed, neither settled nor overdue yet: no outcome
};

// Feature values in feature order, "" for unknown, joined by commas: what a score stores as its
// inputs (the canonical text and hash are derived from it and the as-of date).
std::string encodeInputs(const FeatureVector& v);
std::optional<FeatureVector> decodeInputs(const std::string& text);

class CreditStore {
 public:
  explicit CreditStore(db::Database& db) : db_(db) {}

  // Scorecards. insertScorecard throws 409 scorecard_version_exists for a known version.
  std::vector<StoredScorecard> scorecards();
  std::optional<StoredScorecard> scorecard(int64_t id);
  std::optional<StoredScorecard> scorecardByVersion(const std::string& version);
  std::optional<StoredScorecard> activeScorecard();  // without the artifact text
  int64_t insertScorecard(soci::session& tx, const StoredScorecard& card);
  std::optional<int64_t> scorecardIdByVersion(soci::session& tx, const std::string& version);
  bool anyActive(soci::session& tx);
  // Makes `id` the active one and retires the previous; false (the caller rolls back) when `id`
  // is no longer in the state `from` it was loaded in.
  bool activate(soci::session& tx, int64_t id, const std::string& from, const std::string& actor,
                const std::string& now);
  bool anyScorecard();

  std::optional<EnterpriseRef> enterprise(int64_t id);
  std::optional<EnterpriseRef> enterpriseByUscc(const std::string& uscc);

  // The enterprise's facts as they stood at `cutoff` (facts received later are not seen; a value
  // replaced after the cutoff is read from the history).
  std::vector<FactInput> factsAsOf(int64_t enterpriseId, const std::string& cutoff);
  Coverage coverageAsOf(const std::string& cutoff);

  // The platform's own loans with an outcome, in application order. Reads 融资对接's applications
  // and their events (finance depends on credit, so credit cannot ask finance's store).
  PlatformLoans platformLoans();

  // Recorded scores.
  std::optional<StoredScore> latestScore(int64_t enterpriseId);
  // The same inside a write transaction, holding the enterprise's row until it ends (PostgreSQL;
  // SQLite writers are serialised anyway), so that of several first reads after a change exactly
  // one records the new score and the others find it.
  std::optional<StoredScore> latestScoreLocked(soci::session& tx, int64_t enterpriseId);
  std::optional<StoredScore> score(int64_t id);
  std::vector<StoredScore> history(int64_t enterpriseId, int limit);
  int64_t insertScore(soci::session& tx, const StoredScore& s);

  // Runs.
  std::optional<Run> unfinishedRun();
  std::optional<Run> run(int64_t id);
  std::vector<Run> runs(int limit);
  // The completed run of the latest moment (as_of), or the latest one before `before`'s moment.
  std::optional<Run> latestCompletedRun(const Run* before = nullptr);
  int64_t createRun(soci::session& tx, const Run& run);
  int64_t countEnterprises(const std::string& asOfDate);

  // One chunk of a run: the enterprises established by the as-of date with id > after (at most
  // `limit`), and every fact of the enterprises in [firstId, lastId] as of the cutoff, streamed.
  std::vector<EnterpriseRef> enterprisesAfter(int64_t after, int limit, const std::string& asOfDate);
  void factsForRange(int64_t firstId, int64_t lastId, const std::string& cutoff,
                     const std::function<void(int64_t, std::string_view, std::string_view, std::string_view)>& onFact);
  // Stores a chunk's scores and moves the run's progress, inside the caller's transaction; false
  // (the caller rolls back) when the run is no longer running or its progress already passed
  // the chunk (another process resumed it).
  bool commitChunk(soci::session& tx, int64_t runId, const std::vector<StoredScore>& scores, int64_t lastEnterpriseId);
  // A run's counts per region and grade, as the JSON text the completed run keeps.
  std::string regionGradeCounts(int64_t runId);
  // Marks a running run completed with its counts; false when it was not running any more.
  bool completeRun(soci::session& tx, int64_t runId, const std::string& now, const std::string& gradeCounts);

  // The grade counts and scores of a run inside the caller's scope.
  std::vector<GradeCount> gradeCounts(int64_t runId, const auth::DataScope& scope);
  std::vector<int> runScores(int64_t runId, const auth::DataScope& scope);
  // Stored inputs of a run (at most `limit`), for comparing scorecards on a real population.
  std::vector<std::string> runInputs(int64_t runId, int limit);

 private:
  db::Database& db_;
};

}  // namespace jinfu::credit
