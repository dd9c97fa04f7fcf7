#include "finance/routes.hpp"
#include "platform/json.hpp"

#include <memory>

#include <nlohmann/json.hpp>

#include "finance/application/reasons.hpp"
#include "finance/product/product_json.hpp"
#include "finance/oversight/oversight_json.hpp"
#include "finance/route_support.hpp"
#include "platform/audit/actions.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/http/router.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;

http::Response catalogue(Http& h, http::Request&) {
  json reasons = json::array();
  for (const auto& r : rejectionReasons())
    reasons.push_back({{"code", r.code}, {"zh", r.zh}, {"remedy", r.remedy}, {"department", r.department},
                       {"fixable", r.fixable}});
  json states = json::array();
  for (int i = 0; i <= static_cast<int>(State::Lapsed); ++i)
    states.push_back({{"code", code(static_cast<State>(i))}, {"zh", zh(static_cast<State>(i))}});
  json commands = json::array();
  for (int i = 0; i <= static_cast<int>(Command::Lapse); ++i) {
    auto c = static_cast<Command>(i);
    commands.push_back({{"code", code(c)}, {"zh", zh(c)}, {"actor", code(actorOf(c))}});
  }
  auto& c = h.market.context;
  auto lpr = lpr1yBp(c.today());
  return http::Response::json({{"productKinds", named(productKinds())},
                               {"repaymentMethods", named(repaymentMethods())},
                               {"guarantees", named(guaranteeKinds())},
                               {"urgencies", named(urgencies())},
                               {"states", states},
                               {"commands", commands},
                               {"reasons", reasons},
                               {"creditGrades", c.creditGrades()},
                               {"limits", limitsJson(c.limits())},
                               {"lpr1yBp", orNull(lpr)}});
}

}  // namespace

int64_t requireOwnEnterprise(Http& h, const http::Request& req) {
  return h.market.context.requireOwnEnterprise(req.caller(), audit::actorOf(req), req.method + " " + req.path);
}

void requireBank(const http::Request& req, const char* zh, const char* en) {
  if (req.caller().orgKind != auth::OrgKind::Bank) throw ApiError(403, "bank_only", statusTitle(403), {zh, en});
}

void addRoutes(http::Router& router, Market& market, ConsentStore& consents, audit::AuditLog& audit) {
  auto h = std::make_shared<Http>(Http{market, consents, audit});
  http::addRoutes<Http>(router, h,
                        {{"GET", "/api/v1/finance/catalogue", auth::perm::kFinanceRead,
                          "融资对接的代码表：产品类型、还款方式、担保方式、紧急程度、申请状态、拒绝原因目录、信用等级、时限与当前 LPR",
                          catalogue}});
  addProductRoutes(router, h);
  addDemandRoutes(router, h);
  addApplicationRoutes(router, h);
  addOversightRoutes(router, h);
}

}  // namespace jinfu::finance
