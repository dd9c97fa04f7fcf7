#include "platform/auth/accounts_cli.hpp"

#include <iomanip>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "platform/audit/audit_log.hpp"
#include "platform/auth/account_service.hpp"
#include "platform/cli.hpp"
#include "platform/auth/identity_store.hpp"
#include "platform/auth/secrets.hpp"

namespace jinfu::auth {
namespace {

ApiError bad(const std::string& zh, const std::string& en) { return ApiError::badRequest("bad_argument", {zh, en}); }

// The service answers a form: per-field reasons (422) and "not found" (404). On the command line
// both are a refused argument, each reason on its own line.
template <class Work>
auto asCommand(Work&& work) {
  try {
    return work();
  } catch (const ApiError& e) {
    if (e.status() != 422 || e.errors().empty()) throw;
    LocalText joined;
    for (const auto& problem : e.errors()) {
      joined.zh += (joined.zh.empty() ? "" : "\n") + problem.message.zh;
      joined.en += (joined.en.empty() ? "" : "\n") + problem.message.en;
    }
    throw bad(joined.zh, joined.en);
  }
}

// A password from standard input (one line).
std::string passwordFromStdin() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty())
    throw ApiError::badRequest("bad_argument", {"请从标准输入提供密码（一行）。", "Give the password on standard input."});
  return line;
}

// The account administration of the context's database, built on first use.
struct Accounts {
  explicit Accounts(CliContext& context) : context(context) {}
  AccountService& service() {
    if (!accounts) {
      auto& db = context.migrated();
      store = std::make_unique<IdentityStore>(db);
      auditLog = std::make_unique<audit::AuditLog>(db, context.clock());
      accounts = std::make_unique<AccountService>(*store, *auditLog, context.clock());
    }
    return *accounts;
  }
  UserRow userNamed(const Acting& by, const std::string& username) {
    auto u = service().userByName(by, username);
    if (!u) throw bad("用户不存在：" + username, "No such user: " + username);
    return *u;
  }

  CliContext& context;
  std::unique_ptr<IdentityStore> store;
  std::unique_ptr<audit::AuditLog> auditLog;
  std::unique_ptr<AccountService> accounts;
};

struct UserArgs {
  std::string username, displayName, organisation, mobile;
  std::vector<std::string> roles;
};

struct TokenArgs {
  std::string user, name;
  std::vector<std::string> permissions;
  int days = 90;
  int64_t id = 0;
};

}  // namespace

