#include "platform/auth/views.hpp"
#include "platform/json.hpp"

#include "platform/auth/permissions.hpp"
#include "platform/auth/secrets.hpp"

namespace jinfu::auth {
namespace {
}  // namespace

nlohmann::json userJson(const UserRow& u, const Principal& caller, const std::string& now) {
  // The same reach as PATCH /users/{id}: below the platform, managers manage their own kind.
  bool manages = caller.can("user.manage") && (caller.orgKind == auth::OrgKind::Operator || caller.orgKind == u.orgKind);
  bool full = caller.userId == u.id || manages;
  nlohmann::json mobile = nullptr;
  if (u.mobile) mobile = full ? *u.mobile : maskMobile(*u.mobile);
  return {{"id", u.id},
          {"username", u.username},
          {"displayName", u.displayName},
          {"mobile", mobile},
          {"organisationId", u.organisationId},
          {"organisationName", u.organisationName},
          {"roles", u.roles},
          {"disabled", u.disabled},
          {"lockedUntil", u.lockedUntil && *u.lockedUntil > now ? nlohmann::json(*u.lockedUntil) : nlohmann::json(nullptr)},
          {"createdAt", u.createdAt},
          {"lastLoginAt", orNull(u.lastLoginAt)}};
}

nlohmann::json userAuditJson(const UserRow& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"displayName", u.displayName},
          {"mobile", u.mobile ? nlohmann::json(maskMobile(*u.mobile)) : nlohmann::json(nullptr)},
          {"organisationId", u.organisationId},
          {"roles", u.roles},
          {"disabled", u.disabled}};
}

nlohmann::json organisationJson(const OrganisationRow& o) {
  return {{"id", o.id},
          {"kind", code(o.kind)},
          {"name", o.name},
          {"shortName", o.shortName},
          {"regionCode", o.regionCode},
          {"parentId", orNull(o.parentId)},
          {"uscc", orNull(o.uscc)},
          {"disabled", o.disabled},
          {"createdAt", o.createdAt}};
}

nlohmann::json sessionJson(const SessionRow& s, bool current) {
  return {{"id", s.id},
          {"createdAt", s.createdAt},
          {"lastSeenAt", s.lastSeenAt},
          {"expiresAt", s.expiresAt},
          {"ip", s.ip},
          {"userAgent", s.userAgent},
          {"current", current}};
}

nlohmann::json tokenJson(const TokenRow& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"prefix", t.prefix},
          {"permissions", t.permissions},
          {"createdAt", t.createdAt},
          {"expiresAt", t.expiresAt},
          {"lastUsedAt", orNull(t.lastUsedAt)},
          {"revoked", t.revokedAt.has_value()},
          {"userId", t.userId},
          {"username", t.username}};
}

nlohmann::json meJson(const Principal& me, const UserRow& user, const OrganisationRow& org, const std::string& now) {
  return {{"user", userJson(user, me, now)},
          {"organisation", organisationJson(org)},
          {"permissions", me.permissions},
          {"csrfToken", me.csrfToken}};
}

}  // namespace jinfu::auth

namespace jinfu::auth {

nlohmann::json rolesJson(bool english) {
  auto roles = nlohmann::json::array();
  for (const auto& r : allRoles()) {
    auto perms = nlohmann::json::array();
    for (auto p : r.permissions) perms.push_back(p);
    roles.push_back({{"code", r.code}, {"name", english ? r.nameEn : r.nameZh}, {"nameEn", r.nameEn},
                     {"orgKind", code(r.orgKind)}, {"permissions", perms}});
  }
  auto permissions = nlohmann::json::array();
  for (const auto& p : allPermissions())
    permissions.push_back({{"code", p.code}, {"name", english ? p.nameEn : p.nameZh}, {"nameEn", p.nameEn}});
  return {{"roles", roles}, {"permissions", permissions}};
}

}  // namespace jinfu::auth
