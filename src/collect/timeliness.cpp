#include "collect/timeliness.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "collect/catalogue.hpp"

namespace jinfu::collect {
namespace {

std::string monthOf(Date d) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04d-%02d", d.year(), d.month());
  return buf;
}

Date lastDayOfMonth(int year, int month) {
  int nextYear = month == 12 ? year + 1 : year, nextMonth = month == 12 ? 1 : month + 1;
  return Date::fromYmd(nextYear, nextMonth, 1)->plusDays(-1);
}

}  // namespace

std::vector<TimelinessRow> timeliness(const std::vector<Receipt>& receipts, const WorkCalendar& calendar, Date asOf,
                                      int limitWorkdays) {
  struct Acc {
    TimelinessRow row;
    std::map<int, int64_t> delays;  // working days → facts
    std::set<std::string> months;
    std::optional<Date> first;
  };
  std::map<std::pair<int64_t, std::string>, Acc> groups;
  for (const auto& r : receipts) {
    auto factDate = Date::parse(r.factDate);
    auto receivedOn = Date::parse(r.receivedOn);
    if (!factDate || !receivedOn) continue;
    auto& acc = groups[{r.providerId, r.category}];
    if (acc.row.facts == 0) {
      acc.row.providerId = r.providerId;
      acc.row.providerName = r.providerName;
      acc.row.category = r.category;
      if (const Category* c = findCategory(r.category)) {
        acc.row.categoryName = c->zh;
        acc.row.frequency = c->frequency;
      }
    }
    int delay = *receivedOn > *factDate ? calendar.workdaysBetween(*factDate, *receivedOn) : 0;
    acc.delays[delay] += r.count;
    acc.row.facts += r.count;
    if (delay > limitWorkdays) acc.row.late += r.count;
    acc.row.lastReceivedAt = std::max(acc.row.lastReceivedAt, r.lastReceivedAt);
    acc.months.insert(monthOf(*factDate));
    if (!acc.first || *factDate < *acc.first) acc.first = *factDate;
  }

  std::vector<TimelinessRow> out;
  for (auto& [key, acc] : groups) {
    auto& row = acc.row;
    row.lateShare = row.facts ? static_cast<double>(row.late) / static_cast<double>(row.facts) : 0;
    // The median of the delays, from their histogram.
    int64_t seen = 0, half = (row.facts + 1) / 2;
    for (const auto& [delay, n] : acc.delays) {
      seen += n;
      if (seen >= half) {
        row.medianDelayWorkdays = delay;
        break;
      }
    }
    if (row.frequency == "monthly" && acc.first) {
      // The twelve months before asOf's month, oldest first.
      int y = asOf.year(), m = asOf.month();
      std::vector<std::string> missing;
      for (int i = 12; i >= 1; --i) {
        int mm = m - i, yy = y;
        while (mm <= 0) {
          mm += 12;
          --yy;
        }
        Date end = lastDayOfMonth(yy, mm);
        if (end < *acc.first) continue;
        if (calendar.addWorkdays(end, limitWorkdays) > asOf) continue;
        char buf[8];
        std::snprintf(buf, sizeof buf, "%04d-%02d", yy, mm);
        if (!acc.months.count(buf)) missing.push_back(buf);
      }
      row.missingPeriods = std::move(missing);
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace jinfu::collect
