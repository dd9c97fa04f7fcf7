#include "platform/auth/accounts.hpp"

#include <cstdlib>
#include <pwd.h>
#include <unistd.h>
#include <iomanip>
#include <ostream>

#include <nlohmann/json.hpp>

#include "platform/audit/actions.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/identity_store.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/auth/views.hpp"
#include "platform/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/errors.hpp"

namespace jinfu::auth {
namespace {

DataScope everything() {
  DataScope s;
  s.kind = DataScope::Kind::All;
  return s;
}

ApiError bad(const std::string& zh, const std::string& en) { return ApiError::badRequest("bad_argument", {zh, en}); }


}  // namespace

int64_t Accounts::addUser(const NewAccount& account) {
  std::optional<OrganisationRow> org;
  if (account.organisation.starts_with("#")) {
    try {
      org = store_.organisation(everything(), std::stoll(account.organisation.substr(1)));
    } catch (const std::logic_error&) {
    }
  } else {
    org = store_.organisationByName(account.organisation);
  }
  if (!org) throw bad("机构不存在：" + account.organisation, "No such organisation: " + account.organisation);
  if (account.roles.empty()) throw bad("至少指定一个角色（--role）。", "Give at least one --role.");
  for (const auto& role : account.roles) {
    const auto* info = findRole(role);
    if (!info) throw bad("角色不存在：" + role, "No such role: " + role);
    if (info->orgKind != org->kind)
      throw bad("角色 " + role + " 不适用于" + org->name + "（机构类型 " + org->kind + "）。",
                "Role " + role + " does not fit " + org->kind + " organisations.");
  }
  if (store_.usernameTaken(account.username)) throw ApiError::conflict("username_taken", {"用户名已被使用：" + account.username, "Username taken."});
  if (auto problem = passwordProblem(account.password, account.username, account.mobile.value_or("")))
    throw bad(problem->zh, problem->en);
  UserRow u;
  u.username = account.username;
  u.displayName = account.displayName.empty() ? account.username : account.displayName;
  u.mobile = account.mobile;
  u.organisationId = org->id;
  u.roles = account.roles;
  std::string hash = hashPassword(account.password);
  std::string now = rfc3339Shanghai(clock_.now());
  return store_.database().transaction([&](soci::session& tx) {
    u.id = store_.createUser(tx, u, hash, now);
    audit_.append(tx, audit::commandLineActor(), {std::string(audit::action::kUserCreate), "success", "user", std::to_string(u.id),
                                      std::nullopt, userAuditJson(u).dump(), ""});
    return u.id;
  });
}

void Accounts::setPassword(const std::string& username, const std::string& password) {
  auto u = store_.userByName(username);
  if (!u) throw bad("用户不存在：" + username, "No such user: " + username);
  if (auto problem = passwordProblem(password, u->username, u->mobile.value_or(""))) throw bad(problem->zh, problem->en);
  std::string hash = hashPassword(password);
  std::string now = rfc3339Shanghai(clock_.now());
  store_.database().transaction([&](soci::session& tx) {
    store_.setPassword(tx, u->id, hash, now);
    store_.revokeSessions(tx, u->id, now);
    audit_.append(tx, audit::commandLineActor(), {std::string(audit::action::kUserPasswordReset), "success", "user",
                                      std::to_string(u->id), std::nullopt, std::nullopt, "已结束其全部会话"});
  });
}

void Accounts::disable(const std::string& username) {
  auto u = store_.userByName(username);
  if (!u) throw bad("用户不存在：" + username, "No such user: " + username);
  auto before = *u;
  u->disabled = true;
  std::string now = rfc3339Shanghai(clock_.now());
  store_.database().transaction([&](soci::session& tx) {
    store_.updateUser(tx, *u, now);
    store_.revokeSessions(tx, u->id, now);
    audit_.append(tx, audit::commandLineActor(), {std::string(audit::action::kUserUpdate), "success", "user", std::to_string(u->id),
                                      userAuditJson(before).dump(), userAuditJson(*u).dump(), ""});
  });
}

void Accounts::listUsers(std::ostream& out) {
  for (const auto& u : store_.allUsers()) {
    out << u.id << "\t" << u.username << "\t" << u.displayName << "\t" << u.organisationName << "\t"
        << joinRoles(u.roles) << "\t" << (u.disabled ? "停用" : "正常") << "\n";
  }
}

int64_t Accounts::issueToken(const std::string& username, const std::string& name,
                             const std::vector<std::string>& permissions, int days, std::ostream& out) {
  auto u = store_.userByName(username);
  if (!u) throw bad("用户不存在：" + username, "No such user: " + username);
  if (name.empty()) throw bad("令牌名称不能为空（--name）。", "Give the token a --name.");
  if (days < 1 || days > 365) throw bad("有效期应为 1–365 天。", "--days must be 1–365.");
  auto held = permissionsOf(u->roles);
  if (permissions.empty()) throw bad("至少指定一项权限（--permission）。", "Give at least one --permission.");
  for (const auto& p : permissions)
    if (std::find(held.begin(), held.end(), p) == held.end())
      throw bad("用户 " + username + " 没有权限 " + p + "，不能授予令牌。", "User lacks permission " + p + ".");
  std::string token = randomToken("jf_");
  std::string now = rfc3339Shanghai(clock_.now());
  std::string expires = rfc3339Shanghai(clock_.now() + std::chrono::hours(24 * days));
  auto id = store_.database().transaction([&](soci::session& tx) {
    auto newId = store_.createToken(tx, u->id, name, token.substr(0, 7), sha256Hex(token), permissions, now, expires);
    audit_.append(tx, audit::commandLineActor(), {std::string(audit::action::kTokenIssue), "success", "token", std::to_string(newId),
                                      std::nullopt,
                                      nlohmann::json{{"name", name}, {"permissions", permissions}, {"expiresAt", expires}}.dump(),
                                      ""});
    return newId;
  });
  out << token << "\n";
  return id;
}

void Accounts::revokeToken(int64_t id) {
  auto t = store_.token(everything(), id);
  if (!t) throw bad("令牌不存在：" + std::to_string(id), "No such token.");
  store_.database().transaction([&](soci::session& tx) {
    store_.revokeToken(tx, id, rfc3339Shanghai(clock_.now()));
    audit_.append(tx, audit::commandLineActor(), {std::string(audit::action::kTokenRevoke), "success", "token", std::to_string(id),
                                      std::nullopt, std::nullopt, t->name});
  });
}

void Accounts::listTokens(std::ostream& out) {
  for (const auto& t : store_.tokens(everything()))
    out << t.id << "\t" << t.prefix << "…\t" << t.name << "\t" << t.username << "\t" << joinRoles(t.permissions) << "\t"
        << t.expiresAt << "\t" << (t.revokedAt ? "已吊销" : "有效") << "\n";
}

void Accounts::ensureDemoUsers(std::string password, std::ostream& out) {
  struct Demo {
    const char* username;
    const char* displayName;
    const char* role;
    const char* organisation;
  };
  static const Demo demos[] = {
      {"demo-enterprise-staff", "企业经办人（演示）", "enterprise-staff", "焦作市天宝桓祥科技有限公司"},
      {"demo-enterprise-admin", "企业管理员（演示）", "enterprise-admin", "焦作市天宝桓祥科技有限公司"},
      {"demo-bank-officer", "客户经理（演示）", "bank-officer", "工商银行焦作分行"},
      {"demo-bank-manager", "银行管理员（演示）", "bank-manager", "工商银行焦作分行"},
      {"demo-gov-viewer", "政府查看员（演示）", "gov-viewer", "示范区（高新区）党工委、管委会"},
      {"demo-gov-officer", "政府经办人（演示）", "gov-officer", "示范区（高新区）党工委、管委会"},
      {"demo-gov-admin", "政府管理员（演示）", "gov-admin", "示范区（高新区）党工委、管委会"},
      {"demo-provider", "数据报送员（演示）", "provider-uploader", "焦作市市场监督管理局"},
      {"demo-platform-admin", "平台管理员（演示）", "platform-admin", "焦作智慧金服公司"},
  };
  if (password.empty()) password = "Jf-" + randomToken().substr(0, 16);
  bool created = false;
  for (const auto& d : demos) {
    if (store_.usernameTaken(d.username)) {
      out << "  " << std::left << std::setw(24) << d.username << " 已存在，未修改\n";
      continue;
    }
    addUser({d.username, d.displayName, std::nullopt, d.organisation, {d.role}, password});
    out << "  " << std::left << std::setw(24) << d.username << " " << d.role << "  " << d.organisation << "\n";
    created = true;
  }
  if (created) out << "演示用户密码 / demo password: " << password << "\n";
}

}  // namespace jinfu::auth
