// 融资需求 and 接单 over HTTP: a table of named handlers (docs/finance-api.md).
#include "finance/application/application_json.hpp"
#include "finance/demand/demand_json.hpp"
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

json demandOut(Http& h, const DemandRow& d) { return demandJson(d, h.market.oversight.clockOf(d)); }

Response publish(Http& h, Request& req) {
  int64_t enterpriseId = requireOwnEnterprise(h, req);
  auto spec = readDemand(req.jsonBody());
  auto actor = audit::actorOf(req);
  auto d = h.market.demands.publish(acting(req, actor), enterpriseId, spec);
  json out = demandOut(h, d);
  ApplicationFilter f;
  f.demandId = d.id;
  auto apps = h.market.applications.list(req.caller(), f, {1, 20}).items;
  out["applicationId"] = apps.empty() ? json(nullptr) : json(apps.front().id);
  return Response::json(out, 201);
}

Response list(Http& h, Request& req) {
  http::QueryReader q(req);
  std::optional<DemandStatus> status;
  if (auto s = q.oneOf("status", {"open", "claimed", "directed", "closed", "withdrawn"})) status = demandStatusByCode(*s);
  auto view = q.oneOf("view", {"opportunities", "pool", "mine"}).value_or("opportunities");
  q.check();
  auto bankView = view == "pool" ? DemandService::BankView::Pool
                  : view == "mine" ? DemandService::BankView::Mine
                                   : DemandService::BankView::Opportunities;
  auto page = h.market.demands.list(req.caller(), status, bankView, req.paging());
  return Response::json(http::pageJson(page, [&](const DemandRow& d) { return demandOut(h, d); }));
}

Response get(Http& h, Request& req) {
  auto d = h.market.demands.visible(req.caller(), req.intParam("id"));
  if (!d) throw ApiError::notFound({"没有这项融资需求。", "No such demand."});
  json out = demandOut(h, *d);
  ApplicationFilter f;
  f.demandId = d->id;
  json apps = json::array();
  for (const auto& a : h.market.applications.list(req.caller(), f, {1, 100}).items)
    apps.push_back(applicationJson(a, h.market.oversight.clockOf(a)));
  out["applications"] = apps;
  return Response::json(out);
}

Response withdraw(Http& h, Request& req) {
  int64_t enterpriseId = requireOwnEnterprise(h, req);
  auto actor = audit::actorOf(req);
  return Response::json(demandOut(h, h.market.demands.withdraw(acting(req, actor), enterpriseId, req.intParam("id"))));
}

Response claim(Http& h, Request& req) {
  requireBank(req, "只有银行可以接单。", "Only banks claim demands.");
  auto actor = audit::actorOf(req);
  auto a = h.market.demands.claim(acting(req, actor), req.intParam("id"));
  return Response::json(applicationJson(a, h.market.oversight.clockOf(a)), 201);
}

}  // namespace

void addDemandRoutes(http::Router& router, const std::shared_ptr<Http>& h) {
  using namespace auth::perm;
  http::addRoutes<Http>(
      router, h,
      {
          {"POST", "/api/v1/finance/demands", kDemandManage,
           "发布融资需求：到需求池供银行接单，或带 productId 定向申请一个产品", publish},
          {"GET", "/api/v1/finance/demands", kFinanceRead,
           "融资需求列表（企业：本企业的；银行：view=opportunities 商机、pool 需求池、mine 本行经办；政府：辖区内）", list},
          {"GET", "/api/v1/finance/demands/{id:int}", kFinanceRead, "融资需求详情（及其申请）", get},
          {"POST", "/api/v1/finance/demands/{id:int}/withdraw", kDemandManage, "撤回尚未被接单的融资需求", withdraw},
          {"POST", "/api/v1/finance/demands/{id:int}/claim", kDealHandle,
           "银行接单：同一时间只有一家银行持有；两家同时接单只有一家成功，另一家得到 409", claim},
      });
}

}  // namespace jinfu::finance
