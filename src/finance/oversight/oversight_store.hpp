#pragma once
// What the government watches: the time-limit settings, the clocks that run, overdue marks
// (超时督办) and the pipeline's figures by bank and by park. Alone speaks SQL for finance_settings
// and overdue_marks; reads demands and applications for the funnel (the same subsystem).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "finance/oversight/deadlines.hpp"
#include "finance/viewer.hpp"
#include "platform/page.hpp"
#include "platform/fwd.hpp"

namespace jinfu::finance {

struct OverdueRow {
  int64_t id = 0;
  Step step = Step::ClaimOrRespond;
  int64_t demandId = 0, applicationId = 0;
  std::optional<int64_t> bankId;
  std::string bankName, enterpriseName, uscc, startedOn, deadline, markedAt, outcome;
  std::optional<std::string> resolvedAt;
};

// What the scheduler looks at: every demand or application with a running clock.
struct Pending {
  Step step = Step::ClaimOrRespond;
  int64_t demandId = 0, applicationId = 0;
  std::optional<int64_t> bankId;
  Date startedOn;
  int workdays = 0;  // 0: take the platform's setting
};

struct FunnelRow {
  std::string key, name;  // bank or park
  int64_t published = 0, claimed = 0, approved = 0, disbursed = 0;
  int64_t publishedFen = 0, approvedFen = 0, disbursedFen = 0;
};

class OversightStore {
 public:
  explicit OversightStore(db::Database& db) : db_(db) {}

  TimeLimits limits();  // the platform's settings, defaults when unset
  void saveLimits(soci::session& tx, const TimeLimits& l, const std::string& now);
  std::vector<Pending> pending();
  // Inserts the mark unless the same step of the same demand/application is marked already.
  bool markOverdue(soci::session& tx, const Pending& p, Date deadline, const std::string& now, const std::string& outcome);
  void resolveOverdue(soci::session& tx, int64_t demandId, int64_t applicationId, const std::string& now);
  Page<OverdueRow> overdue(const Viewer& v, bool openOnly, Paging paging);

  // The pipeline for the government: by bank and by park, within the viewer's region.
  std::vector<FunnelRow> funnelByBank(const Viewer& v);
  std::vector<FunnelRow> funnelByPark(const Viewer& v);

 private:
  db::Database& db_;
};

}  // namespace jinfu::finance
