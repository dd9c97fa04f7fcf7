// 数据授权 over HTTP: a table of named handlers (docs/finance-api.md).
#include "finance/consent/consent_routes.hpp"

#include <memory>

#include "finance/consent/consent_json.hpp"
#include "finance/consent/consent_service.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/clock.hpp"
#include "platform/http/router.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;
using http::Request;
using http::Response;

int64_t ownEnterprise(ConsentService& s, const Request& req) {
  return s.requireOwnEnterprise(req.caller(), audit::actorOf(req), req.method + " " + req.path);
}

Response grant(ConsentService& s, Request& req) {
  int64_t enterpriseId = ownEnterprise(s, req);
  auto request = readConsentRequest(req.jsonBody());
  auto row = s.grant(req.caller(), audit::actorOf(req), enterpriseId, request);
  return Response::json(consentJson(row, s.now()), 201);
}

Response list(ConsentService& s, Request& req) {
  std::string now = s.now();
  json items = json::array();
  for (const auto& r : s.list(req.caller())) items.push_back(consentJson(r, now));
  return Response::json({{"items", items}, {"scopes", scopesJson()}});
}

Response revoke(ConsentService& s, Request& req) {
  int64_t enterpriseId = ownEnterprise(s, req);
  auto row = s.revoke(req.caller(), audit::actorOf(req), enterpriseId, req.intParam("id"));
  return Response::json(consentJson(row, s.now()));
}

Response reads(ConsentService& s, Request& req) {
  int64_t enterpriseId = ownEnterprise(s, req);
  json items = json::array();
  for (const auto& r : s.reads(req.caller(), enterpriseId)) items.push_back(readJson(r));
  return Response::json({{"items", items}});
}

}  // namespace

void addConsentRoutes(http::Router& router, const std::shared_ptr<ConsentService>& service) {
  using namespace auth::perm;
  http::addRoutes<ConsentService>(
      router, service,
      {
          {"POST", "/api/v1/consents", kConsentManage, "企业授权银行查看本企业数据（范围、期限，默认 30 天；记入审计日志）",
           grant},
          {"GET", "/api/v1/consents", kConsentRead, "数据授权列表（企业：本企业作出的；银行：本行获得的）", list},
          {"DELETE", "/api/v1/consents/{id:int}", kConsentManage, "撤回数据授权（立即生效；记入审计日志）", revoke},
          {"GET", "/api/v1/consents/reads", kConsentManage, "谁查看了我的数据：其他机构查看本企业信息与信用画像的记录",
           reads},
      });
}

auth::ConsentCheck consentCheck(ConsentStore& store, const Clock& clock) {
  return [&store, &clock](int64_t enterpriseId, int64_t orgId, std::string_view scope) {
    return store.live(enterpriseId, orgId, std::string(scope), rfc3339Shanghai(clock.now()));
  };
}

auth::ConsentedEnterprises consentedEnterprises(ConsentStore& store, const Clock& clock) {
  return [&store, &clock](int64_t orgId, std::string_view scope) {
    return store.enterprisesOf(orgId, std::string(scope), rfc3339Shanghai(clock.now()));
  };
}

}  // namespace jinfu::finance
