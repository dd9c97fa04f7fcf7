#pragma once
// The use cases of 融资申请: the bank's and the enterprise's commands on an application (受理 …
// 放款、结清, 撤回, 补充材料), decided by the pure state machine (application.hpp) and applied —
// the application, its timeline, its demand, its time limit, the other party's 站内信 and the
// audit trail — in one transaction by the command runner; what each party may see of them.
#include <cstdint>
#include <optional>
#include <vector>

#include "finance/context.hpp"

namespace jinfu::finance {

class ApplicationService {
 public:
  explicit ApplicationService(Context& c) : c_(c) {}

  ApplicationRow command(const Acting& a, int64_t applicationId, CommandInput input);
  std::optional<ApplicationRow> visible(const auth::Principal& p, int64_t id);
  Page<ApplicationRow> list(const auth::Principal& p, const ApplicationFilter& f, Paging paging);
  std::vector<EventRow> timeline(int64_t applicationId) { return c_.applications.events(applicationId); }
  // The commands the principal may give on the application now (none for a viewer who only reads).
  std::vector<Command> allowedFor(const auth::Principal& p, const ApplicationRow& a);

 private:
  Context& c_;
};

}  // namespace jinfu::finance
