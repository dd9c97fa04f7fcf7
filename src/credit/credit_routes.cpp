#include "credit/credit_routes.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "credit/credit_service.hpp"
#include "credit/drift.hpp"
#include "credit/outcomes.hpp"
#include "platform/audit/actions.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/disclosure.hpp"
#include "platform/http/router.hpp"
#include "registry/access.hpp"

namespace jinfu::credit {
namespace {

using nlohmann::json;

constexpr size_t kArtifactLimit = 2u << 20;
constexpr size_t kOutcomesLimit = 16u << 20;
constexpr size_t kOutcomesRowsOnline = 50000;  // larger files: jinfu credit train
constexpr int kCompareLimit = 200000;
constexpr int kHistogramWidth = 20;

json cardItem(CreditService& service, const StoredScorecard& c) {
  json item = {{"id", c.id},
               {"version", c.version},
               {"title", c.title},
               {"method", c.method},
               {"status", c.status},
               {"checksum", c.checksum},
               {"createdAt", c.createdAt},
               {"createdBy", c.createdBy},
               {"activatedAt", c.activatedAt ? json(*c.activatedAt) : json(nullptr)},
               {"activatedBy", c.activatedBy ? json(*c.activatedBy) : json(nullptr)},
               {"metrics", nullptr}};
  auto card = service.parsed(c);
  item["minScore"] = card->minScore();
  item["maxScore"] = card->maxScore();
  if (!card->trainingJson.empty()) {
    json t = json::parse(card->trainingJson, nullptr, false);
    if (t.is_object()) {
      json m = json::object();
      for (const char* k : {"auc", "ks", "psi", "sample", "badRate", "baseline"})
        m[k] = t.contains(k) ? t[k] : json(nullptr);
      item["metrics"] = m;
    }
  }
  return item;
}

json withArtifact(CreditService& service, const StoredScorecard& c) {
  json item = cardItem(service, c);
  item["artifact"] = json::parse(c.artifact);
  return item;
}

std::string gradeZh(const Scorecard& card, const std::string& grade) {
  for (const auto& g : card.grades)
    if (g.grade == grade) return g.zh;
  return {};
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

// The enterprise a credit.read caller asks about, by the platform's one access rule
// (registry::readableEnterprise): its own enterprise, a government credit officer's region, a bank
// only under the enterprise's live consent covering the credit profile (refused with 403 and
// audited otherwise). 404 outside the caller's scope.
EnterpriseRef readable(registry::RegistryStore& registry, audit::AuditLog& audit, const auth::ConsentCheck& consent,
                       http::Request& req) {
  const int64_t org = req.caller().organisationId;
  auto e = registry::readableEnterprise(
      registry, req.caller(), req.intParam("id"),
      [&](int64_t id) { return consent && consent(id, org, "credit"); }, "信用画像", audit, audit::actorOf(req));
  if (!e) throw ApiError::notFound({"企业不存在或不在数据范围内。", "No such enterprise in your scope."});
  return {e->id, e->uscc, e->name, e->regionCode, Date::parse(e->establishedOn)};
}

// An enterprise reading its own profile is the data subject, not a third party: its reads are not
// audited, so that the trail (and 谁查看了我的数据) lists exactly who else looked.
bool readsItself(const http::Request& req, const EnterpriseRef& e) {
  const auto& caller = req.caller();
  return caller.orgKind == auth::OrgKind::Enterprise && caller.uscc && *caller.uscc == e.uscc;
}

std::vector<std::string> gradeOrder(const Scorecard& card) {
  std::vector<std::string> order;
  for (const auto& g : card.grades) order.push_back(g.grade);
  return order;
}

// A completed run's grade counts within the caller's data scope, from the per-region counts the
// run kept when it completed.
std::map<std::string, int64_t> countsInScope(const std::string& perRegion, const auth::DataScope& scope) {
  std::map<std::string, int64_t> out;
  json regions = json::parse(perRegion, nullptr, false);
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

int64_t runParam(const http::Request& req, const char* name) {
  auto id = req.queryId(name);
  return id ? *id : 0;
}

}  // namespace

void addRoutes(http::Router& router, CreditService& service, registry::RegistryStore& registry, audit::AuditLog& audit,
               auth::ConsentCheck consent) {
  router.add({"GET", "/api/v1/credit/scorecard", std::string(http::kPublic),
              "当前启用的评分卡（公开：指标、分箱、分值、原因代码与改进建议）", [&service](http::Request&) {
                return http::Response::json(withArtifact(service, *service.store().scorecard(service.active().id)));
              }});

  router.add({"GET", "/api/v1/credit/scorecards", std::string(auth::perm::kCreditManage), "评分卡版本列表",
              [&service](http::Request&) {
                service.active();
                json items = json::array();
                for (const auto& c : service.store().scorecards()) items.push_back(cardItem(service, c));
                return http::Response::json({{"items", items}});
              }});

  http::Route upload{"POST", "/api/v1/credit/scorecards", std::string(auth::perm::kCreditManage),
                     "导入评分卡文件（校验和核对后作为待启用版本）", [&service, &audit](http::Request& req) {
                       // Parsed by the scorecard reader itself: its errors name every problem.
                       auto ct = req.header("content-type").value_or("");
                       if (!ct.starts_with("application/json"))
                         throw ApiError(415, "unsupported_media_type", statusTitle(415),
                                        {"评分卡文件应以 JSON 提交（Content-Type: application/json）。",
                                         "Send the scorecard as JSON (Content-Type: application/json)."});
                       auto actor = audit::actorOf(req);
                       auto card = service.registerArtifact(req.body, req.caller().username);
                       audit.record(actor, {std::string(audit::action::kCreditScorecardRegister), "success",
                                            "scorecard", std::to_string(card.id), std::nullopt, std::nullopt,
                                            card.version + " " + card.checksum});
                       return http::Response::json(cardItem(service, card), 201);
                     }};
  upload.bodyLimit = kArtifactLimit;
  router.add(std::move(upload));

  http::Route trainRoute{
      "POST", "/api/v1/credit/scorecards/train", std::string(auth::perm::kCreditManage),
      "用贷款结果训练评分卡（CSV：统一社会信用代码、观察日期、结果），登记为待启用版本",
      [&service, &audit](http::Request& req) {
        auto ct = req.header("content-type").value_or("");
        if (!ct.starts_with("text/csv"))
          throw ApiError(415, "unsupported_media_type", statusTitle(415),
                         {"贷款结果应以 CSV 提交（Content-Type: text/csv）。", "Send the outcomes as text/csv."});
        TrainOptions options;
        options.version = req.queryValue("version").value_or("");
        options.title = req.queryValue("title").value_or("");
        if (options.version.empty())
          throw ApiError::validation({{"version", {"请填写新评分卡的版本号。", "Give the new version."}}});
        if (options.title.size() > 200)
          throw ApiError::validation({{"title", {"名称过长（上限 200 字节）。", "The title is too long."}}});
        auto file = readOutcomes(req.body);
        if (file.rows.size() > kOutcomesRowsOnline)
          throw ApiError(413, "too_many_rows", statusTitle(413),
                         {"页面训练最多 50000 条贷款结果；更大的文件请用命令 jinfu credit train --outcomes。",
                          "Online training takes at most 50 000 outcomes; use jinfu credit train for more."});
        options.createdAt = rfc3339Shanghai(service.clock().now());
        options.source = "页面上传的贷款结果";
        auto actor = audit::actorOf(req);
        auto t = service.train(file, options, req.caller().username);
        audit.record(actor, {std::string(audit::action::kCreditScorecardRegister), "success", "scorecard",
                             std::to_string(t.registered->id), std::nullopt, std::nullopt,
                             t.registered->version + " " + t.registered->checksum + "（训练）"});
        auto metrics = [](const Metrics& m) {
          return json{{"sample", m.sample}, {"bads", m.bads}, {"auc", m.auc}, {"ks", m.ks}};
        };
        return http::Response::json(
            {{"scorecard", cardItem(service, *t.registered)},
             {"samples", t.samples},
             {"skipped", t.problems},
             {"development", metrics(t.result.development)},
             {"validation", metrics(t.result.validation)},
             {"baseline", t.result.baseline ? json(metrics(*t.result.baseline)) : json(nullptr)},
             {"psi", t.result.psi}},
            201);
      }};
  trainRoute.bodyLimit = kOutcomesLimit;
  router.add(std::move(trainRoute));

  router.add({"GET", "/api/v1/credit/scorecards/{id:int}", std::string(auth::perm::kCreditManage), "查看评分卡版本",
              [&service](http::Request& req) {
                auto c = service.store().scorecard(req.intParam("id"));
                if (!c) throw ApiError::notFound({"没有这个评分卡版本。", "No such scorecard version."});
                return http::Response::json(withArtifact(service, *c));
              }});

  router.add({"GET", "/api/v1/credit/scorecards/{id:int}/compare", std::string(auth::perm::kCreditManage),
              "比较两个评分卡版本（分箱分值与最近一次评分人群的等级分布）", [&service](http::Request& req) {
                auto left = service.store().scorecard(req.intParam("id"));
                auto otherId = req.queryId("with");
                if (!otherId)
                  throw ApiError::validation({{"with", {"请用 with 指定要比较的另一个版本。", "Name the other version in with."}}});
                auto right = service.store().scorecard(*otherId);
                if (!left || !right) throw ApiError::notFound({"没有这个评分卡版本。", "No such scorecard version."});
                auto l = service.parsed(*left);
                auto r = service.parsed(*right);
                auto side = [](const Scorecard& card, Feature f) -> json {
                  for (const auto& fc : card.features) {
                    if (fc.feature != f) continue;
                    json bins = json::array();
                    for (const auto& b : fc.bins) bins.push_back({{"label", b.label}, {"points", b.points}});
                    return {{"minPoints", fc.minPoints}, {"maxPoints", fc.maxPoints}, {"bins", bins}};
                  }
                  return nullptr;
                };
                json features = json::array();
                for (size_t i = 0; i < kFeatureCount; ++i) {
                  auto f = static_cast<Feature>(i);
                  json a = side(*l, f), b = side(*r, f);
                  if (a.is_null() && b.is_null()) continue;
                  features.push_back({{"code", info(f).code}, {"zh", info(f).zh}, {"left", a}, {"right", b}});
                }
                json population = nullptr;
                if (auto run = service.store().latestCompletedRun()) {
                  std::map<std::string, int64_t> lc, rc;
                  int64_t up = 0, down = 0, same = 0, n = 0;
                  auto lOrder = gradeOrder(*l), rOrder = gradeOrder(*r);
                  bool comparable = lOrder == rOrder;
                  ScoreResult a, b;
                  for (const auto& text : service.store().runInputs(run->id, kCompareLimit)) {
                    auto v = decodeInputs(text);
                    if (!v) continue;
                    score(*l, *v, a);
                    score(*r, *v, b);
                    ++lc[a.grade->grade];
                    ++rc[b.grade->grade];
                    ++n;
                    if (comparable) {
                      auto ra = std::find(lOrder.begin(), lOrder.end(), a.grade->grade) - lOrder.begin();
                      auto rb = std::find(lOrder.begin(), lOrder.end(), b.grade->grade) - lOrder.begin();
                      (rb < ra ? up : rb > ra ? down : same)++;
                    }
                  }
                  auto dist = [&](const Scorecard& card, std::map<std::string, int64_t>& counts) {
                    json out = json::array();
                    for (const auto& g : card.grades)
                      out.push_back({{"grade", g.grade}, {"zh", g.zh}, {"count", counts[g.grade]},
                                     {"share", n ? static_cast<double>(counts[g.grade]) / static_cast<double>(n) : 0.0}});
                    return out;
                  };
                  std::vector<double> av, bv;
                  for (const auto& g : lOrder) {
                    av.push_back(static_cast<double>(lc[g]));
                    bv.push_back(static_cast<double>(rc[g]));
                  }
                  population = {{"runId", run->id},
                                {"asOf", run->asOf},
                                {"enterprises", n},
                                {"left", dist(*l, lc)},
                                {"right", dist(*r, rc)},
                                {"psi", comparable ? json(psi(bv, av)) : json(nullptr)},
                                {"upgraded", comparable ? json(up) : json(nullptr)},
                                {"downgraded", comparable ? json(down) : json(nullptr)},
                                {"unchanged", comparable ? json(same) : json(nullptr)}};
                }
                return http::Response::json({{"left", cardItem(service, *left)},
                                             {"right", cardItem(service, *right)},
                                             {"features", features},
                                             {"population", population}});
              }});

  router.add({"POST", "/api/v1/credit/scorecards/{id:int}/activate", std::string(auth::perm::kCreditManage),
              "启用评分卡版本（原启用版本停用；记入审计日志）", [&service, &audit](http::Request& req) {
                service.active();
                auto target = service.store().scorecard(req.intParam("id"));
                if (!target) throw ApiError::notFound({"没有这个评分卡版本。", "No such scorecard version."});
                service.parsed(*target);  // refuse an artifact that no longer checks out
                auto previous = service.store().activeScorecard();
                auto actor = audit::actorOf(req);
                bool changed = service.activate(target->id, req.caller().username, [&](soci::session& tx) {
                  audit.append(tx, actor,
                               {std::string(audit::action::kCreditScorecardActivate), "success", "scorecard",
                                std::to_string(target->id),
                                previous ? std::optional<std::string>(json({{"active", previous->version}}).dump())
                                         : std::nullopt,
                                json({{"active", target->version}}).dump(), target->checksum});
                });
                if (!changed)
                  throw ApiError::conflict("scorecard_already_active",
                                           {"评分卡“" + target->version + "”已是启用版本。",
                                            "Scorecard \"" + target->version + "\" is already active."});
                return http::Response::json(cardItem(service, *service.store().scorecard(target->id)));
              }});

  router.add({"GET", "/api/v1/credit/enterprises/{id:int}/score", std::string(auth::perm::kCreditRead),
              "企业信用画像：评分、等级、各项指标得分与扣分原因（每次查看记入审计日志）",
              [&service, &registry, &audit, consent](http::Request& req) {
                auto e = readable(registry, audit, consent, req);
                auto profile = service.scoreNow(e);
                if (!readsItself(req, e))
                  audit.record(audit::actorOf(req), {std::string(audit::action::kCreditProfileRead), "success",
                                                     "enterprise", std::to_string(e.id), std::nullopt, std::nullopt,
                                                     e.uscc + " 信用画像"});
                return http::Response::json(profileJson(profile));
              }});

  router.add({"GET", "/api/v1/credit/enterprises/{id:int}/scores", std::string(auth::perm::kCreditRead),
              "企业评分历史（每次查看记入审计日志）", [&service, &registry, &audit, consent](http::Request& req) {
                auto e = readable(registry, audit, consent, req);
                json items = json::array();
                std::map<int64_t, std::shared_ptr<const Scorecard>> cards;
                for (const auto& s : service.store().history(e.id, 200)) {
                  auto& card = cards[s.scorecardId];
                  if (!card) card = service.parsed(*service.store().scorecard(s.scorecardId));
                  items.push_back({{"scoreId", s.id},
                                   {"asOf", s.asOf},
                                   {"score", s.score},
                                   {"grade", s.grade},
                                   {"gradeZh", gradeZh(*card, s.grade)},
                                   {"scorecardVersion", s.scorecardVersion},
                                   {"runId", s.runId ? json(*s.runId) : json(nullptr)},
                                   {"inputsHash", s.inputsHash}});
                }
                if (!readsItself(req, e))
                  audit.record(audit::actorOf(req), {std::string(audit::action::kCreditProfileRead), "success",
                                                     "enterprise", std::to_string(e.id), std::nullopt, std::nullopt,
                                                     e.uscc + " 评分历史"});
                return http::Response::json({{"items", items}});
              }});

  router.add({"GET", "/api/v1/credit/scores/{id:int}/verify", std::string(auth::perm::kCreditManage),
              "按记录的评分卡版本与输入重算一条评分并核对", [&service](http::Request& req) {
                auto v = service.verify(req.intParam("id"));
                if (!v) throw ApiError::notFound({"没有这条评分记录。", "No such score."});
                return http::Response::json(
                    {{"scoreId", v->stored.id},
                     {"enterpriseId", v->stored.enterpriseId},
                     {"scorecardVersion", v->stored.scorecardVersion},
                     {"asOf", v->stored.asOf},
                     {"stored", {{"score", v->stored.score}, {"grade", v->stored.grade}, {"inputsHash", v->stored.inputsHash}}},
                     {"recomputed",
                      {{"score", v->recomputedScore}, {"grade", v->recomputedGrade}, {"inputsHash", v->recomputedInputsHash}}},
                     {"reproduced", v->reproduced}});
              }});

  router.add({"GET", "/api/v1/credit/runs", std::string(auth::perm::kCreditStats),
              "信用评分运行记录（企业数与漂移按数据范围计）", [&service](http::Request& req) {
                auto scope = auth::scopeOf(req.caller());
                auto runs = service.store().runs(100);
                json items = json::array();
                for (size_t i = 0; i < runs.size(); ++i) {
                  const auto& r = runs[i];
                  auto counts = countsInScope(r.gradeCounts, scope);
                  int64_t enterprises = 0;
                  for (const auto& [g, n] : counts) enterprises += n;
                  json psiValue = nullptr;
                  // Drift against the completed run of the latest moment before its own, over the
                  // grades either recorded (a backdated run compares with what came before it).
                  const Run* previous = nullptr;
                  for (const auto& other : runs)
                    if (r.status == "completed" && other.status == "completed" && runBefore(other, r) &&
                        (!previous || runBefore(*previous, other)))
                      previous = &other;
                  if (previous) {
                    auto before = countsInScope(previous->gradeCounts, scope);
                    std::map<std::string, int> keys;
                    for (const auto& [g, n] : counts) keys[g] = 1;
                    for (const auto& [g, n] : before) keys[g] = 1;
                    std::vector<double> a, b;
                    for (const auto& [g, unused] : keys) {
                      a.push_back(static_cast<double>(counts[g]));
                      b.push_back(static_cast<double>(before[g]));
                    }
                    if (enterprises > 0) psiValue = psi(a, b);
                  }
                  items.push_back({{"id", r.id},
                                   {"scorecardVersion", r.scorecardVersion},
                                   {"asOf", r.asOf},
                                   {"status", r.status},
                                   {"startedAt", r.startedAt},
                                   {"finishedAt", r.finishedAt ? json(*r.finishedAt) : json(nullptr)},
                                   {"enterprises", r.status == "completed" ? enterprises : r.enterprises},
                                   {"psiToPrevious", psiValue}});
                }
                return http::Response::json({{"items", items}});
              }});

  router.add({"GET", "/api/v1/credit/distribution", std::string(auth::perm::kCreditStats),
              "信用等级分布及其相对基期的漂移（PSI；数据范围内，不含个体评分）", [&service](http::Request& req) {
                auto scope = auth::scopeOf(req.caller());
                int64_t runId = runParam(req, "run"), baseId = runParam(req, "base");
                std::optional<Run> run = runId ? service.store().run(runId) : service.store().latestCompletedRun();
                if (runId && (!run || run->status != "completed"))
                  throw ApiError::notFound({"没有这次已完成的评分运行。", "No such completed scoring run."});
                if (!run)
                  return http::Response::json({{"run", nullptr}, {"base", nullptr}, {"grades", json::array()},
                                               {"histogram", json::array()}, {"psi", nullptr}, {"drift", nullptr}});
                std::optional<Run> base = baseId ? service.store().run(baseId) : service.store().latestCompletedRun(&*run);
                if (baseId && (!base || base->status != "completed"))
                  throw ApiError::notFound({"没有这次已完成的基期评分运行。", "No such completed base run."});
                auto card = service.parsed(*service.store().scorecard(run->scorecardId));
                auto counts = [&](const Run& r) {
                  std::map<std::string, int64_t> m;
                  for (const auto& g : service.store().gradeCounts(r.id, scope)) m[g.grade] = g.count;
                  return m;
                };
                auto now = counts(*run);
                std::map<std::string, int64_t> before;
                if (base) before = counts(*base);
                std::vector<std::string> order = gradeOrder(*card);
                for (const auto& [g, unused] : before)
                  if (std::find(order.begin(), order.end(), g) == order.end()) order.push_back(g);
                int64_t total = 0, baseTotal = 0;
                for (const auto& g : order) {
                  total += now[g];
                  baseTotal += before[g];
                }
                // A grade held by one to four enterprises of the caller's region would name them:
                // such cells are hidden (with what could give them back), and the view says so.
                std::vector<int64_t> nowCounts, baseCounts;
                for (const auto& g : order) nowCounts.push_back(now[g]), baseCounts.push_back(before[g]);
                auto hidden = suppressedCells(nowCounts), baseHidden = suppressedCells(baseCounts);
                int64_t hiddenCells = 0;
                json grades = json::array();
                std::vector<double> a, b;
                for (size_t i = 0; i < order.size(); ++i) {
                  const auto& g = order[i];
                  double share = total ? static_cast<double>(now[g]) / static_cast<double>(total) : 0;
                  double baseShare = baseTotal ? static_cast<double>(before[g]) / static_cast<double>(baseTotal) : 0;
                  bool hide = hidden[i] || (base && baseHidden[i]);  // a PSI term would give a hidden share back
                  json term = nullptr;
                  if (base && total && baseTotal && !hide) term = psiTerm(share, baseShare);
                  hiddenCells += hidden[i] + (base && baseHidden[i]);
                  grades.push_back({{"grade", g},
                                    {"zh", gradeZh(*card, g)},
                                    {"count", hidden[i] ? json(nullptr) : json(now[g])},
                                    {"share", hidden[i] ? json(nullptr) : json(share)},
                                    {"baseCount", base && !baseHidden[i] ? json(before[g]) : json(nullptr)},
                                    {"baseShare", base && !baseHidden[i] ? json(baseShare) : json(nullptr)},
                                    {"suppressed", hidden[i] || (base && baseHidden[i])},
                                    {"psiTerm", term}});
                  a.push_back(static_cast<double>(now[g]));
                  b.push_back(static_cast<double>(before[g]));
                }
                // Histogram of scores in bins of 20 points, over both runs' range.
                auto scores = service.store().runScores(run->id, scope);
                std::vector<int> baseScores;
                if (base) baseScores = service.store().runScores(base->id, scope);
                json bins = json::array();
                auto bars = histogram(scores, baseScores, kHistogramWidth);
                std::vector<int64_t> barCounts, barBaseCounts;
                for (const auto& h : bars) barCounts.push_back(h.count), barBaseCounts.push_back(h.baseCount);
                auto barHidden = suppressedCells(barCounts), barBaseHidden = suppressedCells(barBaseCounts);
                for (size_t i = 0; i < bars.size(); ++i) {
                  const auto& h = bars[i];
                  hiddenCells += barHidden[i] + (base && barBaseHidden[i]);
                  bins.push_back({{"from", h.from},
                                  {"to", h.to},
                                  {"count", barHidden[i] ? json(nullptr) : json(h.count)},
                                  {"baseCount", base && !barBaseHidden[i] ? json(h.baseCount) : json(nullptr)},
                                  {"suppressed", barHidden[i] || (base && barBaseHidden[i])}});
                }
                auto runJson = [&](const Run& r, int64_t n) {
                  return json{{"id", r.id}, {"asOf", r.asOf}, {"scorecardVersion", r.scorecardVersion}, {"enterprises", n}};
                };
                json psiValue = nullptr, drift = nullptr;
                // Below k enterprises the whole table is hidden; its PSI would still describe them.
                if (base && total >= kMinimumCellCount && baseTotal >= kMinimumCellCount) {
                  double v = psi(a, b);
                  psiValue = v;
                  drift = std::string(driftLevel(v));
                }
                return http::Response::json({{"run", runJson(*run, total)},
                                             {"base", base ? runJson(*base, baseTotal) : json(nullptr)},
                                             {"grades", grades},
                                             {"histogram", bins},
                                             {"psi", psiValue},
                                             {"drift", drift},
                                             {"minimumCount", kMinimumCellCount},
                                             {"suppressedCells", hiddenCells}});
              }});
}

}  // namespace jinfu::credit
