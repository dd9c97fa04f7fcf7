#pragma once
// Scoring as the routes and the command line use it: the active scorecard (the shipped expert
// card until an admin activates another), one enterprise scored now or as of a recorded moment,
// a stored score recomputed and checked, and the streamed, resumable run over all enterprises.
// No SQL here (CreditStore), no HTTP (credit_routes).
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "credit/credit_store.hpp"
#include "credit/outcomes.hpp"
#include "credit/scorecard.hpp"

namespace jinfu {
class Clock;
}

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

  // Scores the enterprise now with the active scorecard, and records the score unless the last
  // recorded one has the same scorecard and inputs.
  Profile scoreNow(const EnterpriseRef& enterprise);
  // Computes without recording: as of `cutoff` with `card`.
  Profile compute(const EnterpriseRef& enterprise, const StoredScorecard& card, const std::string& cutoff);

  // Recomputes a stored score from its recorded scorecard and moment. nullopt for an unknown id.
  std::optional<Verification> verify(int64_t scoreId);

  // Checks an artifact and registers it as a candidate; throws ApiError for a bad file or a
  // version that exists.
  StoredScorecard registerArtifact(std::string_view text, const std::string& actor);

  // Fits a scorecard on labelled outcomes — loans whose features are computed as of their
  // observation date (facts received later do not count), or samples that carry their features —
  // measured beside the active card on the same validation sample, and registered as a candidate
  // unless `registerAs` is empty. Throws ApiError when the file or the sample cannot support it.
  Training train(const OutcomeFile& file, TrainOptions options, const std::string& registerAs);

  // Makes `id` the active scorecard (the previous one is retired) and runs `alsoInTransaction` in
  // the same transaction, for the caller's audit entry. false when it already was active.
  bool activate(int64_t id, const std::string& actor, const std::function<void(soci::session&)>& alsoInTransaction);

  // Scores every enterprise established by the as-of date, `chunk` at a time, each chunk committed
  // with the run's progress. An unfinished run is resumed (with its own scorecard and moment)
  // instead of starting a new one. Progress lines go to `progress` when given.
  RunOutcome runAll(std::optional<Date> asOf, int chunk, std::ostream* progress);

 private:
  db::Database& db_;
  const Clock& clock_;
  CreditStore store_;
  std::mutex mutex_;
  std::map<int64_t, std::shared_ptr<const Scorecard>> cache_;
};

// The shipped default expert scorecard (data/credit/scorecard-expert.json).
std::string_view defaultArtifact();

}  // namespace jinfu::credit