void registerCli(CLI::App& app, CliContext& context) {
  auto accounts = std::make_shared<Accounts>(context);
  auto user = std::make_shared<UserArgs>();
  auto* userCmd = app.add_subcommand("user", "用户管理（密码从标准输入读取）");
  userCmd->require_subcommand(1);
  auto* userAdd = userCmd->add_subcommand("add", "新建用户");
  userAdd->add_option("--username", user->username, "用户名")->required();
  userAdd->add_option("--org", user->organisation, "机构名称，或 #机构编号")->required();
  userAdd->add_option("--role", user->roles, "角色（可重复）")->required();
  userAdd->add_option("--display-name", user->displayName, "姓名");
  userAdd->add_option("--mobile", user->mobile, "手机号");
  context.on(userAdd, [accounts, user] {
    auto by = localOperator();
    NewUser u;
    u.username = user->username;
    u.displayName = user->displayName;
    if (!user->mobile.empty()) u.mobile = user->mobile;
    u.roles = user->roles;
    u.password = passwordFromStdin();
    auto& service = accounts->service();
    std::optional<OrganisationRow> org;
    if (user->organisation.starts_with("#")) {
      try {
        org = service.organisation(by, std::stoll(user->organisation.substr(1)));
      } catch (const std::logic_error&) {
      }
    } else {
      org = service.organisationByName(by, user->organisation);
    }
    if (!org) throw bad("机构不存在：" + user->organisation, "No such organisation: " + user->organisation);
    u.organisationId = org->id;
    auto created = asCommand([&] { return service.createUser(by, u); });
    std::cout << "已创建用户 " << created.username << "，编号 " << created.id << "\n";
    return 0;
  });
  auto* userPasswd = userCmd->add_subcommand("passwd", "设置用户密码（结束其全部会话）");
  userPasswd->add_option("username", user->username, "用户名")->required();
  context.on(userPasswd, [accounts, user] {
    auto by = localOperator();
    std::string password = passwordFromStdin();
    auto u = accounts->userNamed(by, user->username);
    asCommand([&] { accounts->service().resetPassword(by, u.id, password); });
    std::cout << "已设置 " << user->username << " 的密码，其全部会话已结束\n";
    return 0;
  });
  auto* userDisable = userCmd->add_subcommand("disable", "停用用户（结束其全部会话）");
  userDisable->add_option("username", user->username, "用户名")->required();
  context.on(userDisable, [accounts, user] {
    auto by = localOperator();
    auto u = accounts->userNamed(by, user->username);
    UserChange change;
    change.disabled = true;
    asCommand([&] { accounts->service().updateUser(by, u.id, change); });
    std::cout << "已停用 " << user->username << "\n";
    return 0;
  });
  auto* userList = userCmd->add_subcommand("list", "列出用户");
  context.on(userList, [accounts] {
    for (const auto& u : accounts->service().store().allUsers())
      std::cout << u.id << "\t" << u.username << "\t" << u.displayName << "\t" << u.organisationName << "\t"
                << joinRoles(u.roles) << "\t" << (u.disabled ? "停用" : "正常") << "\n";
    return 0;
  });

  auto token = std::make_shared<TokenArgs>();
  auto* tokenCmd = app.add_subcommand("token", "接口令牌");
  tokenCmd->require_subcommand(1);
  auto* tokenIssue = tokenCmd->add_subcommand("issue", "签发令牌（只显示一次）");
  tokenIssue->add_option("--user", token->user, "令牌所属用户")->required();
  tokenIssue->add_option("--name", token->name, "令牌名称")->required();
  tokenIssue->add_option("--permission", token->permissions, "权限（可重复）")->required();
  tokenIssue->add_option("--days", token->days, "有效天数（1–365）")->capture_default_str();
  context.on(tokenIssue, [accounts, token] {
    auto by = localOperator();
    auto owner = accounts->service().principalOf(accounts->userNamed(by, token->user));
    auto issued = asCommand([&] {
      return accounts->service().issueToken(by, owner, {token->name, token->permissions, token->days});
    });
    std::cout << issued.token << "\n";
    return 0;
  });
  auto* tokenRevoke = tokenCmd->add_subcommand("revoke", "吊销令牌");
  tokenRevoke->add_option("id", token->id, "令牌编号")->required();
  context.on(tokenRevoke, [accounts, token] {
    try {
      accounts->service().revokeToken(localOperator(), token->id);
    } catch (const ApiError& e) {
      if (e.status() != 404) throw;
      throw bad("令牌不存在：" + std::to_string(token->id), "No such token.");
    }
    std::cout << "已吊销令牌 " << token->id << "\n";
    return 0;
  });
  auto* tokenList = tokenCmd->add_subcommand("list", "列出令牌");
  context.on(tokenList, [accounts] {
    DataScope all;
    all.kind = DataScope::Kind::All;
    for (const auto& t : accounts->service().store().tokens(all))
      std::cout << t.id << "\t" << t.prefix << "…\t" << t.name << "\t" << t.username << "\t" << joinRoles(t.permissions)
                << "\t" << t.expiresAt << "\t" << (t.revokedAt ? "已吊销" : "有效") << "\n";
    return 0;
  });
}

void ensureDemoUsers(AccountService& accounts, std::string password, std::ostream& out) {
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
      // Each department reports only its own categories: the tax bureau's uploader sends 纳税.
      {"demo-tax-provider", "税务数据报送员（演示）", "provider-uploader", "国家税务总局焦作市税务局"},
      {"demo-platform-admin", "平台管理员（演示）", "platform-admin", "焦作智慧金服公司"},
  };
  if (password.empty()) password = "Jf-" + randomToken().substr(0, 16);
  auto by = localOperator();
  bool created = false;
  for (const auto& d : demos) {
    if (accounts.store().usernameTaken(d.username)) {
      out << "  " << std::left << std::setw(24) << d.username << " 已存在，未修改\n";
      continue;
    }
    auto org = accounts.organisationByName(by, d.organisation);
    if (!org) throw bad(std::string("机构不存在：") + d.organisation, std::string("No such organisation: ") + d.organisation);
    NewUser u;
    u.username = d.username;
    u.displayName = d.displayName;
    u.organisationId = org->id;
    u.roles = {d.role};
    u.password = password;
    asCommand([&] { return accounts.createUser(by, u); });
    out << "  " << std::left << std::setw(24) << d.username << " " << d.role << "  " << d.organisation << "\n";
    created = true;
  }
  if (created) out << "演示用户密码 / demo password: " << password << "\n";
}

}  // namespace jinfu::auth
