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

// What the handlers share: the account service (its store for reads) and the clock.
struct Admin {
  AccountService& accounts;
  Authenticator& auth;
  IdentityStore& store() { return accounts.store(); }
};

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

// ---- users ----

Response listUsers(Admin& a, Request& req) {
  const auto& me = req.caller();
  http::QueryReader q(req);
  UserFilter filter;
  filter.q = q.text("q", 100).value_or("");
  filter.organisationId = q.id("organisationId");
  filter.role = q.text("role", 40).value_or("");
  if (auto status = q.oneOf("status", {"active", "disabled"})) filter.disabled = *status == "disabled";
  q.check();
  auto paging = req.paging();
  auto result = a.store().users(scopeOf(me), filter, paging.page, paging.pageSize);
  auto now = a.auth.now();
  return Response::json(http::pageJson(result, [&](const UserRow& u) { return userJson(u, me, now); }));
}

Response createUser(Admin& a, Request& req) {
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
  auto created = a.accounts.createUser(actingOf(req), u, problemsOf(f));
  return Response::json(userJson(created, req.caller(), a.auth.now()), 201);
}

Response getUser(Admin& a, Request& req) {
  const auto& me = req.caller();
  auto u = a.store().user(scopeOf(me), req.intParam("id"));
  if (!u) throw userMissing();
  return Response::json(userJson(*u, me, a.auth.now()));
}

Response updateUser(Admin& a, Request& req) {
  auto [by, id] = manageableUser(a.accounts, req);
  auto body = req.jsonBody();
  http::FieldReader f(body);
  UserChange change;
  if (f.has("displayName")) change.displayName = f.text("displayName", 50);
  if (f.has("mobile")) change.mobile = f.optText("mobile", 20);
  else if (body.contains("mobile")) change.mobile = std::optional<std::string>();  // explicit null clears it
  change.roles = f.optTexts("roles", 10, 40);
  change.disabled = f.optBoolean("disabled");
  auto u = a.accounts.updateUser(by, id, change, problemsOf(f));
  return Response::json(userJson(u, by.principal, a.auth.now()));
}

Response resetPassword(Admin& a, Request& req) {
  auto [by, id] = manageableUser(a.accounts, req);
  auto body = req.jsonBody();
  http::FieldReader f(body);
  std::string password = f.text("password", 128);
  a.accounts.resetPassword(by, id, password, problemsOf(f));
  return Response::text("", "text/plain", 204);
}

// ---- organisations ----

std::vector<std::string_view> orgKindCodes() {
  std::vector<std::string_view> out;
  for (const auto& [kind, text] : kOrgKinds) out.push_back(text);
  return out;
}

Response listOrganisations(Admin& a, Request& req) {
  http::QueryReader q(req);
  OrganisationFilter filter;
  filter.q = q.text("q", 100).value_or("");
  if (auto kind = q.oneOf("kind", orgKindCodes())) filter.kind = orgKindByCode(*kind);
  filter.regionCode = q.text("regionCode", 6).value_or("");
  q.check();
  auto paging = req.paging();
  auto result = a.store().organisations(scopeOf(req.caller()), filter, paging.page, paging.pageSize);
  return Response::json(http::pageJson(result, organisationJson));
}

Response getOrganisation(Admin& a, Request& req) {
  auto o = a.store().organisation(scopeOf(req.caller()), req.intParam("id"));
  if (!o) throw orgMissing();
  return Response::json(organisationJson(*o));
}

// The fields of an organisation a body sets; `creating` also reads those fixed at creation.
void readOrganisation(IdentityStore& store, http::FieldReader& f, OrganisationRow& o, bool creating) {
  if (creating || f.has("name")) o.name = f.text("name", 100);
  if (f.has("shortName")) o.shortName = f.optText("shortName", 30).value_or("");
  if (creating || f.has("regionCode")) {
    o.regionCode = f.text("regionCode", 6);
    if (!f.failed("regionCode") && !validRegion(o.regionCode))
      f.fail("regionCode", {"应为 6 位行政区划代码。", "Must be a 6-digit region code."});
  }
  if (creating) {
    auto kind = f.text("kind", 20);
    if (auto k = orgKindByCode(kind)) o.kind = *k;
    else if (!f.failed("kind")) f.fail("kind", {"机构类型无效。", "Unknown kind of organisation."});
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
    if (!f.failed("kind") && o.kind == OrgKind::Enterprise && !o.uscc && !f.failed("uscc"))
      f.fail("uscc", {"企业须填写统一社会信用代码。", "An enterprise needs its unified social credit code."});
  }
  if (auto disabled = f.optBoolean("disabled")) o.disabled = *disabled;
}

