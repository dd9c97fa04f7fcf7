#pragma once
// Calendar dates and the source of "now". Business rules take a Clock so that deadlines and
// time-outs can be tested by moving a ManualClock instead of sleeping; nothing in the platform
// reads the system clock except SystemClock.
//
// The platform runs for one city in China, so the only time zone it knows is Asia/Shanghai,
// which has been UTC+08:00 without daylight saving since 1991. It is applied as a fixed offset.
#include <atomic>
#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace jinfu {

// A day in the proleptic Gregorian calendar, years 1–9999. A value type: cheap to copy, ordered,
// and stored as a day count so that date arithmetic is integer arithmetic.
class Date {
 public:
  constexpr Date() = default;  // 1970-01-01
  constexpr explicit Date(std::chrono::sys_days d) : days_(d.time_since_epoch().count()) {}
  static constexpr Date fromDaysSinceEpoch(int days) { return Date(days); }

  // nullopt for impossible dates (2026-02-30) and years outside 1–9999.
  static std::optional<Date> fromYmd(int year, int month, int day);
  // Exactly "YYYY-MM-DD": zero-padded, nothing before or after. "2026-2-3", "2026-02-30" and
  // "2026-02-03T00:00" are all rejected; leniency here would let bad dates into deadlines.
  static std::optional<Date> parse(std::string_view text);

  constexpr int daysSinceEpoch() const { return days_; }
  constexpr std::chrono::sys_days sysDays() const {
    return std::chrono::sys_days(std::chrono::days(days_));
  }
  std::chrono::year_month_day ymd() const { return std::chrono::year_month_day(sysDays()); }
  int year() const;
  int month() const;  // 1–12
  int day() const;    // 1–31
  std::chrono::weekday weekday() const { return std::chrono::weekday(sysDays()); }
  // 1 = Monday … 7 = Sunday, as Chinese calendars and ISO 8601 count.
  int isoWeekday() const { return static_cast<int>(weekday().iso_encoding()); }

  constexpr Date plusDays(int n) const { return Date(days_ + n); }
  // Days from b to a (negative if a is earlier).
  friend constexpr int operator-(Date a, Date b) { return a.days_ - b.days_; }

  std::string toString() const;  // "2026-11-27"

  friend constexpr bool operator==(Date, Date) = default;
  friend constexpr auto operator<=>(Date, Date) = default;

 private:
  constexpr explicit Date(int days) : days_(days) {}
  int days_ = 0;
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override;
};

// A clock that only moves when told to. Safe to read and move from several threads, because
// tests drive it from one thread while the code under test reads it from others.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::chrono::system_clock::time_point start = {});

  std::chrono::system_clock::time_point now() const override;
  void set(std::chrono::system_clock::time_point t);
  void advance(std::chrono::system_clock::duration d);

 private:
  std::atomic<std::chrono::system_clock::rep> ticks_;
};

// A clock that starts at a chosen instant and then runs at the pace of the machine's monotonic
// clock. Tests and demos pin the server to the day their data describes, so that neither passes,
// fails nor looks broken by the date it happens to run on, while sessions, lock-outs and
// time-stamps still move forward as they would in production.
class PinnedClock final : public Clock {
 public:
  explicit PinnedClock(std::chrono::system_clock::time_point start);
  std::chrono::system_clock::time_point now() const override;

 private:
  std::chrono::system_clock::time_point start_;
  std::chrono::steady_clock::time_point startedAt_;
};

// "2026-11-27T10:00:00+08:00" (any offset, or Z, optional fraction) or a bare date, read as
// 10:00 Shanghai time that day. nullopt for anything else.
std::optional<std::chrono::system_clock::time_point> parseInstant(std::string_view text);

// The calendar date in Shanghai at instant t (UTC + 8 h).
Date shanghaiDate(std::chrono::system_clock::time_point t);
// The instant Shanghai's day d begins, i.e. d 00:00+08:00 (the previous day 16:00 UTC).
std::chrono::system_clock::time_point shanghaiStartOfDay(Date d);
// "2026-11-27T20:56:24.123+08:00": Shanghai wall time, milliseconds truncated toward the past.
std::string rfc3339Shanghai(std::chrono::system_clock::time_point t);

}  // namespace jinfu
