#include "credit/credit_service.hpp"

#include <algorithm>
#include <chrono>
#include <ostream>

#include <fmt/format.h>
#include <soci/soci.h>

#include "platform/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/embedded.hpp"
#include "platform/errors.hpp"

namespace jinfu::credit {
namespace {

std::string pointsJson(const ScoreResult& r) {
  std::string out = "[";
  for (size_t i = 0; i < r.points.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(r.points[i]);
  }
  return out + "]";
}

StoredScore toStored(const Profile& p, std::optional<int64_t> runId, const std::string& now) {
  StoredScore s;
  s.enterpriseId = p.enterprise.id;
  s.scorecardId = p.card.id;
  s.scorecardVersion = p.card.version;
  s.runId = runId;
  s.asOf = p.asOf;
  s.score = p.result.score;
  s.grade = p.result.grade->grade;
  s.inputs = encodeInputs(p.features);
  s.inputsHash = p.inputsHash;
  s.points = pointsJson(p.result);
  s.computedAt = now;
  return s;
}

}  // namespace

std::string endOfDay(const Date& d) { return d.toString() + "T23:59:59.999+08:00"; }

std::string_view defaultArtifact() {
  auto file = embedded::find("data/credit/scorecard-expert.json");
  if (!file) throw std::logic_error("the default scorecard is not embedded");
  return *file;
}

CreditService::CreditService(db::Database& db, const Clock& clock) : db_(db), clock_(clock), store_(db) {}

StoredScorecard CreditService::active() {
  if (auto card = store_.activeScorecard()) return *card;
  // First use: install the shipped expert scorecard and activate it. Concurrent first uses are
  // serialised by the transaction; the loser finds the card there.
  Scorecard parsedDefault = parseScorecard(defaultArtifact());
  db_.transaction([&](soci::session& tx) {
    auto found = store_.scorecardIdByVersion(tx, parsedDefault.version);
    int64_t id = found.value_or(0);
    if (!found) {
      StoredScorecard c;
      c.version = parsedDefault.version;
      c.title = parsedDefault.title;
      c.method = parsedDefault.method;
      c.artifact = std::string(defaultArtifact());
      c.checksum = parsedDefault.checksum;
      c.status = "candidate";
      c.createdAt = rfc3339Shanghai(clock_.now());
      c.createdBy = "system";
      id = store_.insertScorecard(tx, c);
    }
    if (!store_.anyActive(tx)) store_.activate(tx, id, "system", rfc3339Shanghai(clock_.now()));
  });
  auto card = store_.activeScorecard();
  if (!card) throw std::logic_error("no active scorecard after installing the default");
  return *card;
}

std::shared_ptr<const Scorecard> CreditService::parsed(const StoredScorecard& card) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(card.id); it != cache_.end()) return it->second;
  }
  std::string artifact = card.artifact;
  if (artifact.empty()) {
    auto full = store_.scorecard(card.id);
    if (!full) throw ApiError::notFound({"没有这个评分卡版本。", "No such scorecard version."});
    artifact = full->artifact;
  }
  auto result = std::make_shared<const Scorecard>(parseScorecard(artifact));
  std::lock_guard lock(mutex_);
  cache_.emplace(card.id, result);
  return result;
}

Profile CreditService::compute(const EnterpriseRef& enterprise, const StoredScorecard& card,
                               const std::string& cutoff) {
  Profile p;
  p.enterprise = enterprise;
  p.card = card;
  p.card.artifact.clear();
  p.scorecard = parsed(card);
  p.asOf = cutoff;
  auto date = Date::parse(cutoff.substr(0, 10));
  if (!date) throw std::logic_error("bad cut-off " + cutoff);
  p.asOfDate = *date;
  p.features = computeFeatures(store_.factsAsOf(enterprise.id, cutoff), store_.coverageAsOf(cutoff),
                               enterprise.establishedOn, p.asOfDate);
  score(*p.scorecard, p.features, p.result);
  p.inputsHash = inputsHash(p.asOfDate, p.features);
  return p;
}