Response createOrganisation(Admin& a, Request& req) {
  auto body = req.jsonBody();
  http::FieldReader f(body);
  OrganisationRow o;
  readOrganisation(a.store(), f, o, true);
  f.check();
  return Response::json(organisationJson(a.accounts.createOrganisation(actingOf(req), o)), 201);
}

Response updateOrganisation(Admin& a, Request& req) {
  auto before = a.store().organisation(scopeOf(req.caller()), req.intParam("id"));
  if (!before) throw orgMissing();
  auto body = req.jsonBody();
  http::FieldReader f(body);
  OrganisationRow o = *before;
  readOrganisation(a.store(), f, o, false);
  f.check();
  return Response::json(organisationJson(a.accounts.updateOrganisation(actingOf(req), o)));
}

// ---- roles ----

Response listRoles(Admin&, Request& req) { return Response::json(rolesJson(req.lang == Lang::En)); }

// ---- API tokens ----

Response listTokens(Admin& a, Request& req) {
  auto items = nlohmann::json::array();
  for (const auto& t : a.store().tokens(scopeOf(req.caller()))) items.push_back(tokenJson(t));
  return Response::json({{"items", items}});
}

Response issueToken(Admin& a, Request& req) {
  auto by = actingOf(req);
  auto body = req.jsonBody();
  http::FieldReader f(body);
  NewToken t;
  t.name = f.text("name", 50);
  t.permissions = f.optTexts("permissions", 20, 40).value_or(std::vector<std::string>{});
  t.days = static_cast<int>(f.integer("expiresInDays", 1, 365));
  auto issued = a.accounts.issueToken(by, by.principal, t, problemsOf(f));
  auto json = tokenJson(issued.row);
  json["token"] = issued.token;
  return Response::json(json, 201);
}

Response revokeToken(Admin& a, Request& req) {
  a.accounts.revokeToken(actingOf(req), req.intParam("id"));
  return Response::text("", "text/plain", 204);
}

}  // namespace

void addAdminRoutes(http::Router& router, AccountService& accounts, Authenticator& auth) {
  using namespace perm;
  const int hashing = maxConcurrentPasswordWork();  // argon2id: see PasswordSlot
  http::addRoutes<Admin>(router, std::make_shared<Admin>(Admin{accounts, auth}), {
      {"GET", "/api/v1/users", kUserRead, "用户列表（数据范围内）", listUsers},
      {"POST", "/api/v1/users", kUserManage, "新建用户", createUser, hashing},
      {"GET", "/api/v1/users/{id:int}", kUserRead, "查看用户", getUser},
      {"PATCH", "/api/v1/users/{id:int}", kUserManage, "修改用户（姓名、手机、角色、停用）", updateUser},
      {"PUT", "/api/v1/users/{id:int}/password", kUserManage, "重置用户密码（结束其全部会话）", resetPassword, hashing},
      {"GET", "/api/v1/organisations", kOrgRead, "机构列表（数据范围内）", listOrganisations},
      {"GET", "/api/v1/organisations/{id:int}", kOrgRead, "查看机构", getOrganisation},
      {"POST", "/api/v1/organisations", kOrgManage, "新建机构", createOrganisation},
      {"PATCH", "/api/v1/organisations/{id:int}", kOrgManage, "修改机构", updateOrganisation},
      {"GET", "/api/v1/roles", kRoleRead, "角色与权限（只读）", listRoles},
      {"GET", "/api/v1/tokens", kTokenManage, "接口令牌列表", listTokens},
      {"POST", "/api/v1/tokens", kTokenManage, "签发接口令牌（仅显示一次）", issueToken},
      {"DELETE", "/api/v1/tokens/{id:int}", kTokenManage, "吊销接口令牌", revokeToken},
  });
}

}  // namespace jinfu::auth
