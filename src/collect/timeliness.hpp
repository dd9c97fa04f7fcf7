#pragma once
// 归集时效: the rules on enterprise information publicity expect a department's information
// within 20 working days of the fact. From what was received (CollectStore::receipts) this
// computes, per provider and category, how much arrived late and which monthly periods are
// missing. Pure: the working-day calendar and the as-of date come in.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "collect/collect_store.hpp"
#include "platform/calendar.hpp"
#include "platform/clock.hpp"

namespace jinfu::collect {

inline constexpr int kPublicityWorkdays = 20;

struct TimelinessRow {
  int64_t providerId = 0;
  std::string providerName, category, categoryName, frequency;
  int64_t facts = 0, late = 0;
  double lateShare = 0;                       // late / facts
  std::optional<double> medianDelayWorkdays;  // over facts
  std::string lastReceivedAt;
  std::vector<std::string> missingPeriods;    // "2026-09": monthly categories, last 12 months
};

// A fact received `workdaysBetween(factDate, receivedOn)` > limit working days after its date is
// late. A month of a monthly category is missing when nothing dated in it was received from the
// provider and its deadline (limit working days after the month's last day) is on or before asOf.
// Only months after the provider's first receipt for the category count.
std::vector<TimelinessRow> timeliness(const std::vector<Receipt>& receipts, const WorkCalendar& calendar, Date asOf,
                                      int limitWorkdays = kPublicityWorkdays);

}  // namespace jinfu::collect
