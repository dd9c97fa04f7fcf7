#pragma once
// The use cases of 信用画像, as the routes and the command line use them: the active scorecard
// (the shipped expert card until an admin activates another), scorecard versions registered,
// trained, compared and activated, one enterprise scored now or as of a recorded moment (a third
// party's read audited with the score it records), a stored score recomputed and checked, grade
// distributions and drift within the caller's scope, and the streamed, resumable run over all
// enterprises. Every write goes through the command runner (platform/command): the change, its
// audit entry and any notice commit in one transaction; a run commits chunk by chunk, each chunk
// one runner.write. No SQL here (CreditStore), no HTTP (credit_routes), no JSON (credit_json).
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "credit/credit.hpp"
#include "credit/credit_store.hpp"
#include "credit/drift.hpp"
#include "credit/outcomes.hpp"
#include "credit/scorecard.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/command/runner.hpp"
#include "platform/notify/notifications.hpp"
#include "platform/fwd.hpp"

namespace jinfu::credit {

struct Profile {
  EnterpriseRef enterprise;
  StoredScorecard card;                       // without the artifact text
  std::shared_ptr<const Scorecard> scorecard;
  std::string asOf;                           // the cut-off moment
  Date asOfDate;
  FeatureVector features{};
  ScoreResult result;
  std::string inputsHash;
  int64_t scoreId = 0;                        // the recorded score this profile is (or equals)
};

struct Verification {
  StoredScore stored;
  int recomputedScore = 0;
  std::string recomputedGrade;
  std::string recomputedInputsHash;
  bool reproduced = false;
};

struct Training {
  TrainResult result;
  size_t samples = 0;
  std::vector<std::string> problems;  // rows left out and why
  std::optional<StoredScorecard> registered;
};

struct RunOutcome {
  Run run;
  bool resumed = false;
  int64_t scoredNow = 0;
  double seconds = 0;
};

// Who acts: the principal as the audit trail names it, and the name a scorecard records as its
// creator or activator (the user name; "cli" on the command line).
struct Acting {
  const audit::Actor& actor;
  std::string by;
};

// A version with its parsed scorecard.
struct CardView {
  StoredScorecard stored;
  std::shared_ptr<const Scorecard> card;
};

struct HistoryItem {
  StoredScore score;
  std::string gradeZh;
};

// Two versions scored on the inputs of the latest completed run.
struct Population {
  Run run;
  int64_t enterprises = 0;
  std::map<std::string, int64_t> left, right;  // grade counts
  bool comparable = false;                     // both cards have the same grades in the same order
  double psi = 0;
  int64_t upgraded = 0, downgraded = 0, unchanged = 0;
};

struct Comparison {
  CardView left, right;
  std::optional<Population> population;
};

// A run as the list shows it to one caller: its enterprises in the caller's scope once completed,
// and the drift against the completed run of the latest moment before its own.
struct RunSummary {
  Run run;
  int64_t enterprises = 0;
  std::optional<double> psiToPrevious;
};

// One grade (or one histogram bar) of a distribution: a cell held by fewer than
// kMinimumCellCount enterprises is hidden, and with it the base's (a PSI term would give it back).
struct GradeCell {
  std::string grade, zh;
  int64_t count = 0, baseCount = 0;
  double share = 0, baseShare = 0;
  bool hidden = false, baseHidden = false;
  std::optional<double> psiTerm;
};
struct HistogramCell {
  HistogramBin bin;
  bool hidden = false, baseHidden = false;
};

struct Distribution {
  Run run;
  std::optional<Run> base;
  int64_t total = 0, baseTotal = 0;
  std::vector<GradeCell> grades;
  std::vector<HistogramCell> histogram;
  std::optional<double> psi;
  std::string drift;  // driftLevel(psi), "" without one
  int64_t hiddenCells = 0;
};

// The end of Shanghai day `d` as a cut-off moment: facts received that day still count.
std::string endOfDay(const Date& d);

class CreditService {
 public:
  CreditService(db::Database& db, const Clock& clock);

  CreditStore& store() { return store_; }
  const Clock& clock() const { return clock_; }

