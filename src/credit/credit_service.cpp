#include "credit/credit_service.hpp"

#include <algorithm>
#include <chrono>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "platform/audit/actions.hpp"
#include "platform/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/disclosure.hpp"
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

ApiError noSuchScorecard() { return ApiError::notFound({"没有这个评分卡版本。", "No such scorecard version."}); }

std::vector<std::string> gradeOrder(const Scorecard& card) {
  std::vector<std::string> order;
  for (const auto& g : card.grades) order.push_back(g.grade);
  return order;
}

std::string gradeZh(const Scorecard& card, const std::string& grade) {
  for (const auto& g : card.grades)
    if (g.grade == grade) return g.zh;
  return {};
}

// A completed run's grade counts within the caller's data scope, from the per-region counts the
// run kept when it completed.
std::map<std::string, int64_t> countsInScope(const std::string& perRegion, const auth::DataScope& scope) {
  std::map<std::string, int64_t> out;
  nlohmann::json regions = nlohmann::json::parse(perRegion, nullptr, false);
  if (!regions.is_object()) return out;
  using K = auth::DataScope::Kind;
  for (auto& [region, grades] : regions.items()) {
    bool in = scope.kind == K::All || (scope.kind == K::Region && region.starts_with(scope.regionPrefix));
    if (!in || !grades.is_object()) continue;
    for (auto& [grade, n] : grades.items()) out[grade] += n.get<int64_t>();
  }
  return out;
}

// Runs ordered by the moment they describe, then by when they were made.
bool runBefore(const Run& a, const Run& b) { return a.asOf != b.asOf ? a.asOf < b.asOf : a.id < b.id; }

bool completed(const Run& r) { return r.status == code(RunStatus::Completed); }

constexpr int kCompareLimit = 200000;
constexpr int kHistogramWidth = 20;
constexpr int kHistoryLimit = 200;

}  // namespace

std::string endOfDay(const Date& d) { return d.toString() + "T23:59:59.999+08:00"; }

std::string_view defaultArtifact() {
  auto file = embedded::find("data/credit/scorecard-expert.json");
  if (!file) throw std::logic_error("the default scorecard is not embedded");
  return *file;
}

CreditService::CreditService(db::Database& db, const Clock& clock)
    : clock_(clock), store_(db), audit_(db, clock), notices_(db), runner_(db, audit_, notices_, clock) {}

