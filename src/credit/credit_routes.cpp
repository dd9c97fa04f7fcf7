// 信用画像 over HTTP: a table of named handlers (docs/credit-api.md). Each reads the request, asks
// one use case of the CreditService and maps the answer with credit_json.
#include "credit/credit_routes.hpp"

#include <memory>

#include "credit/credit_json.hpp"
#include "credit/credit_service.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/errors.hpp"
#include "platform/http/fields.hpp"
#include "platform/http/router.hpp"
#include "registry/access.hpp"

namespace jinfu::credit {
namespace {

using http::Request;
using http::Response;

constexpr size_t kArtifactLimit = 2u << 20;
constexpr size_t kOutcomesLimit = 16u << 20;
constexpr size_t kOutcomesRowsOnline = 50000;  // larger files: jinfu credit train

struct Http {
  CreditService& service;
  registry::RegistryStore& registry;
  audit::AuditLog& audit;
  auth::ConsentCheck consent;
};

// 415 unless the body is of the media type `type`.
void requireMediaType(const Request& req, std::string_view type, LocalText what) {
  if (!req.header("content-type").value_or("").starts_with(type))
    throw ApiError(415, "unsupported_media_type", statusTitle(415), std::move(what));
}

// The enterprise a credit.read caller asks about, by the platform's one access rule
// (registry::readableEnterprise): its own enterprise, a government credit officer's region, a bank
// only under the enterprise's live consent covering the credit profile (refused with 403 and
// audited otherwise). 404 outside the caller's scope.
EnterpriseRef readable(Http& h, Request& req, const audit::Actor& actor) {
  const int64_t org = req.caller().organisationId;
  auto e = registry::readableEnterprise(
      h.registry, req.caller(), req.intParam("id"),
      [&](int64_t id) { return h.consent && h.consent(id, org, "credit"); }, "信用画像", h.audit, actor);
  if (!e) throw ApiError::notFound({"企业不存在或不在数据范围内。", "No such enterprise in your scope."});
  return {e->id, e->uscc, e->name, e->regionCode, Date::parse(e->establishedOn)};
}

// An enterprise reading its own profile is the data subject, not a third party: its reads are not
// audited, so that the trail (and 谁查看了我的数据) lists exactly who else looked.
bool readsItself(const Request& req, const EnterpriseRef& e) {
  const auto& caller = req.caller();
  return caller.orgKind == auth::OrgKind::Enterprise && caller.uscc && *caller.uscc == e.uscc;
}

Response activeScorecard(Http& h, Request&) { return Response::json(scorecardWithArtifactJson(h.service.activeView())); }

Response listScorecards(Http& h, Request&) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : h.service.scorecards()) items.push_back(scorecardJson(c));
  return Response::json({{"items", items}});
}

Response upload(Http& h, Request& req) {
  // Parsed by the scorecard reader itself: its errors name every problem.
  requireMediaType(req, "application/json",
                   {"评分卡文件应以 JSON 提交（Content-Type: application/json）。",
                    "Send the scorecard as JSON (Content-Type: application/json)."});
  auto actor = audit::actorOf(req);
  auto card = h.service.registerArtifact({actor, req.caller().username}, req.body);
  return Response::json(scorecardJson({card, h.service.parsed(card)}), 201);
}

