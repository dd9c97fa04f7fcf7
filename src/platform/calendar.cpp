#include "platform/calendar.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>

#include "platform/embedded.hpp"
#include "platform/text.hpp"

namespace jinfu {
namespace {

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - (a % b < 0 ? 1 : 0); }
std::int64_t floorMod(std::int64_t a, std::int64_t b) { return a - floorDiv(a, b) * b; }

// The Monday–Friday rule in closed form, so that the fallback is O(1) like the table.
// Day 0 of the count is Monday 1969-12-29, three days before the epoch (a Thursday).
constexpr std::int64_t kMondayOffset = 3;

// Weekdays in [1969-12-29, day), negative for earlier days.
std::int64_t weekdaysBefore(std::int64_t day) {
  std::int64_t u = day + kMondayOffset;
  return 5 * floorDiv(u, 7) + std::min<std::int64_t>(floorMod(u, 7), 5);
}

// The weekday whose weekdaysBefore() is k.
std::int64_t nthWeekday(std::int64_t k) { return 7 * floorDiv(k, 5) + floorMod(k, 5) - kMondayOffset; }

bool isWeekend(std::int64_t day) { return floorMod(day + kMondayOffset, 7) >= 5; }

bool works(DayKind k) { return k == DayKind::kWeekday || k == DayKind::kAdjustedWorkday; }

DayKind fallbackKind(int day) { return isWeekend(day) ? DayKind::kWeekend : DayKind::kWeekday; }


[[noreturn]] void fail(int line, const std::string& what) {
  throw std::invalid_argument("holiday CSV line " + std::to_string(line) + ": " + what);
}

int jan1(int year) { return Date::fromYmd(year, 1, 1)->daysSinceEpoch(); }

}  // namespace

struct WorkCalendar::Warnings {
  std::atomic<bool> hasSink{false};  // lets the fallback path skip the mutex when nobody listens
  std::mutex mu;
  std::shared_ptr<const WarningSink> sink;
  std::set<int> warned;
};

WorkCalendar::WorkCalendar() : warnings_(std::make_unique<Warnings>()) {}
WorkCalendar::WorkCalendar(WorkCalendar&&) noexcept = default;
WorkCalendar& WorkCalendar::operator=(WorkCalendar&&) noexcept = default;
WorkCalendar::~WorkCalendar() = default;

WorkCalendar WorkCalendar::fromCsv(std::string_view csv) {
  struct Entry {
    DayKind kind;
    std::string name;
    int line;
  };
  std::map<int, Entry> entries;  // by day

  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);  // BOM from spreadsheet exports
  bool headerSeen = false;
  int lineNo = 0;
  while (!csv.empty()) {
    const std::size_t nl = csv.find('\n');
    const std::string_view line = text::trimAscii(csv.substr(0, nl));
    csv.remove_prefix(nl == std::string_view::npos ? csv.size() : nl + 1);
    ++lineNo;
    if (line.empty()) continue;

    if (!headerSeen) {
      if (line != "date,kind,name") fail(lineNo, "expected the header \"date,kind,name\"");
      headerSeen = true;
      continue;
    }

    std::string_view fields[3];
    std::string_view rest = line;
    int count = 0;
    for (;;) {
      const std::size_t comma = rest.find(',');
      if (count < 3) fields[count] = text::trimAscii(rest.substr(0, comma));
      ++count;
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    if (count != 3)
      fail(lineNo, "expected 3 fields date,kind,name, got " + std::to_string(count));

    const std::optional<Date> date = Date::parse(fields[0]);
    if (!date) fail(lineNo, "invalid date \"" + std::string(fields[0]) + "\" (expected YYYY-MM-DD)");
    DayKind kind;
    if (fields[1] == "holiday") {
      kind = DayKind::kHoliday;
    } else if (fields[1] == "workday") {
      kind = DayKind::kAdjustedWorkday;
      // A working Monday needs no entry; one in the file means a typo in the date.
      if (date->isoWeekday() < 6)
        fail(lineNo, date->toString() + " is not a Saturday or Sunday, so it cannot be an "
                                        "adjusted working day");
    } else {
      fail(lineNo, "unknown kind \"" + std::string(fields[1]) + "\" (expected holiday or workday)");
    }
    if (fields[2].empty()) fail(lineNo, "empty name");

    auto [it, inserted] =
        entries.emplace(date->daysSinceEpoch(), Entry{kind, std::string(fields[2]), lineNo});
    if (!inserted)
      fail(lineNo, "duplicate date " + date->toString() + " (first on line " +
                       std::to_string(it->second.line) + ")");
  }
  if (!headerSeen) fail(1, "expected the header \"date,kind,name\"");

  WorkCalendar cal;
  cal.names_.emplace_back();  // index 0: no name
  std::set<int> years;
  for (const auto& [day, e] : entries) years.insert(Date::fromDaysSinceEpoch(day).year());
  if (years.empty()) {
    cal.before_.push_back(0);
    return cal;
  }

  cal.firstYear_ = *years.begin();
  cal.lastYear_ = *years.rbegin();
  cal.first_ = jan1(cal.firstYear_);
  cal.end_ = jan1(cal.lastYear_ + 1);
  cal.coveredYears_.assign(years.begin(), years.end());
  cal.covered_.assign(static_cast<std::size_t>(cal.lastYear_ - cal.firstYear_ + 1), false);
  for (int y : years) cal.covered_[static_cast<std::size_t>(y - cal.firstYear_)] = true;
  cal.gapless_ = years.size() == cal.covered_.size();

  const auto size = static_cast<std::size_t>(cal.end_ - cal.first_);
  cal.kinds_.resize(size);
  cal.nameOf_.assign(size, 0);
  for (std::size_t i = 0; i < size; ++i) cal.kinds_[i] = fallbackKind(cal.first_ + static_cast<int>(i));
  for (const auto& [day, e] : entries) {
    const auto i = static_cast<std::size_t>(day - cal.first_);
    cal.kinds_[i] = e.kind;
    auto name = std::find(cal.names_.begin(), cal.names_.end(), e.name);
    if (name == cal.names_.end()) name = cal.names_.insert(name, e.name);
    cal.nameOf_[i] = static_cast<std::uint16_t>(name - cal.names_.begin());
  }

  cal.before_.resize(size + 1);
  cal.before_[0] = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const bool w = works(cal.kinds_[i]);
    cal.before_[i + 1] = cal.before_[i] + (w ? 1 : 0);
    if (w) cal.workdays_.push_back(static_cast<std::int32_t>(i));
  }
  return cal;
}