Profile CreditService::scoreNow(const EnterpriseRef& enterprise) {
  StoredScorecard card = active();
  std::string now = rfc3339Shanghai(clock_.now());
  Profile p = compute(enterprise, card, now);
  auto unchanged = [&](const std::optional<StoredScore>& last) {
    return last && last->scorecardId == card.id && last->inputsHash == p.inputsHash && last->score == p.result.score;
  };
  if (auto last = store_.latestScore(enterprise.id); unchanged(last)) {
    p.scoreId = last->id;
    return p;
  }
  // Several first reads after a change arrive together: checked again under the enterprise's lock,
  // so that one of them records the score and the others return it.
  p.scoreId = db_.transaction([&](soci::session& tx) {
    auto last = store_.latestScoreLocked(tx, enterprise.id);
    return unchanged(last) ? last->id : store_.insertScore(tx, toStored(p, std::nullopt, now));
  });
  return p;
}

std::optional<Verification> CreditService::verify(int64_t scoreId) {
  auto stored = store_.score(scoreId);
  if (!stored) return std::nullopt;
  auto card = store_.scorecard(stored->scorecardId);
  auto enterprise = store_.enterprise(stored->enterpriseId);
  if (!card || !enterprise) return std::nullopt;
  Profile again = compute(*enterprise, *card, stored->asOf);
  Verification v;
  v.stored = *stored;
  v.recomputedScore = again.result.score;
  v.recomputedGrade = again.result.grade->grade;
  v.recomputedInputsHash = again.inputsHash;
  // Reproduced: the facts as of the recorded moment give the recorded inputs, and the recorded
  // scorecard turns the recorded inputs into the recorded score.
  auto decoded = decodeInputs(stored->inputs);
  bool inputsAgree = decoded && inputsHash(again.asOfDate, *decoded) == stored->inputsHash &&
                     again.inputsHash == stored->inputsHash;
  v.reproduced = inputsAgree && again.result.score == stored->score && again.result.grade->grade == stored->grade;
  return v;
}

StoredScorecard CreditService::registerArtifact(std::string_view text, const std::string& actor) {
  Scorecard card = parseScorecard(text);
  StoredScorecard c;
  c.version = card.version;
  c.title = card.title;
  c.method = card.method;
  c.artifact = std::string(text);
  c.checksum = card.checksum;
  c.status = "candidate";
  c.createdAt = rfc3339Shanghai(clock_.now());
  c.createdBy = actor;
  active();  // the default exists before anything else is registered, so it stays the baseline
  c.id = db_.transaction([&](soci::session& tx) { return store_.insertScorecard(tx, c); });
  c.artifact.clear();
  return c;
}

Training CreditService::train(const OutcomeFile& file, TrainOptions options, const std::string& registerAs) {
  if (!registerAs.empty() && store_.scorecardByVersion(options.version))
    throw ApiError::conflict("scorecard_version_exists",
                             {"评分卡版本“" + options.version + "”已存在；请为新的评分卡使用新的版本号。",
                              "Scorecard version \"" + options.version + "\" already exists."});
  Training t;
  t.problems = file.problems;
  std::vector<Sample> samples = file.samples;
  StoredScorecard card = active();
  auto baseline = parsed(card);
  if (!file.rows.empty()) {
    for (const auto& row : file.rows) {
      auto e = store_.enterpriseByUscc(row.uscc);
      if (!e) {
        if (t.problems.size() < 20) t.problems.push_back(fmt::format("第 {} 行：平台上没有企业 {}", row.line, row.uscc));
        continue;
      }
      // What a bank would have seen that day.
      samples.push_back({compute(*e, card, endOfDay(row.observedOn)).features, row.bad});
    }
  }
  Scorecard expert = parseScorecard(defaultArtifact());
  options.reasonsFrom = &expert;
  options.baseline = baseline.get();
  options.baselineVersion = card.version;
  t.samples = samples.size();
  t.result = jinfu::credit::train(samples, options);
  if (!registerAs.empty()) t.registered = registerArtifact(t.result.artifact, registerAs);
  return t;
}

