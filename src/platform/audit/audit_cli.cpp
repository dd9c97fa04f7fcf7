#include "platform/audit/audit_cli.hpp"

#include "platform/audit/audit_log.hpp"

namespace jinfu::audit {

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
