#include "finance/consent_routes.hpp"

#include <chrono>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "finance/consent_store.hpp"
#include "platform/audit/actions.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;

json consentJson(const ConsentRow& r, const std::string& now) {
  json scopes = json::array();
  for (const auto& s : r.consent.scopes) {
    const auto* scope = findConsentScope(s);
    scopes.push_back({{"code", s}, {"zh", scope ? scope->zh : s}});
  }
  return {{"id", r.consent.id},
          {"enterprise", {{"id", r.consent.enterpriseId}, {"name", r.enterpriseName}, {"uscc", r.enterpriseUscc}}},
          {"bank", {{"id", r.consent.bankId}, {"name", r.bankName}}},
          {"scopes", scopes},
          {"purpose", r.purpose},
          {"grantedBy", r.grantedBy},
          {"grantedAt", r.consent.grantedAt},
          {"expiresAt", r.consent.expiresAt},
          {"revokedAt", r.consent.revokedAt ? json(*r.consent.revokedAt) : json(nullptr)},
          {"status", r.consent.statusAt(now)}};
}

// The caller's own enterprise, for the routes only an enterprise may use; a refusal is audited.
int64_t ownEnterprise(ConsentStore& store, audit::AuditLog& audit, const http::Request& req) {
  const auto& caller = req.caller();
  std::optional<int64_t> id;
  if (caller.orgKind == "enterprise" && caller.uscc) id = store.enterpriseIdOf(*caller.uscc);
  if (!id) {
    audit.record(audit::actorOf(req), {std::string(audit::action::kAccessDenied), "denied", "route",
                                       req.method + " " + req.path, std::nullopt, std::nullopt,
                                       "不是已登记企业的用户"});
    throw ApiError(403, "enterprise_only", statusTitle(403),
                   {"只有企业用户可以管理本企业的数据授权。", "Only an enterprise's own users manage its consents."});
  }
  return *id;
}



}  // namespace

