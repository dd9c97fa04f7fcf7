#include "platform/clock.hpp"

#include <cstdio>

namespace jinfu {
namespace {

using namespace std::chrono;

constexpr auto kShanghaiOffset = hours(8);

bool isDigit(char c) { return c >= '0' && c <= '9'; }

int digits(std::string_view s, std::size_t pos, std::size_t len) {
  int v = 0;
  for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

}  // namespace

// ---- Date ---------------------------------------------------------------------------------------

std::optional<Date> Date::fromYmd(int y, int m, int d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  // Qualified: inside Date, year/month/day name the member functions.
  const std::chrono::year_month_day v{std::chrono::year(y),
                                      std::chrono::month(static_cast<unsigned>(m)),
                                      std::chrono::day(static_cast<unsigned>(d))};
  if (!v.ok()) return std::nullopt;
  return Date(sys_days(v));
}

std::optional<Date> Date::parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!isDigit(s[i])) return std::nullopt;
  return fromYmd(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
}

int Date::year() const { return static_cast<int>(ymd().year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(ymd().month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(ymd().day())); }

std::string Date::toString() const {
  const year_month_day v = ymd();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(v.year()),
                static_cast<unsigned>(v.month()), static_cast<unsigned>(v.day()));
  return buf;
}

// ---- clocks -------------------------------------------------------------------------------------

system_clock::time_point SystemClock::now() const { return system_clock::now(); }

PinnedClock::PinnedClock(system_clock::time_point start)
    : start_(start), startedAt_(std::chrono::steady_clock::now()) {}

system_clock::time_point PinnedClock::now() const {
  return start_ + std::chrono::duration_cast<system_clock::duration>(std::chrono::steady_clock::now() - startedAt_);
}

std::optional<system_clock::time_point> parseInstant(std::string_view text) {
  if (text.size() == 10) {
    auto d = Date::parse(text);
    if (!d) return std::nullopt;
    return shanghaiStartOfDay(*d) + std::chrono::hours(10);
  }
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':') return std::nullopt;
  auto d = Date::parse(text.substr(0, 10));
  auto two = [&](size_t at) -> int {
    char a = text[at], b = text[at + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
    return (a - '0') * 10 + (b - '0');
  };
  int hh = two(11), mm = two(14), ss = two(17);
  if (!d || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return std::nullopt;
  size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    ++at;
    size_t digits = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at, ++digits;
    if (digits == 0) return std::nullopt;  // the fraction is ignored: a pinned clock needs no more
  }
  int offsetMinutes = 0;
  auto zone = text.substr(at);
  if (zone == "Z") {
    offsetMinutes = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int oh = two(at + 1), om = two(at + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return std::nullopt;
    offsetMinutes = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  return system_clock::time_point(d->sysDays()) + std::chrono::hours(hh) + std::chrono::minutes(mm) +
         std::chrono::seconds(ss) - std::chrono::minutes(offsetMinutes);
}

ManualClock::ManualClock(system_clock::time_point start) : ticks_(start.time_since_epoch().count()) {}

system_clock::time_point ManualClock::now() const {
  return system_clock::time_point(system_clock::duration(ticks_.load(std::memory_order_acquire)));
}

void ManualClock::set(system_clock::time_point t) {
  ticks_.store(t.time_since_epoch().count(), std::memory_order_release);
}

void ManualClock::advance(system_clock::duration d) {
  ticks_.fetch_add(d.count(), std::memory_order_acq_rel);
}

// ---- Asia/Shanghai ------------------------------------------------------------------------------

Date shanghaiDate(system_clock::time_point t) {
  // floor, not duration_cast: instants before 1970 must not round toward the epoch.
  return Date(floor<days>(t + kShanghaiOffset));
}

system_clock::time_point shanghaiStartOfDay(Date d) {
  return system_clock::time_point(d.sysDays()) - kShanghaiOffset;
}

std::string rfc3339Shanghai(system_clock::time_point t) {
  const auto local = t + kShanghaiOffset;
  const auto day = floor<days>(local);
  const auto ms = floor<milliseconds>(local - day).count();  // 0 … 86'399'999
  const year_month_day ymd(day);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03d+08:00",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(ms / 3'600'000),
                static_cast<int>(ms / 60'000 % 60), static_cast<int>(ms / 1000 % 60),
                static_cast<int>(ms % 1000));
  return buf;
}

}  // namespace jinfu
