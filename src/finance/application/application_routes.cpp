// 融资申请 and the commands on it over HTTP: a table of named handlers (docs/finance-api.md).
#include "finance/application/application_json.hpp"
#include "finance/consent/consent_store.hpp"
#include "finance/route_support.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/http/envelope.hpp"
#include "platform/http/fields.hpp"
#include "platform/http/router.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;
using http::Request;
using http::Response;

json applicationOut(Http& h, const ApplicationRow& a) { return applicationJson(a, h.market.oversight.clockOf(a)); }

std::vector<std::string_view> stateCodes() {
  std::vector<std::string_view> out;
  for (int i = 0; i <= static_cast<int>(State::Lapsed); ++i) out.push_back(code(static_cast<State>(i)));
  return out;
}

Response list(Http& h, Request& req) {
  http::QueryReader q(req);
  ApplicationFilter f;
  if (auto s = q.oneOf("state", stateCodes())) f.state = stateByCode(*s);
  f.demandId = q.id("demandId");
  q.check();
  auto page = h.market.applications.list(req.caller(), f, req.paging());
  return Response::json(http::pageJson(page, [&](const ApplicationRow& a) { return applicationOut(h, a); }));
}

Response get(Http& h, Request& req) {
  auto a = h.market.applications.visible(req.caller(), req.intParam("id"));
  if (!a) throw ApiError::notFound({"没有这项融资申请。", "No such application."});
  json out = applicationOut(h, *a);
  out["timeline"] = timelineJson(h.market.applications.timeline(a->id));
  out["allowedCommands"] = commandsJson(h.market.applications.allowedFor(req.caller(), *a));
  const auto& caller = req.caller();
  if (caller.orgKind == auth::OrgKind::Bank) {
    std::string now = h.market.context.now();
    out["consent"] = {{"credit", h.consents.live(a->enterpriseId, caller.organisationId, "credit", now)},
                      {"profile", h.consents.live(a->enterpriseId, caller.organisationId, "profile", now)}};
  }
  return Response::json(out);
}

Response bankCommand(Http& h, Request& req) {
  requireBank(req, "只有银行可以办理申请。", "Only banks handle applications.");
  auto input = readBankCommand(req.jsonBody());
  auto actor = audit::actorOf(req);
  return Response::json(applicationOut(h, h.market.applications.command(acting(req, actor), req.intParam("id"), input)));
}

Response enterpriseCommand(Http& h, Request& req, Command command) {
  requireOwnEnterprise(h, req);
  auto input = readEnterpriseCommand(command, req.body.empty() ? json::object() : req.jsonBody());
  auto actor = audit::actorOf(req);
  return Response::json(applicationOut(h, h.market.applications.command(acting(req, actor), req.intParam("id"), input)));
}
Response withdraw(Http& h, Request& req) { return enterpriseCommand(h, req, Command::Withdraw); }
Response materials(Http& h, Request& req) { return enterpriseCommand(h, req, Command::SubmitMaterials); }

}  // namespace

void addApplicationRoutes(http::Router& router, const std::shared_ptr<Http>& h) {
  using namespace auth::perm;
  http::addRoutes<Http>(
      router, h,
      {
          {"GET", "/api/v1/finance/applications", kFinanceRead, "融资申请列表（企业：本企业的；银行：本行的；政府：辖区内）",
           list},
          {"GET", "/api/v1/finance/applications/{id:int}", kFinanceRead,
           "融资申请详情：全过程时间线、当前时限、本人可做的操作（银行另见是否已获数据授权）", get},
          {"POST", "/api/v1/finance/applications/{id:int}/commands", kDealHandle,
           "银行办理申请：受理、要求补充材料、进入审批、授信、拒绝（原因代码）、签约、放款、结清、报告逾期；非法转换返回 409",
           bankCommand},
          {"POST", "/api/v1/finance/applications/{id:int}/withdraw", kDemandManage, "企业在银行作出决定前撤回申请", withdraw},
          {"POST", "/api/v1/finance/applications/{id:int}/materials", kDemandManage, "企业已按要求补充材料（回到已受理）",
           materials},
      });
}

}  // namespace jinfu::finance
