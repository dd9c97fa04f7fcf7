#include "platform/clock.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace jinfu {
namespace {

using namespace std::chrono;

// An instant given in UTC.
system_clock::time_point utc(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0,
                             int ms = 0) {
  return sys_days(year(y) / month(m) / day(d)) + hours(hh) + minutes(mm) + seconds(ss) +
         milliseconds(ms);
}

Date date(std::string_view s) {
  std::optional<Date> d = Date::parse(s);
  EXPECT_TRUE(d.has_value()) << s;
  return d.value_or(Date());
}

// ---- Date --------------------------------------------------------------------------------------

TEST(Date, ParsesStrictIsoDates) {
  Date d = date("2026-11-27");
  EXPECT_EQ(d.year(), 2026);
  EXPECT_EQ(d.month(), 11);
  EXPECT_EQ(d.day(), 27);
  EXPECT_EQ(d.toString(), "2026-11-27");
  EXPECT_EQ(date("2024-02-29").toString(), "2024-02-29");
  EXPECT_EQ(date("2000-02-29").toString(), "2000-02-29");
  EXPECT_EQ(date("0001-01-01").toString(), "0001-01-01");
  EXPECT_EQ(date("9999-12-31").toString(), "9999-12-31");
}

TEST(Date, RejectsLooseOrImpossibleDates) {
  for (const char* s : {"2026-02-30", "2025-02-29", "1900-02-29", "2026-13-01", "2026-00-10",
                        "2026-01-00", "2026-04-31", "0000-01-01", "2026-2-3", "2026-02-3",
                        "26-02-03", "2026-02-03 ", " 2026-02-03", "2026-02-03T00:00",
                        "2026/02/03", "20260203", "2026-02-0x", "+026-02-03", ""})
    EXPECT_FALSE(Date::parse(s).has_value()) << s;
}

TEST(Date, FromYmdValidates) {
  EXPECT_TRUE(Date::fromYmd(2026, 2, 28).has_value());
  EXPECT_FALSE(Date::fromYmd(2026, 2, 29).has_value());
  EXPECT_FALSE(Date::fromYmd(2026, 13, 1).has_value());
  EXPECT_FALSE(Date::fromYmd(10000, 1, 1).has_value());
  EXPECT_FALSE(Date::fromYmd(0, 1, 1).has_value());
  EXPECT_FALSE(Date::fromYmd(2026, -1, 1).has_value());
}

TEST(Date, Weekdays) {
  EXPECT_EQ(date("2026-11-27").weekday(), Friday);
  EXPECT_EQ(date("2026-11-27").isoWeekday(), 5);
  EXPECT_EQ(date("2024-02-04").isoWeekday(), 7);  // a Sunday, worked in lieu of 春节
  EXPECT_EQ(date("1970-01-01").weekday(), Thursday);
  EXPECT_EQ(date("2027-01-01").isoWeekday(), 5);
}

TEST(Date, ArithmeticAndOrder) {
  EXPECT_EQ(date("2026-12-31").plusDays(1), date("2027-01-01"));
  EXPECT_EQ(date("2024-03-01").plusDays(-1), date("2024-02-29"));
  EXPECT_EQ(date("2027-01-01") - date("2026-01-01"), 365);
  EXPECT_EQ(date("2024-01-01") - date("2025-01-01"), -366);
  EXPECT_LT(date("2026-02-28"), date("2026-03-01"));
  EXPECT_EQ(Date(), date("1970-01-01"));
  EXPECT_EQ(Date::fromDaysSinceEpoch(-1), date("1969-12-31"));
  EXPECT_EQ(Date(sys_days(year(2026) / 11 / 27)), date("2026-11-27"));
  EXPECT_EQ(date("2026-11-27").sysDays(), sys_days(year(2026) / 11 / 27));
}

// ---- clocks ------------------------------------------------------------------------------------

TEST(SystemClock, ReadsTheSystemClock) {
  SystemClock clock;
  const auto before = system_clock::now();
  const auto now = clock.now();
  EXPECT_GE(now, before);
  EXPECT_LT(now - before, seconds(5));
}

TEST(ManualClock, MovesOnlyWhenTold) {
  ManualClock clock(utc(2026, 11, 27, 12, 56, 24));
  const Clock& asClock = clock;
  EXPECT_EQ(asClock.now(), utc(2026, 11, 27, 12, 56, 24));
  clock.advance(hours(36));
  EXPECT_EQ(clock.now(), utc(2026, 11, 29, 0, 56, 24));
  clock.advance(-minutes(56));
  EXPECT_EQ(clock.now(), utc(2026, 11, 29, 0, 0, 24));
  clock.set(utc(2024, 2, 4));
  EXPECT_EQ(clock.now(), utc(2024, 2, 4));
  EXPECT_EQ(ManualClock().now(), system_clock::time_point());
}

TEST(ManualClock, AdvancesAtomicallyFromManyThreads) {
  ManualClock clock(utc(2026, 1, 1));
  constexpr int kThreads = 4, kSteps = 10'000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kSteps; ++i) {
        clock.advance(milliseconds(1));
        (void)clock.now();
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(clock.now(), utc(2026, 1, 1) + milliseconds(kThreads * kSteps));
}

// ---- Asia/Shanghai -----------------------------------------------------------------------------

TEST(Shanghai, DateChangesAtSixteenUtc) {
  EXPECT_EQ(shanghaiDate(utc(2026, 11, 27, 15, 59, 59, 999)), date("2026-11-27"));
  EXPECT_EQ(shanghaiDate(utc(2026, 11, 27, 16)), date("2026-11-28"));
  EXPECT_EQ(shanghaiDate(utc(2026, 12, 31, 16)), date("2027-01-01"));
  EXPECT_EQ(shanghaiDate(utc(2026, 11, 27, 0)), date("2026-11-27"));
}

TEST(Shanghai, DateBeforeTheEpochRoundsDown) {
  EXPECT_EQ(shanghaiDate(utc(1969, 12, 31, 15, 59, 59)), date("1969-12-31"));
  EXPECT_EQ(shanghaiDate(utc(1969, 12, 31, 16)), date("1970-01-01"));
}

TEST(Shanghai, StartOfDayIsSixteenUtcTheDayBefore) {
  const Date d = date("2026-11-28");
  EXPECT_EQ(shanghaiStartOfDay(d), utc(2026, 11, 27, 16));
  EXPECT_EQ(shanghaiDate(shanghaiStartOfDay(d)), d);
  EXPECT_EQ(shanghaiDate(shanghaiStartOfDay(d) - nanoseconds(1)), d.plusDays(-1));
}

TEST(Shanghai, Rfc3339WithMilliseconds) {
  EXPECT_EQ(rfc3339Shanghai(utc(2026, 11, 27, 12, 56, 24, 123)), "2026-11-27T20:56:24.123+08:00");
  EXPECT_EQ(rfc3339Shanghai(utc(2026, 12, 31, 16)), "2027-01-01T00:00:00.000+08:00");
  EXPECT_EQ(rfc3339Shanghai(utc(2024, 2, 29, 15, 59, 59, 999)), "2024-02-29T23:59:59.999+08:00");
  EXPECT_EQ(rfc3339Shanghai(system_clock::time_point()), "1970-01-01T08:00:00.000+08:00");
}

TEST(Shanghai, Rfc3339TruncatesTowardThePast) {
  // 123.9 ms is shown as .123; before the epoch truncation must still go down, not toward 0.
  EXPECT_EQ(rfc3339Shanghai(utc(2026, 11, 27, 12, 56, 24, 123) + microseconds(900)),
            "2026-11-27T20:56:24.123+08:00");
  EXPECT_EQ(rfc3339Shanghai(system_clock::time_point() - microseconds(1)),
            "1970-01-01T07:59:59.999+08:00");
}

// ---- the pinned clock of tests and demos ---------------------------------------------------------

TEST(ParseInstant, ReadsRfc3339WithAnyOffsetAndBareDatesAsTenInTheMorningInShanghai) {
  EXPECT_EQ(parseInstant("2026-11-27T10:00:00+08:00"), utc(2026, 11, 27, 2));
  EXPECT_EQ(parseInstant("2026-11-27T02:00:00Z"), utc(2026, 11, 27, 2));
  EXPECT_EQ(parseInstant("2026-11-26T21:30:00-04:30"), utc(2026, 11, 27, 2));
  EXPECT_EQ(parseInstant("2026-11-27T02:00:00.750Z"), utc(2026, 11, 27, 2));  // the fraction is dropped
  EXPECT_EQ(parseInstant("2026-11-27"), utc(2026, 11, 27, 2));
}

TEST(ParseInstant, RefusesAnythingElse) {
  for (std::string_view bad : {"", "2026-11-27T10:00:00", "2026-11-27 10:00:00+08:00", "2026-02-30",
                               "2026-11-27T24:00:00Z", "2026-11-27T10:60:00Z", "2026-11-27T10:00:00+8:00",
                               "2026-11-27T10:00:00.Z", "2026-11-27T10:00:00+08:00x", "today"})
    EXPECT_FALSE(parseInstant(bad).has_value()) << bad;
}

TEST(PinnedClock, StartsAtItsPinAndRunsForward) {
  PinnedClock clock(utc(2026, 11, 27, 2));
  auto first = clock.now();
  EXPECT_GE(first, utc(2026, 11, 27, 2));
  EXPECT_LT(first, utc(2026, 11, 27, 2, 0, 5));
  std::this_thread::sleep_for(milliseconds(20));
  EXPECT_GE(clock.now() - first, milliseconds(20));
  EXPECT_EQ(shanghaiDate(clock.now()), date("2026-11-27"));
}

}  // namespace
}  // namespace jinfu