Response train(Http& h, Request& req) {
  requireMediaType(req, "text/csv", {"贷款结果应以 CSV 提交（Content-Type: text/csv）。", "Send the outcomes as text/csv."});
  http::QueryReader q(req);
  TrainOptions options;
  options.version = q.text("version", 10'000).value_or("");
  options.title = q.text("title", 10'000).value_or("");
  q.check();
  if (options.version.empty())
    throw ApiError::validation({{"version", {"请填写新评分卡的版本号。", "Give the new version."}}});
  if (options.title.size() > 200)
    throw ApiError::validation({{"title", {"名称过长（上限 200 字节）。", "The title is too long."}}});
  auto file = readOutcomes(req.body);
  if (file.rows.size() > kOutcomesRowsOnline)
    throw ApiError(413, "too_many_rows", statusTitle(413),
                   {"页面训练最多 50000 条贷款结果；更大的文件请用命令 jinfu credit train --outcomes。",
                    "Online training takes at most 50 000 outcomes; use jinfu credit train for more."});
  options.createdAt = rfc3339Shanghai(h.service.clock().now());
  options.source = "页面上传的贷款结果";
  auto actor = audit::actorOf(req);
  Acting a{actor, req.caller().username};
  auto t = h.service.train(file, options, &a);
  return Response::json(trainingJson(t, {*t.registered, h.service.parsed(*t.registered)}), 201);
}

Response getScorecard(Http& h, Request& req) {
  return Response::json(scorecardWithArtifactJson(h.service.scorecard(req.intParam("id"))));
}

Response compare(Http& h, Request& req) {
  http::QueryReader q(req);
  auto with = q.id("with");
  q.check();
  if (!with) throw ApiError::validation({{"with", {"请用 with 指定要比较的另一个版本。", "Name the other version in with."}}});
  return Response::json(comparisonJson(h.service.compare(req.intParam("id"), *with)));
}

Response activate(Http& h, Request& req) {
  auto actor = audit::actorOf(req);
  auto card = h.service.activate({actor, req.caller().username}, req.intParam("id"));
  return Response::json(scorecardJson({card, h.service.parsed(card)}));
}

Response profile(Http& h, Request& req) {
  auto actor = audit::actorOf(req);
  auto e = readable(h, req, actor);
  return Response::json(profileJson(h.service.readProfile(actor, e, !readsItself(req, e))));
}

Response history(Http& h, Request& req) {
  auto actor = audit::actorOf(req);
  auto e = readable(h, req, actor);
  return Response::json(historyJson(h.service.readHistory(actor, e, !readsItself(req, e))));
}

Response verify(Http& h, Request& req) {
  auto v = h.service.verify(req.intParam("id"));
  if (!v) throw ApiError::notFound({"没有这条评分记录。", "No such score."});
  return Response::json(verificationJson(*v));
}

Response runs(Http& h, Request& req) { return Response::json(runsJson(h.service.runs(auth::scopeOf(req.caller())))); }

Response distribution(Http& h, Request& req) {
  http::QueryReader q(req);
  auto run = q.id("run"), base = q.id("base");
  q.check();
  return Response::json(distributionJson(h.service.distribution(auth::scopeOf(req.caller()), run.value_or(0), base.value_or(0))));
}

}  // namespace

void addRoutes(http::Router& router, CreditService& service, registry::RegistryStore& registry, audit::AuditLog& audit,
               auth::ConsentCheck consent) {
  using namespace auth::perm;
  auto h = std::make_shared<Http>(Http{service, registry, audit, std::move(consent)});
  http::addRoutes<Http>(
      router, h,
      {
          {"GET", "/api/v1/credit/scorecard", http::kPublic, "当前启用的评分卡（公开：指标、分箱、分值、原因代码与改进建议）",
           activeScorecard},
          {"GET", "/api/v1/credit/scorecards", kCreditManage, "评分卡版本列表", listScorecards},
          {"POST", "/api/v1/credit/scorecards", kCreditManage, "导入评分卡文件（校验和核对后作为待启用版本）", upload,
           /*maxInFlight*/ 0, kArtifactLimit},
          {"POST", "/api/v1/credit/scorecards/train", kCreditManage,
           "用贷款结果训练评分卡（CSV：统一社会信用代码、观察日期、结果），登记为待启用版本", train,
           /*maxInFlight*/ 0, kOutcomesLimit},
          {"GET", "/api/v1/credit/scorecards/{id:int}", kCreditManage, "查看评分卡版本", getScorecard},
          {"GET", "/api/v1/credit/scorecards/{id:int}/compare", kCreditManage,
           "比较两个评分卡版本（分箱分值与最近一次评分人群的等级分布）", compare},
          {"POST", "/api/v1/credit/scorecards/{id:int}/activate", kCreditManage,
           "启用评分卡版本（原启用版本停用；记入审计日志）", activate},
          {"GET", "/api/v1/credit/enterprises/{id:int}/score", kCreditRead,
           "企业信用画像：评分、等级、各项指标得分与扣分原因（每次查看记入审计日志）", profile},
          {"GET", "/api/v1/credit/enterprises/{id:int}/scores", kCreditRead, "企业评分历史（每次查看记入审计日志）",
           history},
          {"GET", "/api/v1/credit/scores/{id:int}/verify", kCreditManage, "按记录的评分卡版本与输入重算一条评分并核对",
           verify},
          {"GET", "/api/v1/credit/runs", kCreditStats, "信用评分运行记录（企业数与漂移按数据范围计）", runs},
          {"GET", "/api/v1/credit/distribution", kCreditStats,
           "信用等级分布及其相对基期的漂移（PSI；数据范围内，不含个体评分）", distribution},
      });
}

}  // namespace jinfu::credit