const WorkCalendar& WorkCalendar::official() {
  static const WorkCalendar calendar = [] {
    const auto csv = embedded::find("data/calendar/holidays-cn.csv");
    if (!csv) throw std::logic_error("data/calendar/holidays-cn.csv is not embedded in the binary");
    return fromCsv(*csv);
  }();
  return calendar;
}

bool WorkCalendar::covers(int year) const {
  return year >= firstYear_ && year <= lastYear_ &&
         covered_[static_cast<std::size_t>(year - firstYear_)];
}

DayKind WorkCalendar::kind(Date d) const {
  const int day = d.daysSinceEpoch();
  noteFallback(day, day);
  return inTable(day) ? kinds_[static_cast<std::size_t>(day - first_)] : fallbackKind(day);
}

bool WorkCalendar::isWorkday(Date d) const { return works(kind(d)); }

std::string_view WorkCalendar::holidayName(Date d) const {
  const int day = d.daysSinceEpoch();
  noteFallback(day, day);
  return inTable(day) ? names_[nameOf_[static_cast<std::size_t>(day - first_)]] : std::string_view();
}

std::int64_t WorkCalendar::workdaysBefore(int day) const {
  if (day <= first_) return weekdaysBefore(day) - weekdaysBefore(first_);
  if (day >= end_) return before_.back() + weekdaysBefore(day) - weekdaysBefore(end_);
  return before_[static_cast<std::size_t>(day - first_)];
}

int WorkCalendar::nthWorkday(std::int64_t index) const {
  if (index < 0) return static_cast<int>(nthWeekday(weekdaysBefore(first_) + index));
  if (index < static_cast<std::int64_t>(workdays_.size()))
    return first_ + workdays_[static_cast<std::size_t>(index)];
  return static_cast<int>(nthWeekday(weekdaysBefore(end_) + index - before_.back()));
}

Date WorkCalendar::addWorkdays(Date d, int n) const {
  if (n == 0) return d;
  const int day = d.daysSinceEpoch();
  // Index of the target among all working days: counting on from the last one at or before d,
  // or back from the first one before d.
  const std::int64_t index = n > 0 ? workdaysBefore(day + 1) + n - 1 : workdaysBefore(day) + n;
  const int result = nthWorkday(index);
  noteFallback(std::min(day, result), std::max(day, result));
  return Date::fromDaysSinceEpoch(result);
}

int WorkCalendar::workdaysBetween(Date a, Date b) const {
  const int da = a.daysSinceEpoch(), db = b.daysSinceEpoch();
  noteFallback(std::min(da, db), std::max(da, db));
  const std::int64_t n = db >= da ? workdaysBefore(db + 1) - workdaysBefore(da + 1)
                                  : -(workdaysBefore(da) - workdaysBefore(db));
  return static_cast<int>(n);
}

Date WorkCalendar::firstWorkdayOnOrAfter(Date d) const {
  return isWorkday(d) ? d : addWorkdays(d, 1);
}

void WorkCalendar::setWarningSink(WarningSink sink) const {
  std::lock_guard lock(warnings_->mu);
  warnings_->sink = sink ? std::make_shared<const WarningSink>(std::move(sink)) : nullptr;
  warnings_->hasSink.store(warnings_->sink != nullptr, std::memory_order_release);
}

void WorkCalendar::noteFallback(int fromDay, int toDay) const {
  if (gapless_ && fromDay >= first_ && toDay < end_) return;  // the common case: all loaded
  if (!warnings_->hasSink.load(std::memory_order_acquire)) return;
  const int from = Date::fromDaysSinceEpoch(fromDay).year();
  const int to = Date::fromDaysSinceEpoch(toDay).year();
  for (int y = from; y <= to; ++y)
    if (!covers(y)) warn(y);
}

void WorkCalendar::warn(int year) const {
  std::shared_ptr<const WarningSink> sink;
  {
    std::lock_guard lock(warnings_->mu);
    if (!warnings_->sink || !warnings_->warned.insert(year).second) return;
    sink = warnings_->sink;
  }
  // Called outside the lock so that a sink may itself query the calendar.
  const std::string y = std::to_string(year);
  (*sink)("work calendar has no official holiday schedule for " + y +
          "; counting Monday-Friday as working days (工作日历未包含" + y +
          "年的法定节假日安排，暂按周一至周五计算工作日，请更新节假日数据)");
}

}  // namespace jinfu
