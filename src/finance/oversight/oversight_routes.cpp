// 对接总览, 超时督办 and the time-limit settings over HTTP: a table of named handlers.
#include "finance/oversight/oversight_json.hpp"
#include "finance/route_support.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/http/envelope.hpp"
#include "platform/http/fields.hpp"
#include "platform/http/router.hpp"

namespace jinfu::finance {
namespace {

using http::Request;
using http::Response;

Response overview(Http& h, Request& req) { return Response::json(funnelJson(h.market.oversight.funnel(req.caller()))); }

Response overdue(Http& h, Request& req) {
  http::QueryReader q(req);
  bool openOnly = q.boolean("open").value_or(true);
  q.check();
  return Response::json(http::pageJson(h.market.oversight.overdue(req.caller(), openOnly, req.paging()), overdueJson));
}

Response settings(Http& h, Request&) { return Response::json(limitsJson(h.market.oversight.limits())); }

Response saveSettings(Http& h, Request& req) {
  const TimeLimits was = h.market.oversight.limits();
  TimeLimits l = readLimits(req.jsonBody(), was);
  bool changed = l.claimOrRespond != was.claimOrRespond || l.firstContact != was.firstContact || l.decision != was.decision;
  auto actor = audit::actorOf(req);
  if (changed) h.market.oversight.saveLimits(acting(req, actor), l);  // nothing to record otherwise
  return Response::json(limitsJson(l));
}

Response sweep(Http& h, Request&) { return Response::json(sweepJson(h.market.sweep(h.market.today()))); }

}  // namespace

void addOversightRoutes(http::Router& router, const std::shared_ptr<Http>& h) {
  using namespace auth::perm;
  http::addRoutes<Http>(
      router, h,
      {
          {"GET", "/api/v1/finance/overview", kFinanceStats,
           "对接总览：发布 → 接单 → 授信 → 放款的漏斗（笔数与金额），按银行和按园区，限辖区", overview},
          {"GET", "/api/v1/finance/overdue", kFinanceRead,
           "超时督办：超过时限的接单、首次联系与审批（政府：辖区内；银行：本行；企业：本企业）", overdue},
          {"GET", "/api/v1/finance/settings", kFinanceRead, "对接时限设置（工作日）", settings},
          {"PUT", "/api/v1/finance/settings", kFinanceManage, "修改对接时限（工作日，1 到 60）", saveSettings},
          {"POST", "/api/v1/finance/sweep", kFinanceManage, "立即执行一次超时检查（通常由调度器每分钟执行）", sweep},
      });
}

}  // namespace jinfu::finance
