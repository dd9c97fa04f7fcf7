#include <algorithm>
#include <regex>

#include <nlohmann/json.hpp>

#include "platform/audit/actions.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/auth_routes.hpp"
#include "platform/auth/authenticator.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/auth/views.hpp"
#include "platform/db/database.hpp"
#include "platform/http/fields.hpp"
#include "platform/http/router.hpp"
#include "platform/uscc.hpp"

namespace jinfu::auth {
namespace {

using http::Request;
using http::Response;

const std::vector<std::string_view> kOrgKinds = {"operator", "government", "bank", "enterprise", "provider", "park"};

bool validMobile(const std::string& m) {
  static const std::regex pattern("^1[3-9][0-9]{9}$");
  return std::regex_match(m, pattern);
}

bool validRegion(const std::string& r) {
  static const std::regex pattern("^[1-8][0-9]{5}$");
  return std::regex_match(r, pattern);
}

ApiError userMissing() { return ApiError::notFound({"用户不存在。", "No such user."}); }
ApiError orgMissing() { return ApiError::notFound({"机构不存在。", "No such organisation."}); }

// Whether `caller` may give `role` to a user of `org`: the role must belong to the organisation's
// kind; below the platform, an administrator manages only organisations of its own kind and
// grants only roles whose permissions it holds itself.
std::optional<LocalText> roleProblem(const Principal& caller, const OrganisationRow& org, const std::string& role) {
  const auto* info = findRole(role);
  if (!info) return LocalText{"角色“" + role + "”不存在。", "No role \"" + role + "\"."};
  if (info->orgKind != org.kind)
    return LocalText{"角色“" + std::string(info->nameZh) + "”不适用于该类型的机构。",
                     "Role \"" + role + "\" does not fit this kind of organisation."};
  if (caller.orgKind != "operator")
    for (auto p : info->permissions)
      if (!caller.can(p))
        return LocalText{"您不能授予高于自身权限的角色“" + std::string(info->nameZh) + "”。",
                         "You cannot grant role \"" + role + "\", which can do more than you."};
  return std::nullopt;
}

// The organisation a caller may put users into, or nullopt.
std::optional<OrganisationRow> manageableOrganisation(IdentityStore& store, const Principal& caller, int64_t id) {
  auto org = store.organisation(scopeOf(caller), id);
  if (!org) return std::nullopt;
  if (caller.orgKind != "operator" && org->kind != caller.orgKind) return std::nullopt;
  return org;
}

void checkRoles(http::FieldReader& f, const Principal& caller, const OrganisationRow& org,
                const std::vector<std::string>& roles) {
  if (roles.empty()) f.fail("roles", {"至少选择一个角色。", "Choose at least one role."});
  for (size_t i = 0; i < roles.size(); ++i)
    if (auto problem = roleProblem(caller, org, roles[i])) f.fail("roles[" + std::to_string(i) + "]", *problem);
}

nlohmann::json page(const nlohmann::json& items, int64_t total, const http::Paging& p) {
  return {{"items", items}, {"total", total}, {"page", p.page}, {"pageSize", p.pageSize}};
}

}  // namespace

void addAdminRoutes(http::Router& router, IdentityStore& store, Authenticator& auth, audit::AuditLog& audit) {
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
                                               {{"status", {"应为 active 或 disabled。", "Must be active or disabled."}}});
                  filter.disabled = *status == "disabled";
                }
                auto result = store.users(scopeOf(me), filter, paging.page, paging.pageSize);
                auto items = nlohmann::json::array();
                for (const auto& u : result.items) items.push_back(userJson(u, me, auth.now()));
                return Response::json(page(items, result.total, paging));
              }});

  router.add({"POST", "/api/v1/users", std::string(perm::kUserManage), "新建用户", [&](Request& req) {
                const auto& me = req.caller();
                auto body = req.jsonBody();
                http::FieldReader f(body);
                UserRow u;
                u.username = f.text("username", 64);
                u.displayName = f.text("displayName", 50);
                u.mobile = f.optText("mobile", 20);
                if (u.mobile && u.mobile->empty()) u.mobile.reset();
                std::string password = f.text("password", 128);
                u.organisationId = f.integer("organisationId", 1, INT64_MAX);
                u.roles = f.optTexts("roles", 10, 40).value_or(std::vector<std::string>{});
                static const std::regex usernamePattern("^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$");
                if (!f.failed("username") && !std::regex_match(u.username, usernamePattern))
                  f.fail("username", {"用户名为 3–64 位字母、数字或 . _ -，以字母或数字开头。",
                                      "3–64 letters, digits or . _ -, starting with a letter or digit."});
                if (u.mobile && !validMobile(*u.mobile)) f.fail("mobile", {"手机号格式不正确。", "Not a mobile number."});
                auto org = f.failed("organisationId") ? std::nullopt : manageableOrganisation(store, me, u.organisationId);
                if (!org && !f.failed("organisationId"))
                  f.fail("organisationId", {"机构不存在或不在您的管理范围内。", "No such organisation within your reach."});
                if (org) checkRoles(f, me, *org, u.roles);
                if (!f.failed("password"))
                  if (auto problem = passwordProblem(password, u.username, u.mobile.value_or("")))
                    f.fail("password", *problem);
                f.check();
                if (store.usernameTaken(u.username))
                  throw ApiError::conflict("username_taken", {"用户名已被使用。", "The username is taken."});
                if (u.mobile && store.mobileTaken(*u.mobile, 0))
                  throw ApiError::conflict("mobile_taken", {"手机号已被其他用户使用。", "The mobile number is in use."});
                PasswordSlot slot;
                std::string hash = hashPassword(password);
                std::string now = auth.now();
                auto id = store.database().transaction([&](soci::session& tx) {
                  auto newId = store.createUser(tx, u, hash, now);
                  u.id = newId;
                  audit.append(tx, audit::actorOf(req), {std::string(audit::action::kUserCreate), "success", "user",
                                                         std::to_string(newId), std::nullopt, userAuditJson(u).dump(), ""});
                  return newId;
                });
                auto created = store.user(scopeOf(me), id);
                return Response::json(userJson(*created, me, auth.now()), 201);
              }}).maxInFlight = maxConcurrentPasswordWork();  // argon2id: see PasswordSlot

  router.add({"GET", "/api/v1/users/{id:int}", std::string(perm::kUserRead), "查看用户", [&](Request& req) {
                const auto& me = req.caller();
                auto u = store.user(scopeOf(me), req.intParam("id"));
                if (!u) throw userMissing();
                return Response::json(userJson(*u, me, auth.now()));
              }});

  router.add({"PATCH", "/api/v1/users/{id:int}", std::string(perm::kUserManage), "修改用户（姓名、手机、角色、停用）",
              [&](Request& req) {
                const auto& me = req.caller();
                auto before = store.user(scopeOf(me), req.intParam("id"));
                if (!before || (me.orgKind != "operator" && before->orgKind != me.orgKind)) throw userMissing();
                auto body = req.jsonBody();
                http::FieldReader f(body);
                UserRow u = *before;
                if (f.has("displayName")) u.displayName = f.text("displayName", 50);
                if (f.has("mobile")) {
                  u.mobile = f.optText("mobile", 20);
                  if (u.mobile && u.mobile->empty()) u.mobile.reset();
                  if (u.mobile && !validMobile(*u.mobile)) f.fail("mobile", {"手机号格式不正确。", "Not a mobile number."});
                } else if (body.contains("mobile")) {
                  u.mobile.reset();  // explicit null clears it
                }
                if (auto roles = f.optTexts("roles", 10, 40)) {
                  u.roles = *roles;
                  auto org = store.organisation(scopeOf(me), u.organisationId);
                  if (org) checkRoles(f, me, *org, u.roles);
                }
                if (auto disabled = f.optBoolean("disabled")) {
                  if (*disabled && u.id == me.userId)
                    f.fail("disabled", {"不能停用自己的账户。", "You cannot disable your own account."});
                  u.disabled = *disabled;
                }
                f.check();
                if (u.mobile && store.mobileTaken(*u.mobile, u.id))
                  throw ApiError::conflict("mobile_taken", {"手机号已被其他用户使用。", "The mobile number is in use."});
                std::string now = auth.now();
                store.database().transaction([&](soci::session& tx) {
                  store.updateUser(tx, u, now);
                  if (u.disabled && !before->disabled) store.revokeSessions(tx, u.id, now);
                  audit.append(tx, audit::actorOf(req), {std::string(audit::action::kUserUpdate), "success", "user",
                                                         std::to_string(u.id), userAuditJson(*before).dump(),
                                                         userAuditJson(u).dump(), ""});
                });
                auth.invalidate();  // roles or the disabled flag may have changed
                return Response::json(userJson(*store.user(scopeOf(me), u.id), me, auth.now()));
              }});

  router.add({"PUT", "/api/v1/users/{id:int}/password", std::string(perm::kUserManage), "重置用户密码（结束其全部会话）",
              [&](Request& req) {
                const auto& me = req.caller();
                auto u = store.user(scopeOf(me), req.intParam("id"));
                if (!u || (me.orgKind != "operator" && u->orgKind != me.orgKind)) throw userMissing();
                auto body = req.jsonBody();
                http::FieldReader f(body);
                std::string password = f.text("password", 128);
                if (!f.failed("password"))
                  if (auto problem = passwordProblem(password, u->username, u->mobile.value_or("")))
                    f.fail("password", *problem);
                f.check();
                PasswordSlot slot;
                std::string hash = hashPassword(password);
                std::string now = auth.now();
                store.database().transaction([&](soci::session& tx) {
                  store.setPassword(tx, u->id, hash, now);
                  store.revokeSessions(tx, u->id, now);
                  audit.append(tx, audit::actorOf(req), {std::string(audit::action::kUserPasswordReset), "success", "user",
                                                         std::to_string(u->id), std::nullopt, std::nullopt,
                                                         "已结束其全部会话"});
                });
                auth.invalidate();
                return Response::text("", "text/plain", 204);
              }}).maxInFlight = maxConcurrentPasswordWork();  // argon2id: see PasswordSlot

  // ---- organisations ----
  router.add({"GET", "/api/v1/organisations", std::string(perm::kOrgRead), "机构列表（数据范围内）", [&](Request& req) {
                auto paging = req.paging();
                OrganisationFilter filter{req.queryValue("q").value_or(""), req.queryValue("kind").value_or(""),
                                          req.queryValue("regionCode").value_or("")};
                auto result = store.organisations(scopeOf(req.caller()), filter, paging.page, paging.pageSize);
                auto items = nlohmann::json::array();
                for (const auto& o : result.items) items.push_back(organisationJson(o));
                return Response::json(page(items, result.total, paging));
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
      if (!f.failed("kind") && std::find(kOrgKinds.begin(), kOrgKinds.end(), o.kind) == kOrgKinds.end())
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
                if (store.organisationByName(o.name))
                  throw ApiError::conflict("name_taken", {"机构名称已存在。", "An organisation of that name exists."});
                // The holder is not named: it may lie outside the caller's reach.
                if (o.uscc && store.organisationByUscc(*o.uscc))
                  throw ApiError::conflict("uscc_taken", {"统一社会信用代码 " + *o.uscc + " 已被另一机构使用。",
                                                          "The unified social credit code " + *o.uscc +
                                                              " is used by another organisation."});
                std::string now = auth.now();
                auto id = store.database().transaction([&](soci::session& tx) {
                  auto newId = store.createOrganisation(tx, o, now);
                  o.id = newId;
                  o.createdAt = now;
                  audit.append(tx, audit::actorOf(req), {std::string(audit::action::kOrgCreate), "success", "organisation",
                                                         std::to_string(newId), std::nullopt, organisationJson(o).dump(), ""});
                  return newId;
                });
                return Response::json(organisationJson(*store.organisation(scopeOf(req.caller()), id)), 201);
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
                if (o.name != before->name && store.organisationByName(o.name))
                  throw ApiError::conflict("name_taken", {"机构名称已存在。", "An organisation of that name exists."});
                store.database().transaction([&](soci::session& tx) {
                  store.updateOrganisation(tx, o);
                  audit.append(tx, audit::actorOf(req), {std::string(audit::action::kOrgUpdate), "success", "organisation",
                                                         std::to_string(o.id), organisationJson(*before).dump(),
                                                         organisationJson(o).dump(), ""});
                });
                auth.invalidate();  // the organisation may have been disabled
                return Response::json(organisationJson(o));
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
                const auto& me = req.caller();
                auto body = req.jsonBody();
                http::FieldReader f(body);
                std::string name = f.text("name", 50);
                auto permissions = f.optTexts("permissions", 20, 40).value_or(std::vector<std::string>{});
                auto days = f.integer("expiresInDays", 1, 365);
                if (permissions.empty()) f.fail("permissions", {"至少选择一项权限。", "Choose at least one permission."});
                for (size_t i = 0; i < permissions.size(); ++i)
                  if (!isPermission(permissions[i]) || !me.can(permissions[i]))
                    f.fail("permissions[" + std::to_string(i) + "]",
                           {"不能授予您没有的权限“" + permissions[i] + "”。",
                            "You cannot grant \"" + permissions[i] + "\", which you do not hold."});
                f.check();
                std::string expires = auth.nowPlus(std::chrono::hours(24 * days));
                // A token that issues tokens cannot outlive itself: a leaked short-lived token
                // must not be turned into a long-lived one. The new one expires with it at most.
                if (me.tokenExpiresAt && expires > *me.tokenExpiresAt) expires = *me.tokenExpiresAt;
                std::string token = randomToken("jf_");
                std::string prefix = token.substr(0, 7);
                std::string now = auth.now();
                auto id = store.database().transaction([&](soci::session& tx) {
                  auto newId = store.createToken(tx, me.userId, name, prefix, sha256Hex(token), permissions, now, expires);
                  audit.append(tx, audit::actorOf(req), {std::string(audit::action::kTokenIssue), "success", "token",
                                                         std::to_string(newId), std::nullopt,
                                                         nlohmann::json{{"name", name}, {"prefix", prefix},
                                                                        {"permissions", permissions}, {"expiresAt", expires}}
                                                             .dump(),
                                                         ""});
                  return newId;
                });
                auto json = tokenJson(*store.token(scopeOf(me), id));
                json["token"] = token;
                return Response::json(json, 201);
              }});

  router.add({"DELETE", "/api/v1/tokens/{id:int}", std::string(perm::kTokenManage), "吊销接口令牌", [&](Request& req) {
                auto t = store.token(scopeOf(req.caller()), req.intParam("id"));
                if (!t) throw ApiError::notFound({"令牌不存在。", "No such token."});
                store.database().transaction([&](soci::session& tx) {
                  store.revokeToken(tx, t->id, auth.now());
                  audit.append(tx, audit::actorOf(req), {std::string(audit::action::kTokenRevoke), "success", "token",
                                                         std::to_string(t->id), std::nullopt, std::nullopt, t->name});
                });
                auth.invalidate();
                return Response::text("", "text/plain", 204);
              }});
}

}  // namespace jinfu::auth