StoredScorecard CreditService::active() {
  if (auto card = store_.activeScorecard()) return *card;
  // First use: install the shipped expert scorecard and activate it. Concurrent first uses are
  // serialised by the transaction; the loser finds the card there.
  Scorecard parsedDefault = parseScorecard(defaultArtifact());
  audit::Actor system;
  system.username = "system";
  runner_.write(system, [&](soci::session& tx, command::Effects&) {
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
    if (!store_.anyActive(tx)) {
      const std::string now = rfc3339Shanghai(clock_.now());
      if (!store_.activate(tx, id, std::string(code(CardStatus::Candidate)), "system", now))
        store_.activate(tx, id, std::string(code(CardStatus::Retired)), "system", now);
    }
    return 0;
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
  Profile p = compute(enterprise, active(), rfc3339Shanghai(clock_.now()));
  record(audit::commandLineActor(), p, std::nullopt);
  return p;
}

void CreditService::record(const audit::Actor& actor, Profile& p, const std::optional<audit::Entry>& also) {
  auto unchanged = [&](const std::optional<StoredScore>& last) {
    return last && last->scorecardId == p.card.id && last->inputsHash == p.inputsHash && last->score == p.result.score;
  };
  if (auto last = store_.latestScore(p.enterprise.id); unchanged(last)) {
    p.scoreId = last->id;
    if (!also) return;
  }
  // Several first reads after a change arrive together: checked again under the enterprise's lock,
  // so that one of them records the score and the others return it.
  p.scoreId = runner_.write(actor, [&](soci::session& tx, command::Effects& fx) {
    if (also) fx.audit(*also);
    auto last = store_.latestScoreLocked(tx, p.enterprise.id);
    if (unchanged(last)) return last->id;
    return store_.insertScore(tx, toStored(p, std::nullopt, rfc3339Shanghai(clock_.now())));
  });
}

Profile CreditService::readProfile(const audit::Actor& actor, const EnterpriseRef& enterprise, bool audited) {
  Profile p = compute(enterprise, active(), rfc3339Shanghai(clock_.now()));
  std::optional<audit::Entry> entry;
  if (audited)
    entry = audit::Entry{std::string(audit::action::kCreditProfileRead), "success", "enterprise",
                         std::to_string(enterprise.id), std::nullopt, std::nullopt, enterprise.uscc + " 信用画像"};
  record(actor, p, entry);
  return p;
}

std::vector<HistoryItem> CreditService::readHistory(const audit::Actor& actor, const EnterpriseRef& enterprise,
                                                    bool audited) {
  std::vector<HistoryItem> items;
  std::map<int64_t, std::shared_ptr<const Scorecard>> cards;
  for (auto& s : store_.history(enterprise.id, kHistoryLimit)) {
    auto& card = cards[s.scorecardId];
    if (!card) card = parsed(*store_.scorecard(s.scorecardId));
    std::string zh = gradeZh(*card, s.grade);
    items.push_back({std::move(s), std::move(zh)});
  }
  if (audited)
    runner_.write(actor, [&](soci::session&, command::Effects& fx) {
      fx.audit({std::string(audit::action::kCreditProfileRead), "success", "enterprise", std::to_string(enterprise.id),
                std::nullopt, std::nullopt, enterprise.uscc + " 评分历史"});
      return 0;
    });
  return items;
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

StoredScorecard CreditService::registerArtifact(const Acting& a, std::string_view text, std::string_view note) {
  Scorecard card = parseScorecard(text);
  StoredScorecard c;
  c.version = card.version;
  c.title = card.title;
  c.method = card.method;
  c.artifact = std::string(text);
  c.checksum = card.checksum;
  c.status = std::string(code(CardStatus::Candidate));
  c.createdAt = rfc3339Shanghai(clock_.now());
  c.createdBy = a.by;
  active();  // the default exists before anything else is registered, so it stays the baseline
  c.id = runner_.write(a.actor, [&](soci::session& tx, command::Effects& fx) {
    int64_t id = store_.insertScorecard(tx, c);
    fx.audit({std::string(audit::action::kCreditScorecardRegister), "success", "scorecard", std::to_string(id),
              std::nullopt, std::nullopt, c.version + " " + c.checksum + std::string(note)});
    return id;
  });
  c.artifact.clear();
  return c;
}

Training CreditService::train(const OutcomeFile& file, TrainOptions options, const Acting* registerAs) {
  if (registerAs && store_.scorecardByVersion(options.version))
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
  if (registerAs) t.registered = registerArtifact(*registerAs, t.result.artifact, "（训练）");
  return t;
}

Training CreditService::trainFromPlatform(TrainOptions options, const Acting* registerAs) {
  auto loans = store_.platformLoans();
  int64_t goods = 0, bads = 0;
  for (const auto& l : loans.loans)
    if (auto bad = platformLoanBad(l.state, l.everOverdue)) (*bad ? bads : goods)++;
  if (goods + bads < 200 || goods < 20 || bads < 20)
    throw ApiError(422, "training_failed", {"无法训练评分卡", "Cannot train a scorecard"},
                   {fmt::format("平台自身的贷款结果不足：已结清 {} 笔、逾期 {} 笔（另有 {} 笔已放款尚未结清）；"
                                "训练至少需要 200 笔有结果的贷款，且结清、逾期各 20 笔以上。",
                                goods, bads, loans.running),
                    fmt::format("Too few platform loans with an outcome: {} settled, {} overdue ({} disbursed and "
                                "running); need 200, and 20 of each.",
                                goods, bads, loans.running)});
  OutcomeFile file;
  StoredScorecard card = active();
  for (const auto& l : loans.loans) {
    auto bad = platformLoanBad(l.state, l.everOverdue);
    auto day = Date::parse(l.decidedOn.substr(0, 10));
    auto e = store_.enterprise(l.enterpriseId);
    if (!bad) continue;
    if (!day || !e) {
      ++file.skipped;
      if (file.problems.size() < 20)
        file.problems.push_back(fmt::format("申请 {}：{}", l.applicationId, e ? "决定日期无法读取" : "平台上没有该企业"));
      continue;
    }
    // What the bank saw the day it decided.
    file.samples.push_back({compute(*e, card, endOfDay(*day)).features, *bad});
  }
  return train(file, std::move(options), registerAs);
}

StoredScorecard CreditService::activate(const Acting& a, int64_t id) {
  struct Loaded {
    StoredScorecard target;
    CardStatus from;
    std::optional<StoredScorecard> previous;
  };
  active();
  runner_.run(
      a.actor,
      [&] {
        auto target = store_.scorecard(id);
        if (!target) throw noSuchScorecard();
        parsed(*target);  // refuse an artifact that no longer checks out
        auto from = cardStatusByCode(target->status);
        if (!from) throw std::logic_error("scorecard in an unknown state " + target->status);
        return Loaded{*target, *from, store_.activeScorecard()};
      },
      [&](const Loaded& l) { return decide(l.from, CardStatus::Active, l.target.version); },
      [&](soci::session& tx, const Loaded& l, CardStatus, command::Effects& fx) {
        // Another activation got there first: the version is no longer where it was loaded.
        if (!store_.activate(tx, id, std::string(code(l.from)), a.by, rfc3339Shanghai(clock_.now())))
          decide(CardStatus::Active, CardStatus::Active, l.target.version);
        std::optional<std::string> before;
        if (l.previous) before = nlohmann::json({{"active", l.previous->version}}).dump();
        fx.audit({std::string(audit::action::kCreditScorecardActivate), "success", "scorecard", std::to_string(id),
                  before, nlohmann::json({{"active", l.target.version}}).dump(), l.target.checksum});
        return 0;
      });
  return *store_.scorecard(id);
}

RunOutcome CreditService::runAll(const audit::Actor* audited, std::optional<Date> asOf, int chunk,
                                 std::ostream* progress) {
  const audit::Actor actor = audited ? *audited : audit::commandLineActor();
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
    run.status = std::string(code(RunStatus::Running));
    run.startedAt = rfc3339Shanghai(clock_.now());
    run.id = runner_.write(actor, [&](soci::session& tx, command::Effects&) { return store_.createRun(tx, run); });
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
    // One chunk, one transaction: an interrupted run keeps whole chunks and resumes after them.
    runner_.write(actor, [&](soci::session& tx, command::Effects&) {
      if (!store_.commitChunk(tx, outcome.run.id, scores, last))
        throw ApiError::conflict("concurrent_change", {"评分运行已被另一个进程继续或完成。",
                                                       "Another process resumed or completed the run."});
      return 0;
    });
    done += static_cast<int64_t>(enterprises.size());
    outcome.scoredNow += static_cast<int64_t>(enterprises.size());
    if (progress) *progress << fmt::format("已评分 {} / {}\n", done, std::max(done, total)) << std::flush;
  }
  decide(RunStatus::Running, RunStatus::Completed);
  const std::string counts = store_.regionGradeCounts(outcome.run.id);
  runner_.write(actor, [&](soci::session& tx, command::Effects& fx) {
    if (!store_.completeRun(tx, outcome.run.id, rfc3339Shanghai(clock_.now()), counts))
      decide(RunStatus::Completed, RunStatus::Completed);  // another process completed it: 409
    if (audited)
      fx.audit({std::string(audit::action::kCreditRun), "success", "credit_run", std::to_string(outcome.run.id),
                std::nullopt, std::nullopt,
                fmt::format("{} 家，评分卡 {}，截至 {}", done, card.version, outcome.run.asOf)});
    return 0;
  });
  outcome.run = *store_.run(outcome.run.id);
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return outcome;
}

CardView CreditService::activeView() { return scorecard(active().id); }

std::vector<CardView> CreditService::scorecards() {
  active();
  std::vector<CardView> out;
  for (auto& c : store_.scorecards()) {
    auto card = parsed(c);
    out.push_back({std::move(c), std::move(card)});
  }
  return out;
}

CardView CreditService::scorecard(int64_t id) {
  auto c = store_.scorecard(id);
  if (!c) throw noSuchScorecard();
  auto card = parsed(*c);
  return {std::move(*c), std::move(card)};
}

Comparison CreditService::compare(int64_t leftId, int64_t rightId) {
  auto left = store_.scorecard(leftId);
  auto right = store_.scorecard(rightId);
  if (!left || !right) throw noSuchScorecard();
  Comparison out{{*left, parsed(*left)}, {*right, parsed(*right)}, std::nullopt};
  auto run = store_.latestCompletedRun();
  if (!run) return out;
  const Scorecard &l = *out.left.card, &r = *out.right.card;
  Population p;
  p.run = *run;
  auto lOrder = gradeOrder(l), rOrder = gradeOrder(r);
  p.comparable = lOrder == rOrder;
  ScoreResult a, b;
  for (const auto& text : store_.runInputs(run->id, kCompareLimit)) {
    auto v = decodeInputs(text);
    if (!v) continue;
    score(l, *v, a);
    score(r, *v, b);
    ++p.left[a.grade->grade];
    ++p.right[b.grade->grade];
    ++p.enterprises;
    if (p.comparable) {
      auto ra = std::find(lOrder.begin(), lOrder.end(), a.grade->grade) - lOrder.begin();
      auto rb = std::find(lOrder.begin(), lOrder.end(), b.grade->grade) - lOrder.begin();
      if (rb < ra)
        ++p.upgraded;
      else if (rb > ra)
        ++p.downgraded;
      else
        ++p.unchanged;
    }
  }
  std::vector<double> av, bv;
  for (const auto& g : lOrder) {
    av.push_back(static_cast<double>(p.left[g]));
    bv.push_back(static_cast<double>(p.right[g]));
  }
  if (p.comparable) p.psi = psi(bv, av);
  out.population = std::move(p);
  return out;
}

std::vector<RunSummary> CreditService::runs(const auth::DataScope& scope) {
  auto runs = store_.runs(100);
  std::vector<RunSummary> out;
  for (const auto& r : runs) {
    auto counts = countsInScope(r.gradeCounts, scope);
    int64_t enterprises = 0;
    for (const auto& [g, n] : counts) enterprises += n;
    RunSummary summary{r, completed(r) ? enterprises : r.enterprises, std::nullopt};
    // Drift against the completed run of the latest moment before its own, over the grades
    // either recorded (a backdated run compares with what came before it).
    const Run* previous = nullptr;
    for (const auto& other : runs)
      if (completed(r) && completed(other) && runBefore(other, r) && (!previous || runBefore(*previous, other)))
        previous = &other;
    if (previous && enterprises > 0) {
      auto before = countsInScope(previous->gradeCounts, scope);
      std::map<std::string, int> keys;
      for (const auto& [g, n] : counts) keys[g] = 1;
      for (const auto& [g, n] : before) keys[g] = 1;
      std::vector<double> a, b;
      for (const auto& [g, unused] : keys) {
        a.push_back(static_cast<double>(counts[g]));
        b.push_back(static_cast<double>(before[g]));
      }
      summary.psiToPrevious = psi(a, b);
    }
    out.push_back(std::move(summary));
  }
  return out;
}

std::optional<Distribution> CreditService::distribution(const auth::DataScope& scope, int64_t runId, int64_t baseId) {
  std::optional<Run> run = runId ? store_.run(runId) : store_.latestCompletedRun();
  if (runId && (!run || !completed(*run)))
    throw ApiError::notFound({"没有这次已完成的评分运行。", "No such completed scoring run."});
  if (!run) return std::nullopt;
  std::optional<Run> base = baseId ? store_.run(baseId) : store_.latestCompletedRun(&*run);
  if (baseId && (!base || !completed(*base)))
    throw ApiError::notFound({"没有这次已完成的基期评分运行。", "No such completed base run."});
  Distribution d;
  d.run = *run;
  d.base = base;
  auto card = parsed(*store_.scorecard(run->scorecardId));
  auto counts = [&](const Run& r) {
    std::map<std::string, int64_t> m;
    for (const auto& g : store_.gradeCounts(r.id, scope)) m[g.grade] = g.count;
    return m;
  };
  auto now = counts(*run);
  std::map<std::string, int64_t> before;
  if (base) before = counts(*base);
  std::vector<std::string> order = gradeOrder(*card);
  for (const auto& [g, unused] : before)
    if (std::find(order.begin(), order.end(), g) == order.end()) order.push_back(g);
  for (const auto& g : order) {
    d.total += now[g];
    d.baseTotal += before[g];
  }
  // A grade held by one to four enterprises of the caller's region would name them: such cells
  // are hidden (with what could give them back), and the view says so.
  std::vector<int64_t> nowCounts, baseCounts;
  for (const auto& g : order) nowCounts.push_back(now[g]), baseCounts.push_back(before[g]);
  auto hidden = suppressedCells(nowCounts), baseHidden = suppressedCells(baseCounts);
  std::vector<double> a, b;
  for (size_t i = 0; i < order.size(); ++i) {
    const auto& g = order[i];
    GradeCell cell;
    cell.grade = g;
    cell.zh = gradeZh(*card, g);
    cell.count = now[g];
    cell.baseCount = before[g];
    cell.share = d.total ? static_cast<double>(now[g]) / static_cast<double>(d.total) : 0;
    cell.baseShare = d.baseTotal ? static_cast<double>(before[g]) / static_cast<double>(d.baseTotal) : 0;
    cell.hidden = hidden[i];
    cell.baseHidden = base && baseHidden[i];
    // A PSI term would give a hidden share back.
    if (base && d.total && d.baseTotal && !cell.hidden && !cell.baseHidden) cell.psiTerm = psiTerm(cell.share, cell.baseShare);
    d.hiddenCells += cell.hidden + cell.baseHidden;
    d.grades.push_back(std::move(cell));
    a.push_back(static_cast<double>(now[g]));
    b.push_back(static_cast<double>(before[g]));
  }
  // Histogram of scores in bins of 20 points, over both runs' range.
  auto scores = store_.runScores(run->id, scope);
  std::vector<int> baseScores;
  if (base) baseScores = store_.runScores(base->id, scope);
  auto bars = histogram(scores, baseScores, kHistogramWidth);
  std::vector<int64_t> barCounts, barBaseCounts;
  for (const auto& h : bars) barCounts.push_back(h.count), barBaseCounts.push_back(h.baseCount);
  auto barHidden = suppressedCells(barCounts), barBaseHidden = suppressedCells(barBaseCounts);
  for (size_t i = 0; i < bars.size(); ++i) {
    HistogramCell cell{bars[i], barHidden[i], base && barBaseHidden[i]};
    d.hiddenCells += cell.hidden + cell.baseHidden;
    d.histogram.push_back(cell);
  }
  // Below k enterprises the whole table is hidden; its PSI would still describe them.
  if (base && d.total >= kMinimumCellCount && d.baseTotal >= kMinimumCellCount) {
    d.psi = psi(a, b);
    d.drift = std::string(driftLevel(*d.psi));
  }
  return d;
}

}  // namespace jinfu::credit
