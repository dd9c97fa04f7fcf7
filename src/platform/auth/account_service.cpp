#include "platform/auth/account_service.hpp"

#include <algorithm>
#include <regex>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "platform/audit/actions.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/auth/views.hpp"
#include "platform/clock.hpp"
#include "platform/db/database.hpp"

namespace jinfu::auth {
namespace {

bool validMobile(const std::string& m) {
  static const std::regex pattern("^1[3-9][0-9]{9}$");
  return std::regex_match(m, pattern);
}

bool has(const Problems& problems, std::string_view field) {
  return std::any_of(problems.begin(), problems.end(), [&](const FieldError& e) { return e.field == field; });
}

void throwIfAny(const Problems& problems) {
  if (!problems.empty()) throw ApiError::validation(problems);
}

ApiError userMissing() { return ApiError::notFound({"用户不存在。", "No such user."}); }
ApiError orgMissing() { return ApiError::notFound({"机构不存在。", "No such organisation."}); }

bool isOperator(const Principal& p) { return p.orgKind == auth::OrgKind::Operator; }

// A row in the actor's data scope is within its reach when, below the platform, it is also of the
// actor's own kind of organisation: an administrator manages only those and their users.
template <class Row>
std::optional<Row> withinReach(const Principal& by, std::optional<Row> row, OrgKind Row::*kind) {
  if (row && !isOperator(by) && (*row).*kind != by.orgKind) row.reset();
  return row;
}

// Whether `by` may give `role` to a user of `org`: the role must belong to the organisation's
// kind; below the platform, an administrator grants only roles whose permissions it holds itself.
std::optional<LocalText> roleProblem(const Principal& by, const OrganisationRow& org, const std::string& role) {
  const auto* info = findRole(role);
  if (!info) return LocalText{"角色“" + role + "”不存在。", "No role \"" + role + "\"."};
  if (info->orgKind != org.kind)
    return LocalText{"角色“" + std::string(info->nameZh) + "”不适用于该类型的机构。",
                     "Role \"" + role + "\" does not fit this kind of organisation."};
  if (!isOperator(by))
    for (auto p : info->permissions)
      if (!by.can(p))
        return LocalText{"您不能授予高于自身权限的角色“" + std::string(info->nameZh) + "”。",
                         "You cannot grant role \"" + role + "\", which can do more than you."};
  return std::nullopt;
}

void checkRoles(Problems& problems, const Principal& by, const OrganisationRow& org, const std::vector<std::string>& roles) {
  if (roles.empty()) problems.push_back({"roles", {"至少选择一个角色。", "Choose at least one role."}});
  for (size_t i = 0; i < roles.size(); ++i)
    if (auto problem = roleProblem(by, org, roles[i])) problems.push_back({"roles[" + std::to_string(i) + "]", *problem});
}

void checkMobile(Problems& problems, const std::optional<std::string>& mobile) {
  if (mobile && !has(problems, "mobile") && !validMobile(*mobile))
    problems.push_back({"mobile", {"手机号格式不正确。", "Not a mobile number."}});
}

void checkPassword(Problems& problems, const std::string& password, const std::string& username,
                   const std::optional<std::string>& mobile) {
  if (has(problems, "password")) return;
  if (auto problem = passwordProblem(password, username, mobile.value_or(""))) problems.push_back({"password", *problem});
}

}  // namespace

Acting localOperator() {
  Acting a;
  a.actor = audit::commandLineActor();
  a.principal.username = a.actor.username;
  a.principal.orgKind = auth::OrgKind::Operator;
  for (const auto& p : allPermissions()) a.principal.permissions.emplace_back(p.code);
  std::sort(a.principal.permissions.begin(), a.principal.permissions.end());
  return a;
}

AccountService::AccountService(IdentityStore& store, audit::AuditLog& audit, const Clock& clock,
                               std::function<void()> credentialsChanged)
    : store_(store),
      audit_(audit),
      clock_(clock),
      notices_(store.database()),
      runner_(store.database(), audit, notices_, clock),
      credentialsChanged_(std::move(credentialsChanged)) {}

std::string AccountService::now() const { return rfc3339Shanghai(clock_.now()); }

std::optional<UserRow> AccountService::user(const Acting& by, int64_t id) {
  return withinReach(by.principal, store_.user(scopeOf(by.principal), id), &UserRow::orgKind);
}

std::optional<UserRow> AccountService::userByName(const Acting& by, const std::string& username) {
  auto u = store_.userByName(username);
  return u ? user(by, u->id) : std::nullopt;
}

std::optional<OrganisationRow> AccountService::organisation(const Acting& by, int64_t id) {
  return withinReach(by.principal, store_.organisation(scopeOf(by.principal), id), &OrganisationRow::kind);
}

std::optional<OrganisationRow> AccountService::organisationByName(const Acting& by, const std::string& name) {
  auto org = store_.organisationByName(name);
  return org ? organisation(by, org->id) : std::nullopt;
}

Principal AccountService::principalOf(const UserRow& user) { return store_.principalOf(user.id); }

UserRow AccountService::createUser(const Acting& by, const NewUser& user, Problems problems) {
  static const std::regex usernamePattern("^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$");
  if (!has(problems, "username") && !std::regex_match(user.username, usernamePattern))
    problems.push_back({"username", {"用户名为 3–64 位字母、数字或 . _ -，以字母或数字开头。",
                                     "3–64 letters, digits or . _ -, starting with a letter or digit."}});
  checkMobile(problems, user.mobile);
  std::optional<OrganisationRow> org;
  if (user.organisationId && !has(problems, "organisationId")) {
    org = organisation(by, *user.organisationId);
    if (!org)
      problems.push_back({"organisationId", {"机构不存在或不在您的管理范围内。", "No such organisation within your reach."}});
  }
  if (org) checkRoles(problems, by.principal, *org, user.roles);
  checkPassword(problems, user.password, user.username, user.mobile);
  throwIfAny(problems);
  if (!org) throw std::invalid_argument("createUser without an organisation");
  if (store_.usernameTaken(user.username))
    throw ApiError::conflict("username_taken", {"用户名已被使用。", "The username is taken."});
  if (user.mobile && store_.mobileTaken(*user.mobile, 0))
    throw ApiError::conflict("mobile_taken", {"手机号已被其他用户使用。", "The mobile number is in use."});
  UserRow u;
  u.username = user.username;
  u.displayName = user.displayName.empty() ? user.username : user.displayName;
  u.mobile = user.mobile;
  u.organisationId = org->id;
  u.roles = user.roles;
  PasswordSlot slot;
  std::string hash = hashPassword(user.password);
  std::string at = now();
  u.id = runner_.write(by.actor, [&](soci::session& tx, command::Effects& fx) {
    auto id = store_.createUser(tx, u, hash, at);
    u.id = id;
    fx.audit({std::string(audit::action::kUserCreate), "success", "user", std::to_string(id),
                                 std::nullopt, userAuditJson(u).dump(), ""});
    return id;
  });
  return *store_.user(scopeOf(by.principal), u.id);
}

UserRow AccountService::updateUser(const Acting& by, int64_t userId, const UserChange& change, Problems problems) {
  auto before = user(by, userId);
  if (!before) throw userMissing();
  UserRow u = *before;
  if (change.displayName) u.displayName = *change.displayName;
  if (change.mobile) {
    u.mobile = *change.mobile;
    if (u.mobile && u.mobile->empty()) u.mobile.reset();
    checkMobile(problems, u.mobile);
  }
  if (change.roles) {
    u.roles = *change.roles;
    if (auto org = store_.organisation(scopeOf(by.principal), u.organisationId)) checkRoles(problems, by.principal, *org, u.roles);
  }
  if (change.disabled) {
    if (*change.disabled && u.id == by.principal.userId)
      problems.push_back({"disabled", {"不能停用自己的账户。", "You cannot disable your own account."}});
    u.disabled = *change.disabled;
  }
  throwIfAny(problems);
  if (u.mobile && store_.mobileTaken(*u.mobile, u.id))
    throw ApiError::conflict("mobile_taken", {"手机号已被其他用户使用。", "The mobile number is in use."});
  std::string at = now();
  runner_.write(by.actor, [&](soci::session& tx, command::Effects& fx) {
    store_.updateUser(tx, u, at);
    if (u.disabled && !before->disabled) store_.revokeSessions(tx, u.id, at);
    fx.audit({std::string(audit::action::kUserUpdate), "success", "user", std::to_string(u.id),
                                 userAuditJson(*before).dump(), userAuditJson(u).dump(), ""});
  });
  if (credentialsChanged_) credentialsChanged_();  // roles or the disabled flag may have changed
  return *store_.user(scopeOf(by.principal), u.id);
}

void AccountService::resetPassword(const Acting& by, int64_t userId, const std::string& password, Problems problems) {
  auto u = user(by, userId);
  if (!u) throw userMissing();
  checkPassword(problems, password, u->username, u->mobile);
  throwIfAny(problems);
  PasswordSlot slot;
  std::string hash = hashPassword(password);
  std::string at = now();
  runner_.write(by.actor, [&](soci::session& tx, command::Effects& fx) {
    store_.setPassword(tx, u->id, hash, at);
    store_.revokeSessions(tx, u->id, at);
    fx.audit({std::string(audit::action::kUserPasswordReset), "success", "user", std::to_string(u->id),
                                 std::nullopt, std::nullopt, "已结束其全部会话"});
  });
  if (credentialsChanged_) credentialsChanged_();
}

void AccountService::changeOwnPassword(const Acting& by, const std::string& current, const std::string& next) {
  PasswordSlot slot;
  const auto& me = by.principal;
  auto account = store_.findAccount(me.username);
  if (!account || !verifyPassword(account->passwordHash, current)) {
    audit_.record(by.actor, {std::string(audit::action::kPasswordChange), "failure", "user", std::to_string(me.userId),
                             std::nullopt, std::nullopt, "当前密码错误"});
    throw ApiError(401, "invalid_credentials", statusTitle(401), {"当前密码错误。", "The current password is wrong."});
  }
  if (auto problem = passwordProblem(next, me.username, account->mobile.value_or("")))
    throw ApiError::validation({{"newPassword", *problem}});
  std::string hash = hashPassword(next);
  std::string at = now();
  runner_.write(by.actor, [&](soci::session& tx, command::Effects& fx) {
    store_.setPassword(tx, me.userId, hash, at);
    store_.revokeSessions(tx, me.userId, at);
    fx.audit({std::string(audit::action::kPasswordChange), "success", "user", std::to_string(me.userId),
                                 std::nullopt, std::nullopt, "已结束全部会话"});
  });
  if (credentialsChanged_) credentialsChanged_();
}

OrganisationRow AccountService::createOrganisation(const Acting& by, OrganisationRow o) {
  if (store_.organisationByName(o.name))
    throw ApiError::conflict("name_taken", {"机构名称已存在。", "An organisation of that name exists."});
  // The holder is not named: it may lie outside the caller's reach.
  if (o.uscc && store_.organisationByUscc(*o.uscc))
    throw ApiError::conflict("uscc_taken", {"统一社会信用代码 " + *o.uscc + " 已被另一机构使用。",
                                            "The unified social credit code " + *o.uscc + " is used by another organisation."});
  std::string at = now();
  auto id = runner_.write(by.actor, [&](soci::session& tx, command::Effects& fx) {
    auto newId = store_.createOrganisation(tx, o, at);
    o.id = newId;
    o.createdAt = at;
    fx.audit({std::string(audit::action::kOrgCreate), "success", "organisation", std::to_string(newId),
                                 std::nullopt, organisationJson(o).dump(), ""});
    return newId;
  });
  return *store_.organisation(scopeOf(by.principal), id);
}

OrganisationRow AccountService::updateOrganisation(const Acting& by, const OrganisationRow& o) {
  auto before = store_.organisation(scopeOf(by.principal), o.id);
  if (!before) throw orgMissing();
  if (o.name != before->name && store_.organisationByName(o.name))
    throw ApiError::conflict("name_taken", {"机构名称已存在。", "An organisation of that name exists."});
  runner_.write(by.actor, [&](soci::session& tx, command::Effects& fx) {
    store_.updateOrganisation(tx, o);
    fx.audit({std::string(audit::action::kOrgUpdate), "success", "organisation", std::to_string(o.id),
                                 organisationJson(*before).dump(), organisationJson(o).dump(), ""});
  });
  if (credentialsChanged_) credentialsChanged_();  // the organisation may have been disabled
  return o;
}

IssuedToken AccountService::issueToken(const Acting& by, const Principal& owner, const NewToken& t, Problems problems) {
  // Only the platform's local operator issues tokens in someone else's name.
  if (owner.userId != by.principal.userId && !(isOperator(by.principal) && by.principal.userId == 0))
    throw std::logic_error("a token in another user's name");
  bool own = owner.userId == by.principal.userId;
  if (t.name.empty() && !has(problems, "name")) problems.push_back({"name", {"令牌名称不能为空。", "Give the token a name."}});
  if ((t.days < 1 || t.days > 365) && !has(problems, "expiresInDays"))
    problems.push_back({"expiresInDays", {"有效期应为 1–365 天。", "Must be 1–365 days."}});
  if (t.permissions.empty() && !has(problems, "permissions"))
    problems.push_back({"permissions", {"至少选择一项权限。", "Choose at least one permission."}});
  for (size_t i = 0; i < t.permissions.size(); ++i) {
    const auto& p = t.permissions[i];
    if (isPermission(p) && owner.can(p)) continue;
    problems.push_back({"permissions[" + std::to_string(i) + "]",
                        own ? LocalText{"不能授予您没有的权限“" + p + "”。", "You cannot grant \"" + p + "\", which you do not hold."}
                            : LocalText{"用户 " + owner.username + " 没有权限“" + p + "”，不能授予令牌。",
                                        "User " + owner.username + " lacks permission \"" + p + "\"."}});
  }
  throwIfAny(problems);
  std::string expires = rfc3339Shanghai(clock_.now() + std::chrono::hours(24 * t.days));
  // A token that issues tokens cannot outlive itself: a leaked short-lived token must not be
  // turned into a long-lived one. The new one expires with it at most.
  if (owner.tokenExpiresAt && expires > *owner.tokenExpiresAt) expires = *owner.tokenExpiresAt;
  IssuedToken issued;
  issued.token = randomToken("jf_");
  std::string prefix = issued.token.substr(0, 7);
  std::string at = now();
  auto id = runner_.write(by.actor, [&](soci::session& tx, command::Effects& fx) {
    auto newId = store_.createToken(tx, owner.userId, t.name, prefix, sha256Hex(issued.token), t.permissions, at, expires);
    fx.audit({std::string(audit::action::kTokenIssue), "success", "token", std::to_string(newId),
                                 std::nullopt,
                                 nlohmann::json{{"name", t.name}, {"prefix", prefix}, {"permissions", t.permissions},
                                                {"expiresAt", expires}}
                                     .dump(),
                                 ""});
    return newId;
  });
  DataScope all;
  all.kind = DataScope::Kind::All;
  issued.row = *store_.token(all, id);
  return issued;
}

void AccountService::revokeToken(const Acting& by, int64_t tokenId) {
  auto t = store_.token(scopeOf(by.principal), tokenId);
  if (!t) throw ApiError::notFound({"令牌不存在。", "No such token."});
  runner_.write(by.actor, [&](soci::session& tx, command::Effects& fx) {
    store_.revokeToken(tx, t->id, now());
    fx.audit({std::string(audit::action::kTokenRevoke), "success", "token", std::to_string(t->id),
                                 std::nullopt, std::nullopt, t->name});
  });
  if (credentialsChanged_) credentialsChanged_();
}

}  // namespace jinfu::auth