bool CreditService::activate(int64_t id, const std::string& actor,
                             const std::function<void(soci::session&)>& alsoInTransaction) {
  return db_.transaction([&](soci::session& tx) {
    bool changed = store_.activate(tx, id, actor, rfc3339Shanghai(clock_.now()));
    if (changed) alsoInTransaction(tx);
    return changed;
  });
}

RunOutcome CreditService::runAll(std::optional<Date> asOf, int chunk, std::ostream* progress) {
  auto started = std::chrono::steady_clock::now();
  RunOutcome outcome;
  StoredScorecard card;
  if (auto unfinished = store_.unfinishedRun()) {
    outcome.run = *unfinished;
    outcome.resumed = true;
    auto stored = store_.scorecard(unfinished->scorecardId);
    if (!stored) throw std::logic_error("run without its scorecard");
    card = *stored;
  } else {
    card = active();
    Run run;
    run.scorecardId = card.id;
    run.scorecardVersion = card.version;
    run.asOf = asOf ? endOfDay(*asOf) : rfc3339Shanghai(clock_.now());
    run.status = "running";
    run.startedAt = rfc3339Shanghai(clock_.now());
    run.id = store_.createRun(run);
    outcome.run = run;
  }
  auto scorecard = parsed(card);
  const std::string cutoff = outcome.run.asOf;
  const Date asOfDate = *Date::parse(cutoff.substr(0, 10));
  const std::string asOfText = asOfDate.toString();
  const Coverage coverage = store_.coverageAsOf(cutoff);
  const int64_t total = store_.countEnterprises(asOfText);
  int64_t done = outcome.run.enterprises;
  int64_t last = outcome.run.lastEnterpriseId;
  if (progress && outcome.resumed)
    *progress << fmt::format("继续第 {} 次评分运行（评分卡 {}，截至 {}），已完成 {} 家\n", outcome.run.id,
                             card.version, cutoff, done);
  else if (progress)
    *progress << fmt::format("第 {} 次评分运行：评分卡 {}，截至 {}，共 {} 家企业\n", outcome.run.id, card.version,
                             cutoff, total);

  std::vector<FeatureBuilder> builders;
  std::vector<StoredScore> scores;
  ScoreResult result;
  while (true) {
    auto enterprises = store_.enterprisesAfter(last, chunk, asOfText);
    if (enterprises.empty()) break;
    builders.assign(enterprises.size(), FeatureBuilder(coverage, asOfDate));
    for (size_t i = 0; i < enterprises.size(); ++i) builders[i].reset(enterprises[i].establishedOn);
    store_.factsForRange(enterprises.front().id, enterprises.back().id, cutoff,
                         [&](int64_t id, std::string_view category, std::string_view date, std::string_view vals) {
                           auto it = std::lower_bound(enterprises.begin(), enterprises.end(), id,
                                                      [](const EnterpriseRef& e, int64_t v) { return e.id < v; });
                           if (it != enterprises.end() && it->id == id)
                             builders[static_cast<size_t>(it - enterprises.begin())].add(category, date, vals);
                         });
    std::string now = rfc3339Shanghai(clock_.now());
    scores.clear();
    for (size_t i = 0; i < enterprises.size(); ++i) {
      FeatureVector features = builders[i].finish();
      score(*scorecard, features, result);
      StoredScore s;
      s.enterpriseId = enterprises[i].id;
      s.scorecardId = card.id;
      s.asOf = cutoff;
      s.score = result.score;
      s.grade = result.grade->grade;
      s.inputs = encodeInputs(features);
      s.inputsHash = inputsHash(asOfDate, features);
      s.points = pointsJson(result);
      s.computedAt = now;
      scores.push_back(std::move(s));
    }
    last = enterprises.back().id;
    store_.commitChunk(outcome.run.id, scores, last);
    done += static_cast<int64_t>(enterprises.size());
    outcome.scoredNow += static_cast<int64_t>(enterprises.size());
    if (progress) *progress << fmt::format("已评分 {} / {}\n", done, std::max(done, total)) << std::flush;
  }
  store_.completeRun(outcome.run.id, rfc3339Shanghai(clock_.now()));
  outcome.run = *store_.run(outcome.run.id);
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return outcome;
}

}  // namespace jinfu::credit
