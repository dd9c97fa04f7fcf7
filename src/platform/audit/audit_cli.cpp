#include "platform/audit/audit_cli.hpp"

#include <iostream>

#include <CLI/CLI.hpp>

#include "platform/audit/audit_log.hpp"
#include "platform/cli.hpp"

namespace jinfu::audit {

void registerCli(CLI::App& app, CliContext& context) {
  auto* auditCmd = app.add_subcommand("audit", "审计日志");
  auditCmd->require_subcommand(1);
  auto* verify = auditCmd->add_subcommand("verify", "校验审计日志哈希链，报告第一条被篡改、删除或调序的记录");
  context.on(verify, [&context] { return runVerify(context.migrated(), std::cout); });
}

int runVerify(db::Database& db, std::ostream& out) {
  auto report = verifyAuditLog(db);
  if (report.ok) {
    out << "ok " << report.entries << " entries" << std::endl;
    return 0;
  }
  out << "tampered: entry " << *report.badEntryId << ": " << report.reasonZh << std::endl;
  return 1;
}

}  // namespace jinfu::audit
