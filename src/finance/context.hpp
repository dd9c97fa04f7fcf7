#pragma once
// What the services of 融资对接 share: the four stores (one per aggregate), the command runner
// every write goes through, the clock and calendar, and what each service asks of the caller
// (whose lists it sees, which enterprise it is) and of the platform (time limits, credit grades).
// Built once by Market; the services hold a reference.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "finance/application/application_store.hpp"
#include "finance/demand/demand_store.hpp"
#include "finance/oversight/oversight_store.hpp"
#include "finance/product/product_store.hpp"
#include "finance/viewer.hpp"
#include "platform/command/runner.hpp"
#include "platform/fwd.hpp"

namespace jinfu {
class WorkCalendar;
namespace auth { struct Principal; }
namespace credit { class CreditService; }
}  // namespace jinfu

namespace jinfu::finance {

// Who acts: the principal, and the principal as the audit trail names it.
struct Acting {
  const auth::Principal& principal;
  const audit::Actor& actor;
};

class Context {
 public:
  Context(db::Database& db, credit::CreditService& credit, notify::NotificationStore& notices, audit::AuditLog& audit,
          const Clock& clock, const WorkCalendar& calendar);

  Date today() const;
  std::string now() const;

  // Whose lists the principal sees; Nobody for kinds that take no part.
  Viewer viewerOf(const auth::Principal& p);
  // The caller's own enterprise, for an enterprise user of a registered enterprise.
  std::optional<int64_t> enterpriseOf(const auth::Principal& p);
  // The same, or 403 enterprise_only for anyone else — audited as a denied access to `route`.
  int64_t requireOwnEnterprise(const auth::Principal& p, const audit::Actor& actor, const std::string& route);
  // The active scorecard's grades, best first: what a product's minimum credit grade may name.
  std::vector<std::string> creditGrades();
  // The platform's settings, read at most every few seconds (every page of 20 demands asks for
  // them once per row); another process's change is seen within that time.
  TimeLimits limits();
  void forgetLimits();  // after this process changed them

  db::Database& db;
  credit::CreditService& credit;
  audit::AuditLog& audit;
  const Clock& clock;
  const WorkCalendar& calendar;
  command::Runner runner;
  ProductStore products;
  DemandStore demands;
  ApplicationStore applications;
  OversightStore oversight;

 private:
  std::mutex limitsMutex_;
  TimeLimits cachedLimits_;
  std::chrono::steady_clock::time_point limitsReadAt_{};
};

}  // namespace jinfu::finance