  // The active scorecard, installing and activating the shipped default when there is none.
  StoredScorecard active();
  // The parsed scorecard of a stored version (checked against its checksum once, then cached).
  std::shared_ptr<const Scorecard> parsed(const StoredScorecard& card);

  // Versions: the active one with its artifact; all of them (without); one by id, 404 if unknown.
  CardView activeView();
  std::vector<CardView> scorecards();
  CardView scorecard(int64_t id);
  // Two versions side by side, and on the population of the latest completed run. 404 if unknown.
  Comparison compare(int64_t leftId, int64_t rightId);

  // Scores the enterprise now with the active scorecard, and records the score unless the last
  // recorded one has the same scorecard and inputs.
  Profile scoreNow(const EnterpriseRef& enterprise);
  // The same for a reader: when `audited` (a third party, not the enterprise itself), the read's
  // audit entry commits with the score it records.
  Profile readProfile(const audit::Actor& actor, const EnterpriseRef& enterprise, bool audited);
  // The enterprise's recorded scores, newest first (at most 200), the read audited likewise.
  std::vector<HistoryItem> readHistory(const audit::Actor& actor, const EnterpriseRef& enterprise, bool audited);
  // Computes without recording: as of `cutoff` with `card`.
  Profile compute(const EnterpriseRef& enterprise, const StoredScorecard& card, const std::string& cutoff);

  // Recomputes a stored score from its recorded scorecard and moment. nullopt for an unknown id.
  std::optional<Verification> verify(int64_t scoreId);

  // Checks an artifact and registers it as a candidate, audited; throws ApiError for a bad file
  // or a version that exists. `note` ends the audit entry's detail ("（训练）").
  StoredScorecard registerArtifact(const Acting& a, std::string_view text, std::string_view note = {});

  // Fits a scorecard on labelled outcomes — loans whose features are computed as of their
  // observation date (facts received later do not count), or samples that carry their features —
  // measured beside the active card on the same validation sample, and registered as a candidate
  // (audited) unless `registerAs` is null. Throws ApiError when the file or the sample cannot
  // support it.
  Training train(const OutcomeFile& file, TrainOptions options, const Acting* registerAs);
  // The same on the platform's own loans (CreditStore::platformLoans, labelled by
  // platformLoanBad), each enterprise's features as of the end of the day the bank decided.
  // Refuses (422 training_failed) naming the counts when there are fewer than 200 loans with an
  // outcome or fewer than 20 of either.
  Training trainFromPlatform(TrainOptions options, const Acting* registerAs);

  // Makes `id` the active scorecard (the previous one is retired: decide(CardStatus)), audited in
  // the same transaction. 404 for an unknown id, 409 scorecard_already_active.
  StoredScorecard activate(const Acting& a, int64_t id);

  // Scores every enterprise established by the as-of date, `chunk` at a time, each chunk committed
  // with the run's progress. An unfinished run is resumed (with its own scorecard and moment)
  // instead of starting a new one. Progress lines go to `progress` when given. The completion is
  // audited under `audited` (none for the demo loader).
  RunOutcome runAll(const audit::Actor* audited, std::optional<Date> asOf, int chunk, std::ostream* progress);

  // Runs (the latest 100) and a completed run's distribution, within the caller's scope. run/base
  // 0: the latest completed run and the one before it. nullopt when no run completed yet; 404 for
  // a run or base that is not a completed run.
  std::vector<RunSummary> runs(const auth::DataScope& scope);
  std::optional<Distribution> distribution(const auth::DataScope& scope, int64_t runId, int64_t baseId);

 private:
  // Records a computed profile's score (unless unchanged) and the Effects of `also`, in one write.
  void record(const audit::Actor& actor, Profile& p, const std::optional<audit::Entry>& also);

  const Clock& clock_;
  CreditStore store_;
  audit::AuditLog audit_;
  notify::NotificationStore notices_;
  command::Runner runner_;
  std::mutex mutex_;
  std::map<int64_t, std::shared_ptr<const Scorecard>> cache_;
};

// The shipped default expert scorecard (data/credit/scorecard-expert.json).
std::string_view defaultArtifact();

}  // namespace jinfu::credit
