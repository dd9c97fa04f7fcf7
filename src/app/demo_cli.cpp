#include "app/demo_cli.hpp"

#include <cstdlib>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "app/demo.hpp"
#include "finance/demo.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/account_service.hpp"
#include "platform/auth/accounts_cli.hpp"
#include "platform/auth/identity_store.hpp"
#include "platform/cli.hpp"
#include "registry/registry_store.hpp"

namespace jinfu {
namespace {

struct DemoArgs {
  bool ifEmpty = false;
  bool registryOnly = false;
};

int demo(CliContext& context, const DemoArgs& a) {
  auto& database = context.migrated();
  const Clock& clock = context.clock();
  if (a.ifEmpty && !registry::RegistryStore(database).empty()) {
    std::cout << "数据库中已有数据，未载入演示数据" << std::endl;
    return 0;
  }
  auto report = loadDemo(database, clock, !a.registryOnly);
  std::cout << "演示数据已就绪：新增机构 " << report.organisations << " 个，新增企业 " << report.enterprises
            << " 家，归集批次 " << report.batches << " 个（入库 " << report.facts << " 行，隔离 " << report.quarantined
            << " 行），信用评分运行 " << report.scoringRuns << " 次" << std::endl;
  const char* password = std::getenv("JINFU_DEMO_PASSWORD");
  std::cout << "演示用户 / demo users:\n";
  auth::IdentityStore identity(database);
  audit::AuditLog audit(database, clock);
  auth::AccountService accounts(identity, audit, clock);
  auth::ensureDemoUsers(accounts, password ? password : "", std::cout);
  if (!a.registryOnly) {
    // The marketplace acts as the demo users, so it comes after them.
    auto market = finance::loadDemo(database, clock);
    if (market.products > 0)
      std::cout << "融资对接演示：金融产品 " << market.products << " 个，融资需求 " << market.demands << " 项" << std::endl;
  }
  return 0;
}

}  // namespace

void registerDemoCli(CLI::App& app, CliContext& context) {
  auto a = std::make_shared<DemoArgs>();
  auto* demoCmd = app.add_subcommand("demo", "载入演示数据（可重复执行，只补充缺少的记录）");
  demoCmd->add_flag("--if-empty", a->ifEmpty, "仅当数据库中还没有机构和企业时载入");
  demoCmd->add_flag("--registry-only", a->registryOnly, "只载入机构、企业与演示用户，不导入各部门的归集批次");
  context.on(demoCmd, [&context, a] { return demo(context, *a); });
}

}  // namespace jinfu
