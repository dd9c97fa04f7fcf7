#pragma once
// What the government oversees in 融资对接: the time limits (working days) and the clock each
// demand and application runs on, the sweep that marks what is overdue (and lets a claim nobody
// followed up lapse, the demand going back to the pool), 超时督办 and the pipeline's funnel.
#include <optional>
#include <string>
#include <vector>

#include "finance/context.hpp"

namespace jinfu::finance {

struct SweepReport {
  Date today;
  int checked = 0, marked = 0, lapsed = 0;
};

struct Funnel {
  FunnelRow total;
  std::vector<FunnelRow> byBank, byPark;
  int64_t openOverdue = 0;
};

class OversightService {
 public:
  explicit OversightService(Context& c) : c_(c) {}

  // Deadlines of an application's or a demand's running step, for the pages.
  struct Clocked {
    std::optional<Step> step;  // none when no clock runs
    std::optional<Date> deadline;
    bool overdue = false;
  };
  Clocked clockOf(const ApplicationRow& a);
  Clocked clockOf(const DemandRow& d);

  TimeLimits limits() { return c_.limits(); }
  void saveLimits(const Acting& a, const TimeLimits& l);

  // Marks what is overdue as of `today`, notifies the bank, lets pool claims without contact
  // lapse (the demand goes back to the pool). Safe to run twice or from two processes: each mark
  // is inserted once and each lapse is an optimistic update.
  SweepReport sweep(Date today);

  Page<OverdueRow> overdue(const auth::Principal& p, bool openOnly, Paging paging);
  Funnel funnel(const auth::Principal& p);

 private:
  Context& c_;
};

}  // namespace jinfu::finance
