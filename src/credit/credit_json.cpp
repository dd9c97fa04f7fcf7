#include "credit/credit_json.hpp"
#include "platform/json.hpp"

#include "platform/disclosure.hpp"

namespace jinfu::credit {
namespace {

using nlohmann::json;

json metricsJson(const Metrics& m) { return {{"sample", m.sample}, {"bads", m.bads}, {"auc", m.auc}, {"ks", m.ks}}; }

// One feature's bins on one side of a comparison; null when the card does not use it.
json featureSide(const Scorecard& card, Feature f) {
  for (const auto& fc : card.features) {
    if (fc.feature != f) continue;
    json bins = json::array();
    for (const auto& b : fc.bins) bins.push_back({{"label", b.label}, {"points", b.points}});
    return {{"minPoints", fc.minPoints}, {"maxPoints", fc.maxPoints}, {"bins", bins}};
  }
  return nullptr;
}

json gradeDistribution(const Scorecard& card, const std::map<std::string, int64_t>& counts, int64_t n) {
  json out = json::array();
  for (const auto& g : card.grades) {
    auto it = counts.find(g.grade);
    int64_t count = it == counts.end() ? 0 : it->second;
    out.push_back({{"grade", g.grade},
                   {"zh", g.zh},
                   {"count", count},
                   {"share", n ? static_cast<double>(count) / static_cast<double>(n) : 0.0}});
  }
  return out;
}

// The features a trained card leaves out, each with the reason (Chinese).
json droppedJson(const std::vector<DroppedFeature>& dropped) {
  json out = json::array();
  for (const auto& d : dropped)
    out.push_back({{"feature", info(d.feature).code}, {"zh", info(d.feature).zh}, {"reason", d.reason}});
  return out;
}

json runRef(const Run& r, int64_t n) {
  return {{"id", r.id}, {"asOf", r.asOf}, {"scorecardVersion", r.scorecardVersion}, {"enterprises", n}};
}

}  // namespace

json scorecardJson(const CardView& view) {
  const StoredScorecard& c = view.stored;
  json item = {{"id", c.id},
               {"version", c.version},
               {"title", c.title},
               {"method", c.method},
               {"status", c.status},
               {"checksum", c.checksum},
               {"createdAt", c.createdAt},
               {"createdBy", c.createdBy},
               {"activatedAt", orNull(c.activatedAt)},
               {"activatedBy", orNull(c.activatedBy)},
               {"metrics", nullptr}};
  item["minScore"] = view.card->minScore();
  item["maxScore"] = view.card->maxScore();
  if (!view.card->trainingJson.empty()) {
    json t = json::parse(view.card->trainingJson, nullptr, false);
    if (t.is_object()) {
      json m = json::object();
      for (const char* k : {"auc", "ks", "psi", "sample", "badRate", "baseline"}) m[k] = t.contains(k) ? t[k] : json(nullptr);
      item["metrics"] = m;
    }
  }
  return item;
}

json scorecardWithArtifactJson(const CardView& c) {
  json item = scorecardJson(c);
  item["artifact"] = json::parse(c.stored.artifact);
  return item;
}

json profileJson(const Profile& p) {
  const Scorecard& card = *p.scorecard;
  json features = json::array();
  for (size_t i = 0; i < card.features.size(); ++i) {
    const auto& f = card.features[i];
    const auto& fi = info(f.feature);
    double v = p.features[static_cast<size_t>(f.feature)];
    features.push_back({{"code", fi.code},
                        {"zh", fi.zh},
                        {"unit", fi.unit},
                        {"source", fi.source},
                        {"sourceZh", fi.sourceZh},
                        {"value", known(v) ? json(v) : json(nullptr)},
                        {"display", displayValue(f.feature, v)},
                        {"bin", f.bins[p.result.bins[i]].label},
                        {"points", p.result.points[i]},
                        {"maxPoints", f.maxPoints}});
  }
  json reasons = json::array();
  for (const auto& r : rankReasons(card, p.result)) {
    const auto& fi = info(card.features[r.cardFeature].feature);
    reasons.push_back({{"code", r.reason->code},
                       {"feature", fi.code},
                       {"featureZh", fi.zh},
                       {"zh", r.reason->zh},
                       {"remedy", r.reason->remedy},
                       {"department", r.reason->department},
                       {"pointsLost", r.pointsLost}});
  }
  return {{"scoreId", p.scoreId},
          {"enterpriseId", p.enterprise.id},
          {"uscc", p.enterprise.uscc},
          {"name", p.enterprise.name},
          {"asOf", p.asOf},
          {"score", p.result.score},
          {"grade", p.result.grade->grade},
          {"gradeZh", p.result.grade->zh},
          {"minScore", card.minScore()},
          {"maxScore", card.maxScore()},
          {"basePoints", card.scaling.basePoints},
          {"scorecard", {{"id", p.card.id}, {"version", p.card.version}, {"checksum", p.card.checksum}}},
          {"inputsHash", p.inputsHash},
          {"features", features},
          {"reasons", reasons}};
}

json historyJson(const std::vector<HistoryItem>& history) {
  json items = json::array();
  for (const auto& [s, gradeZh] : history)
    items.push_back({{"scoreId", s.id},
                     {"asOf", s.asOf},
                     {"score", s.score},
                     {"grade", s.grade},
                     {"gradeZh", gradeZh},
                     {"scorecardVersion", s.scorecardVersion},
                     {"runId", orNull(s.runId)},
                     {"inputsHash", s.inputsHash}});
  return {{"items", items}};
}

json verificationJson(const Verification& v) {
  return {{"scoreId", v.stored.id},
          {"enterpriseId", v.stored.enterpriseId},
          {"scorecardVersion", v.stored.scorecardVersion},
          {"asOf", v.stored.asOf},
          {"stored", {{"score", v.stored.score}, {"grade", v.stored.grade}, {"inputsHash", v.stored.inputsHash}}},
          {"recomputed", {{"score", v.recomputedScore}, {"grade", v.recomputedGrade}, {"inputsHash", v.recomputedInputsHash}}},
          {"reproduced", v.reproduced}};
}

json trainingJson(const Training& t, const CardView& registered) {
  return {{"scorecard", scorecardJson(registered)},
          {"samples", t.samples},
          {"skipped", t.problems},
          {"development", metricsJson(t.result.development)},
          {"validation", metricsJson(t.result.validation)},
          {"baseline", t.result.baseline ? metricsJson(*t.result.baseline) : json(nullptr)},
          {"psi", t.result.psi},
          {"dropped", droppedJson(t.result.dropped)}};
}

json comparisonJson(const Comparison& c) {
  const Scorecard &l = *c.left.card, &r = *c.right.card;
  json features = json::array();
  for (size_t i = 0; i < kFeatureCount; ++i) {
    auto f = static_cast<Feature>(i);
    json a = featureSide(l, f), b = featureSide(r, f);
    if (a.is_null() && b.is_null()) continue;
    features.push_back({{"code", info(f).code}, {"zh", info(f).zh}, {"left", a}, {"right", b}});
  }
  json population = nullptr;
  if (const auto& p = c.population) {
    auto ifComparable = [&](auto v) { return p->comparable ? json(v) : json(nullptr); };
    population = {{"runId", p->run.id},
                  {"asOf", p->run.asOf},
                  {"enterprises", p->enterprises},
                  {"left", gradeDistribution(l, p->left, p->enterprises)},
                  {"right", gradeDistribution(r, p->right, p->enterprises)},
                  {"psi", ifComparable(p->psi)},
                  {"upgraded", ifComparable(p->upgraded)},
                  {"downgraded", ifComparable(p->downgraded)},
                  {"unchanged", ifComparable(p->unchanged)}};
  }
  return {{"left", scorecardJson(c.left)}, {"right", scorecardJson(c.right)}, {"features", features}, {"population", population}};
}

json runsJson(const std::vector<RunSummary>& runs) {
  json items = json::array();
  for (const auto& s : runs)
    items.push_back({{"id", s.run.id},
                     {"scorecardVersion", s.run.scorecardVersion},
                     {"asOf", s.run.asOf},
                     {"status", s.run.status},
                     {"startedAt", s.run.startedAt},
                     {"finishedAt", orNull(s.run.finishedAt)},
                     {"enterprises", s.enterprises},
                     {"psiToPrevious", orNull(s.psiToPrevious)}});
  return {{"items", items}};
}

json distributionJson(const std::optional<Distribution>& d) {
  if (!d)
    return {{"run", nullptr}, {"base", nullptr}, {"grades", json::array()}, {"histogram", json::array()}, {"psi", nullptr},
            {"drift", nullptr}};
  const bool base = d->base.has_value();
  json grades = json::array();
  for (const auto& g : d->grades)
    grades.push_back({{"grade", g.grade},
                      {"zh", g.zh},
                      {"count", g.hidden ? json(nullptr) : json(g.count)},
                      {"share", g.hidden ? json(nullptr) : json(g.share)},
                      {"baseCount", base && !g.baseHidden ? json(g.baseCount) : json(nullptr)},
                      {"baseShare", base && !g.baseHidden ? json(g.baseShare) : json(nullptr)},
                      {"suppressed", g.hidden || g.baseHidden},
                      {"psiTerm", orNull(g.psiTerm)}});
  json bins = json::array();
  for (const auto& h : d->histogram)
    bins.push_back({{"from", h.bin.from},
                    {"to", h.bin.to},
                    {"count", h.hidden ? json(nullptr) : json(h.bin.count)},
                    {"baseCount", base && !h.baseHidden ? json(h.bin.baseCount) : json(nullptr)},
                    {"suppressed", h.hidden || h.baseHidden}});
  return {{"run", runRef(d->run, d->total)},
          {"base", base ? runRef(*d->base, d->baseTotal) : json(nullptr)},
          {"grades", grades},
          {"histogram", bins},
          {"psi", orNull(d->psi)},
          {"drift", d->psi ? json(d->drift) : json(nullptr)},
          {"minimumCount", kMinimumCellCount},
          {"suppressedCells", d->hiddenCells}};
}

}  // namespace jinfu::credit
