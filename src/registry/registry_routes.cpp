#include "registry/registry_routes.hpp"

#include <nlohmann/json.hpp>

#include "platform/audit/actions.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/http/router.hpp"
#include "registry/registry_store.hpp"

namespace jinfu::registry {

void addRoutes(http::Router& router, RegistryStore& store, audit::AuditLog& audit) {
  router.add({"GET", "/api/v1/summary", std::string(http::kPublic), "平台概况：市场主体、合作银行、双创载体数量",
              [&store](http::Request&) {
                auto s = store.summary();
                return http::Response::json({{"enterprises", s.enterprises}, {"banks", s.banks}, {"parks", s.parks}});
              }});

  router.add({"GET", "/api/v1/enterprises/{id:int}", std::string(auth::perm::kEnterpriseRead),
              "查看企业登记信息（数据范围内，每次查看均记入审计日志）", [&store, &audit](http::Request& req) {
                auto e = store.enterprise(auth::scopeOf(req.caller()), req.intParam("id"));
                if (!e) throw ApiError::notFound({"企业不存在。", "No such enterprise."});
                audit.record(audit::actorOf(req), {std::string(audit::action::kEnterpriseRead), "success", "enterprise",
                                                   std::to_string(e->id), std::nullopt, std::nullopt, e->uscc});
                auto optional = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
                return http::Response::json({{"id", e->id},
                                             {"uscc", e->uscc},
                                             {"name", e->name},
                                             {"regionCode", e->regionCode},
                                             {"industrySection", e->industrySection},
                                             {"industryDivision", e->industryDivision},
                                             {"sizeClass", e->sizeClass},
                                             {"establishedOn", e->establishedOn},
                                             {"status", e->status},
                                             {"address", e->address},
                                             {"registeredCapitalFen", e->registeredCapitalFen},
                                             {"employees", optional(e->employees)},
                                             {"parkName", optional(e->parkName)}});
              }});
}

}  // namespace jinfu::registry