void addConsentRoutes(http::Router& router, db::Database& db, ConsentStore& store, audit::AuditLog& audit,
                      const Clock& clock) {
  router.add({"POST", "/api/v1/consents", std::string(auth::perm::kConsentManage),
              "企业授权银行查看本企业数据（范围、期限，默认 30 天；记入审计日志）",
              [&](http::Request& req) {
                int64_t enterpriseId = ownEnterprise(store, audit, req);
                json body = req.jsonBody();
                ConsentRequest r;
                std::vector<FieldError> shape;
                if (auto b = body.find("bankId"); b != body.end() && b->is_number_integer()) r.bankId = b->get<int64_t>();
                if (auto s = body.find("scopes"); s != body.end()) {
                  if (!s->is_array()) shape.push_back({"scopes", {"授权范围应为数组。", "scopes must be an array."}});
                  else
                    for (const auto& v : *s) {
                      if (v.is_string()) r.scopes.push_back(v.get<std::string>());
                      else shape.push_back({"scopes", {"授权范围应为文本代码。", "A scope is a code."}});
                    }
                }
                if (auto d = body.find("days"); d != body.end() && !d->is_null()) {
                  if (!d->is_number_integer()) shape.push_back({"days", {"授权天数应为整数。", "days must be an integer."}});
                  else r.days = static_cast<int>(std::clamp<int64_t>(d->get<int64_t>(), -1, 100000));
                }
                if (auto p = body.find("purpose"); p != body.end() && !p->is_null()) {
                  if (!p->is_string()) shape.push_back({"purpose", {"用途应为文本。", "purpose must be text."}});
                  else r.purpose = p->get<std::string>();
                }
                if (!shape.empty()) throw ApiError::validation(std::move(shape));
                // Every problem at once: the request's own, and a bank that is not one.
                std::vector<FieldError> problems;
                try {
                  checkConsentRequest(r);
                } catch (const ApiError& e) {
                  problems = e.errors();
                }
                auto bank = r.bankId > 0 ? store.bankName(r.bankId) : std::nullopt;
                if (r.bankId > 0 && !bank) problems.insert(problems.begin(), {"bankId", {"没有这家银行。", "No such bank."}});
                if (!problems.empty()) throw ApiError::validation(std::move(problems));
                Consent c;
                c.enterpriseId = enterpriseId;
                c.bankId = r.bankId;
                c.scopes = r.scopes;
                const auto now = clock.now();  // one reading: the period is exactly `days` days
                c.grantedAt = rfc3339Shanghai(now);
                c.expiresAt = rfc3339Shanghai(now + std::chrono::hours(24) * r.days);
                auto actor = audit::actorOf(req);
                int64_t id = db.transaction([&](soci::session& tx) {
                  int64_t newId = store.insert(tx, c, req.caller().userId, r.purpose);
                  audit.append(tx, actor,
                               {std::string(audit::action::kConsentGrant), "success", "consent", std::to_string(newId),
                                std::nullopt,
                                json({{"bank", *bank}, {"scopes", c.scopes}, {"expiresAt", c.expiresAt}}).dump(),
                                *bank});
                  return newId;
                });
                return http::Response::json(consentJson(*store.byId(id), rfc3339Shanghai(clock.now())), 201);
              }});

  router.add({"GET", "/api/v1/consents", std::string(auth::perm::kConsentRead),
              "数据授权列表（企业：本企业作出的；银行：本行获得的）", [&](http::Request& req) {
                const auto& caller = req.caller();
                std::vector<ConsentRow> rows;
                if (caller.orgKind == "enterprise" && caller.uscc) {
                  if (auto id = store.enterpriseIdOf(*caller.uscc)) rows = store.forEnterprise(*id);
                } else if (caller.orgKind == "bank") {
                  rows = store.forBank(caller.organisationId);
                }
                std::string now = rfc3339Shanghai(clock.now());
                json items = json::array();
                for (const auto& r : rows) items.push_back(consentJson(r, now));
                json scopes = json::array();
                for (const auto& s : consentScopes()) scopes.push_back({{"code", s.code}, {"zh", s.zh}});
                return http::Response::json({{"items", items}, {"scopes", scopes}});
              }});

  router.add({"DELETE", "/api/v1/consents/{id:int}", std::string(auth::perm::kConsentManage),
              "撤回数据授权（立即生效；记入审计日志）", [&](http::Request& req) {
                int64_t enterpriseId = ownEnterprise(store, audit, req);
                auto row = store.byId(req.intParam("id"));
                if (!row || row->consent.enterpriseId != enterpriseId)
                  throw ApiError::notFound({"没有这项数据授权。", "No such consent."});
                std::string now = rfc3339Shanghai(clock.now());
                auto actor = audit::actorOf(req);
                bool revoked = db.transaction([&](soci::session& tx) {
                  bool done = store.revoke(tx, row->consent.id, req.caller().userId, now);
                  if (done)
                    audit.append(tx, actor,
                                 {std::string(audit::action::kConsentRevoke), "success", "consent",
                                  std::to_string(row->consent.id), std::nullopt, std::nullopt, row->bankName});
                  return done;
                });
                if (!revoked)
                  throw ApiError::conflict("consent_not_live",
                                           {"这项授权已撤回或已过期，无需撤回。", "The consent is already revoked or expired."});
                return http::Response::json(consentJson(*store.byId(row->consent.id), now));
              }});

  router.add({"GET", "/api/v1/consents/reads", std::string(auth::perm::kConsentManage),
              "谁查看了我的数据：其他机构查看本企业信息与信用画像的记录", [&](http::Request& req) {
                int64_t enterpriseId = ownEnterprise(store, audit, req);
                json items = json::array();
                for (const auto& r : store.reads(enterpriseId, req.caller().organisationId, 500))
                  items.push_back({{"at", r.at},
                                   {"organisation", r.organisationName},
                                   {"username", r.username},
                                   {"action", r.action},
                                   {"actionZh", audit::action::nameZh(r.action)},
                                   {"detail", r.detail}});
                return http::Response::json({{"items", items}});
              }});
}

auth::ConsentCheck consentCheck(ConsentStore& store, const Clock& clock) {
  return [&store, &clock](int64_t enterpriseId, int64_t orgId, std::string_view scope) {
    return store.live(enterpriseId, orgId, std::string(scope), rfc3339Shanghai(clock.now()));
  };
}

}  // namespace jinfu::finance
