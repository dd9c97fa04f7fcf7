#pragma once
// Working days in mainland China: Monday–Friday, minus the statutory holidays, plus the weekend
// days the State Council turns into working days (调休上班). Service deadlines ("办结时限：
// 5个工作日") are counted on it, so it is the official schedule, not a weekday approximation.
//
// The schedule is published one year at a time, each November. For a year that is not loaded the
// calendar still answers, by the Monday–Friday rule, and tells the warning sink once per year so
// that operations notice the data needs updating; the library itself never logs.
//
// All queries are const and safe to call from many threads at once.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/clock.hpp"

namespace jinfu {

enum class DayKind : std::uint8_t {
  kWeekday,          // Monday–Friday, a working day
  kWeekend,          // Saturday or Sunday, a day off
  kHoliday,          // a day off of a statutory holiday period (放假), whatever the weekday
  kAdjustedWorkday,  // a Saturday or Sunday made a working day (调休上班)
};

class WorkCalendar {
 public:
  using WarningSink = std::function<void(std::string_view message)>;

  // CSV with the header "date,kind,name" and lines such as "2024-02-04,workday,春节", kind being
  // "holiday" or "workday". The covered years are the years that occur in it. Throws
  // std::invalid_argument naming the line for a malformed line, an impossible date, an unknown
  // kind, a duplicate date or a "workday" that is not on a weekend.
  static WorkCalendar fromCsv(std::string_view csv);
  // The schedule compiled into the binary (data/calendar/holidays-cn.csv), parsed on first use.
  static const WorkCalendar& official();

  WorkCalendar(WorkCalendar&&) noexcept;
  WorkCalendar& operator=(WorkCalendar&&) noexcept;
  WorkCalendar(const WorkCalendar&) = delete;
  WorkCalendar& operator=(const WorkCalendar&) = delete;
  ~WorkCalendar();

  bool covers(int year) const;
  const std::vector<int>& coveredYears() const { return coveredYears_; }

  DayKind kind(Date d) const;
  bool isWorkday(Date d) const;
  // The holiday period a holiday or adjusted working day belongs to ("春节"), empty otherwise.
  std::string_view holidayName(Date d) const;

  // The n-th working day after d (n > 0) or before d (n < 0); d itself never counts, so adding 1
  // to a Friday gives the next Monday and subtracting 1 from a Saturday gives that Friday.
  // n == 0 returns d unchanged even when d is a day off: "zero days later" is still d, and
  // silently moving it would make addWorkdays(d, 0) != d surprising at call sites that compute n.
  // Use firstWorkdayOnOrAfter() to move a date onto a working day. O(1); the result must stay
  // within years 1–9999 (|n| up to a few hundred thousand is always fine).
  Date addWorkdays(Date d, int n) const;
  // The number of working days passed when walking from a to b, counting b and not a: the working
  // days in (a, b] when b >= a, and minus those in [b, a) when b < a. Thus
  // addWorkdays(a, workdaysBetween(a, b)) == b whenever b is a working day, in either direction,
  // and workdaysBetween(a, b) == -workdaysBetween(b, a) when both are working days.
  int workdaysBetween(Date a, Date b) const;
  // d if it is a working day, else the next one.
  Date firstWorkdayOnOrAfter(Date d) const;

  // Receives one message per year that had to be answered by the Monday–Friday fallback. A year
  // met while no sink is installed is not remembered, so the first query about it after a sink
  // is installed reports it. Const because it changes only where diagnostics go, never an
  // answer, so that it can be installed on official(). An empty function removes the sink.
  void setWarningSink(WarningSink sink) const;

 private:
  struct Warnings;

  WorkCalendar();
  std::int64_t workdaysBefore(int day) const;  // signed count of working days in [first_, day)
  int nthWorkday(std::int64_t index) const;    // inverse of workdaysBefore on working days
  bool inTable(int day) const { return day >= first_ && day < end_; }
  void noteFallback(int fromDay, int toDay) const;  // warns for uncovered years in the range
  void warn(int year) const;

  // Days [first_, end_) span the whole years firstYear_..lastYear_ of the loaded schedule; years
  // between that are missing from it are filled by the fallback rule and flagged uncovered.
  int first_ = 0;
  int end_ = 0;
  int firstYear_ = 0;
  int lastYear_ = -1;
  bool gapless_ = true;
  std::vector<DayKind> kinds_;         // per day
  std::vector<std::uint16_t> nameOf_;  // per day, index into names_ (0 = none)
  std::vector<std::string> names_;
  std::vector<std::int32_t> before_;   // before_[i] = working days in days [0, i); size + 1
  std::vector<std::int32_t> workdays_; // offsets of the working days, ascending
  std::vector<bool> covered_;          // per year from firstYear_
  std::vector<int> coveredYears_;
  std::unique_ptr<Warnings> warnings_;
};

}  // namespace jinfu
