#include <algorithm>
#include <regex>

#include <nlohmann/json.hpp>

#include "platform/auth/account_service.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/auth_routes.hpp"
#include "platform/auth/authenticator.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/auth/views.hpp"
#include "platform/db/database.hpp"
#include "platform/http/fields.hpp"
#include "platform/http/envelope.hpp"
#include "platform/http/router.hpp"
#include "platform/uscc.hpp"

namespace jinfu::auth {
namespace {

using http::Request;
using http::Response;

bool validRegion(const std::string& r) {
  static const std::regex pattern("^[1-8][0-9]{5}$");
  return std::regex_match(r, pattern);
}

ApiError userMissing() { return ApiError::notFound({"用户不存在。", "No such user."}); }
ApiError orgMissing() { return ApiError::notFound({"机构不存在。", "No such organisation."}); }

Acting actingOf(const Request& req) { return {req.caller(), audit::actorOf(req)}; }

// The user a route names, if the caller may manage it: 404 otherwise, before the body is read.
std::pair<Acting, int64_t> manageableUser(AccountService& accounts, const Request& req) {
  auto by = actingOf(req);
  auto id = req.intParam("id");
  if (!accounts.user(by, id)) throw userMissing();
  return {std::move(by), id};
}

// The reader's problems so far, handed to the service, which adds its own and answers with all.
Problems problemsOf(const http::FieldReader& f) {
  try {
    f.check();
  } catch (const ApiError& e) {
    return e.errors();
  }
  return {};
}



}  // namespace

void addAdminRoutes(http::Router& router, AccountService& accounts, Authenticator& auth) {
  auto& store = accounts.store();
  // ---- users ----
  router.add({"GET", "/api/v1/users", std::string(perm::kUserRead), "用户列表（数据范围内）", [&](Request& req) {
                const auto& me = req.caller();
                auto paging = req.paging();
                UserFilter filter;
                filter.q = req.queryValue("q").value_or("");
                filter.organisationId = req.queryId("organisationId");
                filter.role = req.queryValue("role").value_or("");
                if (auto status = req.queryValue("status"); status && !status->empty()) {
                  if (*status != "active" && *status != "disabled")
                    throw ApiError::badRequest("invalid_query_parameter", {"查询参数格式不正确。", "A query parameter is malformed."},
                                               {{"status", {"应为 active、disabled 之一。", "Must be one of active, disabled."}}});
                  filter.disabled = *status == "disabled";
                }
                auto result = store.users(scopeOf(me), filter, paging.page, paging.pageSize);
                auto now = auth.now();
                return Response::json(http::pageJson(result, [&](const UserRow& u) { return userJson(u, me, now); }));
              }});

  router.add({"POST", "/api/v1/users", std::string(perm::kUserManage), "新建用户", [&](Request& req) {
                auto body = req.jsonBody();
                http::FieldReader f(body);
                NewUser u;
                u.username = f.text("username", 64);
                u.displayName = f.text("displayName", 50);
                u.mobile = f.optText("mobile", 20);
                if (u.mobile && u.mobile->empty()) u.mobile.reset();
                u.password = f.text("password", 128);
                u.organisationId = f.integer("organisationId", 1, INT64_MAX);
                u.roles = f.optTexts("roles", 10, 40).value_or(std::vector<std::string>{});
                auto created = accounts.createUser(actingOf(req), u, problemsOf(f));
                return Response::json(userJson(created, req.caller(), auth.now()), 201);
              }}).maxInFlight = maxConcurrentPasswordWork();  // argon2id: see PasswordSlot

  router.add({"GET", "/api/v1/users/{id:int}", std::string(perm::kUserRead), "查看用户", [&](Request& req) {
                const auto& me = req.caller();
                auto u = store.user(scopeOf(me), req.intParam("id"));
                if (!u) throw userMissing();
                return Response::json(userJson(*u, me, auth.now()));
              }});

  router.add({"PATCH", "/api/v1/users/{id:int}", std::string(perm::kUserManage), "修改用户（姓名、手机、角色、停用）",
              [&](Request& req) {
                auto [by, id] = manageableUser(accounts, req);
                auto body = req.jsonBody();
                http::FieldReader f(body);
                UserChange change;
                if (f.has("displayName")) change.displayName = f.text("displayName", 50);
                if (f.has("mobile")) change.mobile = f.optText("mobile", 20);
                else if (body.contains("mobile")) change.mobile = std::optional<std::string>();  // explicit null clears it
                change.roles = f.optTexts("roles", 10, 40);
                change.disabled = f.optBoolean("disabled");
                auto u = accounts.updateUser(by, id, change, problemsOf(f));
                return Response::json(userJson(u, by.principal, auth.now()));
              }});

  router.add({"PUT", "/api/v1/users/{id:int}/password", std::string(perm::kUserManage), "重置用户密码（结束其全部会话）",
              [&](Request& req) {
                auto [by, id] = manageableUser(accounts, req);
                auto body = req.jsonBody();
                http::FieldReader f(body);
                std::string password = f.text("password", 128);
                accounts.resetPassword(by, id, password, problemsOf(f));
                return Response::text("", "text/plain", 204);
              }}).maxInFlight = maxConcurrentPasswordWork();  // argon2id: see PasswordSlot

  // ---- organisations ----
  router.add({"GET", "/api/v1/organisations", std::string(perm::kOrgRead), "机构列表（数据范围内）", [&](Request& req) {
                auto paging = req.paging();
                OrganisationFilter filter{req.queryValue("q").value_or(""), req.queryValue("kind").value_or(""),
                                          req.queryValue("regionCode").value_or("")};
                auto result = store.organisations(scopeOf(req.caller()), filter, paging.page, paging.pageSize);
                return Response::json(http::pageJson(result, organisationJson));
              }});

  router.add({"GET", "/api/v1/organisations/{id:int}", std::string(perm::kOrgRead), "查看机构", [&](Request& req) {
                auto o = store.organisation(scopeOf(req.caller()), req.intParam("id"));
                if (!o) throw orgMissing();
                return Response::json(organisationJson(*o));
              }});

  auto readOrganisation = [&store](http::FieldReader& f, OrganisationRow& o, bool creating) {
    if (creating || f.has("name")) o.name = f.text("name", 100);
    if (f.has("shortName")) o.shortName = f.optText("shortName", 30).value_or("");
    if (creating || f.has("regionCode")) {
      o.regionCode = f.text("regionCode", 6);
      if (!f.failed("regionCode") && !validRegion(o.regionCode))
        f.fail("regionCode", {"应为 6 位行政区划代码。", "Must be a 6-digit region code."});
    }
    if (creating) {
      o.kind = f.text("kind", 20);
      if (!f.failed("kind") && !orgKindByCode(o.kind))
        f.fail("kind", {"机构类型无效。", "Unknown kind of organisation."});
      if (auto parent = f.optInteger("parentId", 1, INT64_MAX)) {
        DataScope all;
        all.kind = DataScope::Kind::All;
        if (!store.organisation(all, *parent)) f.fail("parentId", {"上级机构不存在。", "No such parent organisation."});
        o.parentId = parent;
      }
      if (auto code = f.optText("uscc", 40)) {
        auto parsed = Uscc::parse(*code);
        if (!parsed) f.fail("uscc", {parsed.issue().reasonZh, parsed.issue().reasonEn});
        else o.uscc = std::string(parsed.value().str());
      }
      if (o.kind == "enterprise" && !o.uscc && !f.failed("uscc"))
        f.fail("uscc", {"企业须填写统一社会信用代码。", "An enterprise needs its unified social credit code."});
    }
    if (auto disabled = f.optBoolean("disabled")) o.disabled = *disabled;
  };

  router.add({"POST", "/api/v1/organisations", std::string(perm::kOrgManage), "新建机构", [&, readOrganisation](Request& req) {
                auto body = req.jsonBody();
                http::FieldReader f(body);
                OrganisationRow o;
                readOrganisation(f, o, true);
                f.check();
                return Response::json(organisationJson(accounts.createOrganisation(actingOf(req), o)), 201);
              }});

  router.add({"PATCH", "/api/v1/organisations/{id:int}", std::string(perm::kOrgManage), "修改机构",
              [&, readOrganisation](Request& req) {
                auto before = store.organisation(scopeOf(req.caller()), req.intParam("id"));
                if (!before) throw orgMissing();
                auto body = req.jsonBody();
                http::FieldReader f(body);
                OrganisationRow o = *before;
                readOrganisation(f, o, false);
                f.check();
                return Response::json(organisationJson(accounts.updateOrganisation(actingOf(req), o)));
              }});

  // ---- roles ----
  router.add({"GET", "/api/v1/roles", std::string(perm::kRoleRead), "角色与权限（只读）", [](Request& req) {
                bool en = req.lang == Lang::En;
                auto roles = nlohmann::json::array();
                for (const auto& r : allRoles()) {
                  auto perms = nlohmann::json::array();
                  for (auto p : r.permissions) perms.push_back(p);
                  roles.push_back({{"code", r.code}, {"name", en ? r.nameEn : r.nameZh}, {"nameEn", r.nameEn},
                                   {"orgKind", r.orgKind}, {"permissions", perms}});
                }
                auto permissions = nlohmann::json::array();
                for (const auto& p : allPermissions())
                  permissions.push_back({{"code", p.code}, {"name", en ? p.nameEn : p.nameZh}, {"nameEn", p.nameEn}});
                return Response::json({{"roles", roles}, {"permissions", permissions}});
              }});

  // ---- API tokens ----
  router.add({"GET", "/api/v1/tokens", std::string(perm::kTokenManage), "接口令牌列表", [&](Request& req) {
                auto items = nlohmann::json::array();
                for (const auto& t : store.tokens(scopeOf(req.caller()))) items.push_back(tokenJson(t));
                return Response::json({{"items", items}});
              }});

  router.add({"POST", "/api/v1/tokens", std::string(perm::kTokenManage), "签发接口令牌（仅显示一次）", [&](Request& req) {
                auto by = actingOf(req);
                auto body = req.jsonBody();
                http::FieldReader f(body);
                NewToken t;
                t.name = f.text("name", 50);
                t.permissions = f.optTexts("permissions", 20, 40).value_or(std::vector<std::string>{});
                t.days = static_cast<int>(f.integer("expiresInDays", 1, 365));
                auto issued = accounts.issueToken(by, by.principal, t, problemsOf(f));
                auto json = tokenJson(issued.row);
                json["token"] = issued.token;
                return Response::json(json, 201);
              }});

  router.add({"DELETE", "/api/v1/tokens/{id:int}", std::string(perm::kTokenManage), "吊销接口令牌", [&](Request& req) {
                accounts.revokeToken(actingOf(req), req.intParam("id"));
                return Response::text("", "text/plain", 204);
              }});
}

}  // namespace jinfu::auth
