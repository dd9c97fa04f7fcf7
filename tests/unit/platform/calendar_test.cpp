#include "platform/calendar.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "platform/embedded.hpp"

namespace jinfu {
namespace {

Date date(std::string_view s) {
  std::optional<Date> d = Date::parse(s);
  EXPECT_TRUE(d.has_value()) << s;
  return d.value_or(Date());
}

// A private copy of the official schedule, so that tests of warnings do not share the warn-once
// memory of official() with each other.
WorkCalendar officialCopy() {
  return WorkCalendar::fromCsv(embedded::find("data/calendar/holidays-cn.csv").value());
}

// Collects warnings; thread-safe because the calendar may call it from any thread.
struct Sink {
  std::mutex mu;
  std::vector<std::string> messages;
  WorkCalendar::WarningSink fn() {
    return [this](std::string_view m) {
      std::lock_guard lock(mu);
      messages.emplace_back(m);
    };
  }
  std::size_t size() {
    std::lock_guard lock(mu);
    return messages.size();
  }
};

// The slow, obviously right definitions the O(1) ones are checked against.
int countByWalking(const WorkCalendar& cal, Date a, Date b) {
  int n = 0;
  if (b >= a) {
    for (Date d = a.plusDays(1); d <= b; d = d.plusDays(1)) n += cal.isWorkday(d) ? 1 : 0;
  } else {
    for (Date d = b; d < a; d = d.plusDays(1)) n -= cal.isWorkday(d) ? 1 : 0;
  }
  return n;
}

Date addByWalking(const WorkCalendar& cal, Date d, int n) {
  const int step = n > 0 ? 1 : -1;
  for (int left = n > 0 ? n : -n; left > 0;) {
    d = d.plusDays(step);
    if (cal.isWorkday(d)) --left;
  }
  return d;
}

// ---- the official schedule ---------------------------------------------------------------------

TEST(OfficialCalendar, CoversTwentyFourToTwentySix) {
  const WorkCalendar& cal = WorkCalendar::official();
  EXPECT_TRUE(cal.covers(2024));
  EXPECT_TRUE(cal.covers(2025));
  EXPECT_TRUE(cal.covers(2026));
  EXPECT_FALSE(cal.covers(2023));
  EXPECT_FALSE(cal.covers(2027));
  EXPECT_EQ(cal.coveredYears(), (std::vector<int>{2024, 2025, 2026}));
  EXPECT_EQ(&cal, &WorkCalendar::official());
}

TEST(OfficialCalendar, SpringFestival2024) {
  const WorkCalendar& cal = WorkCalendar::official();
  // Sunday 2024-02-04 and Sunday 2024-02-18 were worked; 10th–17th were off.
  EXPECT_EQ(cal.kind(date("2024-02-04")), DayKind::kAdjustedWorkday);
  EXPECT_TRUE(cal.isWorkday(date("2024-02-04")));
  EXPECT_EQ(cal.holidayName(date("2024-02-04")), "春节");
  for (Date d = date("2024-02-10"); d <= date("2024-02-17"); d = d.plusDays(1)) {
    EXPECT_EQ(cal.kind(d), DayKind::kHoliday) << d.toString();
    EXPECT_FALSE(cal.isWorkday(d)) << d.toString();
    EXPECT_EQ(cal.holidayName(d), "春节") << d.toString();
  }
  EXPECT_TRUE(cal.isWorkday(date("2024-02-09")));  // 除夕 was not a statutory day off in 2024
  EXPECT_EQ(cal.kind(date("2024-02-18")), DayKind::kAdjustedWorkday);
}

TEST(OfficialCalendar, AdjustedWorkdaysAndHolidays) {
  const WorkCalendar& cal = WorkCalendar::official();
  EXPECT_EQ(cal.kind(date("2025-01-26")), DayKind::kAdjustedWorkday);  // a Sunday
  EXPECT_EQ(cal.kind(date("2026-01-01")), DayKind::kHoliday);
  EXPECT_EQ(cal.holidayName(date("2026-01-01")), "元旦");
  EXPECT_EQ(cal.kind(date("2026-01-02")), DayKind::kHoliday);  // a Friday
  EXPECT_EQ(cal.kind(date("2026-01-04")), DayKind::kAdjustedWorkday);
  for (Date d = date("2025-10-01"); d <= date("2025-10-08"); d = d.plusDays(1))
    EXPECT_EQ(cal.holidayName(d), "国庆节、中秋节") << d.toString();
  for (Date d = date("2026-10-01"); d <= date("2026-10-07"); d = d.plusDays(1))
    EXPECT_EQ(cal.kind(d), DayKind::kHoliday) << d.toString();
  EXPECT_EQ(cal.holidayName(date("2026-09-25")), "中秋节");
  EXPECT_EQ(cal.kind(date("2026-09-20")), DayKind::kAdjustedWorkday);
  EXPECT_EQ(cal.kind(date("2026-10-10")), DayKind::kAdjustedWorkday);
}

TEST(OfficialCalendar, OrdinaryDays) {
  const WorkCalendar& cal = WorkCalendar::official();
  EXPECT_EQ(cal.kind(date("2026-03-02")), DayKind::kWeekday);
  EXPECT_EQ(cal.kind(date("2026-03-07")), DayKind::kWeekend);
  EXPECT_EQ(cal.holidayName(date("2026-03-02")), "");
  EXPECT_FALSE(cal.isWorkday(date("2026-03-08")));
}

TEST(OfficialCalendar, WorkingDaysPerYear) {
  const WorkCalendar& cal = WorkCalendar::official();
  EXPECT_EQ(cal.workdaysBetween(date("2023-12-31"), date("2024-12-31")), 251);
  EXPECT_EQ(cal.workdaysBetween(date("2024-12-31"), date("2025-12-31")), 248);
  EXPECT_EQ(cal.workdaysBetween(date("2025-12-31"), date("2026-12-31")), 248);
}

// ---- addWorkdays -------------------------------------------------------------------------------

TEST(AddWorkdays, AcrossSpringFestival) {
  const WorkCalendar& cal = WorkCalendar::official();
  EXPECT_EQ(cal.addWorkdays(date("2024-02-08"), 1), date("2024-02-09"));
  EXPECT_EQ(cal.addWorkdays(date("2024-02-09"), 1), date("2024-02-18"));  // the worked Sunday
  EXPECT_EQ(cal.addWorkdays(date("2024-02-09"), 2), date("2024-02-19"));
  EXPECT_EQ(cal.addWorkdays(date("2026-02-13"), 1), date("2026-02-14"));  // a worked Saturday
  EXPECT_EQ(cal.addWorkdays(date("2026-02-14"), 1), date("2026-02-24"));
  EXPECT_EQ(cal.addWorkdays(date("2026-02-13"), 20), date("2026-03-19"));
}

TEST(AddWorkdays, AcrossNationalDay) {
  const WorkCalendar& cal = WorkCalendar::official();
  EXPECT_EQ(cal.addWorkdays(date("2026-09-30"), 1), date("2026-10-08"));
  EXPECT_EQ(cal.addWorkdays(date("2026-09-30"), 3), date("2026-10-10"));  // a worked Saturday
  EXPECT_EQ(cal.addWorkdays(date("2025-09-30"), 1), date("2025-10-09"));
  EXPECT_EQ(cal.addWorkdays(date("2026-09-18"), 20), date("2026-10-22"));
}

TEST(AddWorkdays, Backwards) {
  const WorkCalendar& cal = WorkCalendar::official();
  EXPECT_EQ(cal.addWorkdays(date("2026-10-08"), -1), date("2026-09-30"));
  EXPECT_EQ(cal.addWorkdays(date("2024-02-18"), -1), date("2024-02-09"));
  EXPECT_EQ(cal.addWorkdays(date("2026-03-07"), -1), date("2026-03-06"));  // Saturday → Friday
  EXPECT_EQ(cal.addWorkdays(date("2026-03-09"), -1), date("2026-03-06"));  // Monday → Friday
  EXPECT_EQ(cal.addWorkdays(date("2026-03-19"), -20), date("2026-02-13"));
}

TEST(AddWorkdays, ZeroKeepsTheDateEvenOnADayOff) {
  const WorkCalendar& cal = WorkCalendar::official();
  EXPECT_EQ(cal.addWorkdays(date("2026-03-07"), 0), date("2026-03-07"));
  EXPECT_EQ(cal.addWorkdays(date("2026-10-01"), 0), date("2026-10-01"));
  EXPECT_EQ(cal.firstWorkdayOnOrAfter(date("2026-10-01")), date("2026-10-08"));
  EXPECT_EQ(cal.firstWorkdayOnOrAfter(date("2026-10-10")), date("2026-10-10"));
  EXPECT_EQ(cal.addWorkdays(date("2026-03-06"), 1), date("2026-03-09"));  // Friday → Monday
  EXPECT_EQ(cal.addWorkdays(date("2026-03-07"), 1), date("2026-03-09"));  // Saturday → Monday
}

TEST(AddWorkdays, IntoUncoveredYearsByMondayToFriday) {
  WorkCalendar cal = officialCopy();
  EXPECT_EQ(cal.addWorkdays(date("2026-12-31"), 1), date("2027-01-01"));
  EXPECT_EQ(cal.addWorkdays(date("2026-12-31"), 2), date("2027-01-04"));
  EXPECT_EQ(cal.addWorkdays(date("2023-12-29"), 1), date("2024-01-02"));  // 2024-01-01 off
  EXPECT_EQ(cal.addWorkdays(date("2024-01-02"), -1), date("2023-12-29"));
  EXPECT_EQ(cal.addWorkdays(date("2030-01-04"), 5), date("2030-01-11"));
  EXPECT_EQ(cal.addWorkdays(date("2030-01-05"), -1), date("2030-01-04"));
  EXPECT_EQ(cal.addWorkdays(date("2020-01-01"), 2000), addByWalking(cal, date("2020-01-01"), 2000));
}

// ---- workdaysBetween ---------------------------------------------------------------------------

TEST(WorkdaysBetween, CountsTheDestinationNotTheOrigin) {
  const WorkCalendar& cal = WorkCalendar::official();
  EXPECT_EQ(cal.workdaysBetween(date("2026-09-30"), date("2026-10-08")), 1);
  EXPECT_EQ(cal.workdaysBetween(date("2026-10-08"), date("2026-09-30")), -1);
  EXPECT_EQ(cal.workdaysBetween(date("2026-03-06"), date("2026-03-06")), 0);
  EXPECT_EQ(cal.workdaysBetween(date("2026-03-06"), date("2026-03-08")), 0);  // Fri → Sun
  EXPECT_EQ(cal.workdaysBetween(date("2026-03-08"), date("2026-03-06")), -1);  // Sun → Fri
  EXPECT_EQ(cal.workdaysBetween(date("2026-09-30"), date("2026-10-10")), 3);
}

TEST(WorkdaysBetween, RandomPairsAgreeWithWalkingAndInvertAddWorkdays) {
  WorkCalendar cal = officialCopy();
  std::mt19937 rng(20260101);
  // 2023-07-01 … 2027-06-30: both fallback edges and all covered years.
  const int lo = date("2023-07-01").daysSinceEpoch(), hi = date("2027-06-30").daysSinceEpoch();
  std::uniform_int_distribution<int> day(lo, hi);
  for (int i = 0; i < 3000; ++i) {
    const Date a = Date::fromDaysSinceEpoch(day(rng)), b = Date::fromDaysSinceEpoch(day(rng));
    const int n = cal.workdaysBetween(a, b);
    ASSERT_EQ(n, countByWalking(cal, a, b)) << a.toString() << " → " << b.toString();
    if (cal.isWorkday(b)) {
      ASSERT_EQ(cal.addWorkdays(a, n), b) << a.toString() << " + " << n;
      if (cal.isWorkday(a)) {
        ASSERT_EQ(cal.workdaysBetween(b, a), -n);
      }
    }
  }
}

TEST(AddWorkdays, RandomStepsAgreeWithWalking) {
  WorkCalendar cal = officialCopy();
  std::mt19937 rng(20241001);
  const int lo = date("2023-10-01").daysSinceEpoch(), hi = date("2027-03-31").daysSinceEpoch();
  std::uniform_int_distribution<int> day(lo, hi), steps(-60, 60);
  for (int i = 0; i < 3000; ++i) {
    const Date d = Date::fromDaysSinceEpoch(day(rng));
    const int n = steps(rng);
    ASSERT_EQ(cal.addWorkdays(d, n), n == 0 ? d : addByWalking(cal, d, n))
        << d.toString() << " + " << n;
  }
}

// ---- warnings for uncovered years --------------------------------------------------------------

TEST(WorkCalendarWarnings, OncePerUncoveredYear) {
  WorkCalendar cal = officialCopy();
  Sink sink;
  cal.setWarningSink(sink.fn());

  EXPECT_TRUE(cal.isWorkday(date("2026-06-01")));
  EXPECT_EQ(cal.addWorkdays(date("2026-09-18"), 20), date("2026-10-22"));
  EXPECT_EQ(sink.size(), 0u);  // covered years are silent

  EXPECT_EQ(cal.addWorkdays(date("2026-12-31"), 1), date("2027-01-01"));
  ASSERT_EQ(sink.size(), 1u);
  EXPECT_NE(sink.messages[0].find("2027"), std::string::npos);
  EXPECT_NE(sink.messages[0].find("工作日历未包含2027年的法定节假日安排"), std::string::npos);

  (void)cal.isWorkday(date("2027-06-01"));
  (void)cal.kind(date("2027-10-01"));
  (void)cal.addWorkdays(date("2026-12-31"), 5);
  EXPECT_EQ(sink.size(), 1u);

  (void)cal.holidayName(date("2023-05-01"));
  EXPECT_EQ(sink.size(), 2u);
  (void)cal.workdaysBetween(date("2026-12-01"), date("2029-01-10"));  // 2027 known; 2028, 2029 new
  EXPECT_EQ(sink.size(), 4u);
}

TEST(WorkCalendarWarnings, NothingIsLostBeforeTheSinkIsInstalled) {
  WorkCalendar cal = officialCopy();
  (void)cal.isWorkday(date("2027-03-01"));  // no sink yet: not remembered
  Sink sink;
  cal.setWarningSink(sink.fn());
  (void)cal.isWorkday(date("2027-03-02"));
  EXPECT_EQ(sink.size(), 1u);
  cal.setWarningSink(nullptr);
  (void)cal.isWorkday(date("2028-03-02"));
  EXPECT_EQ(sink.size(), 1u);
}

TEST(WorkCalendarWarnings, OnceEvenUnderConcurrentQueries) {
  WorkCalendar cal = officialCopy();
  Sink sink;
  cal.setWarningSink(sink.fn());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&cal] {
      for (int i = 0; i < 2000; ++i) {
        (void)cal.addWorkdays(date("2026-12-20"), 20);         // into 2027
        (void)cal.isWorkday(date("2028-01-01").plusDays(i % 300));
        (void)cal.addWorkdays(date("2025-03-03"), 20);         // covered
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(sink.size(), 2u);
}

TEST(WorkCalendarWarnings, SinkMayQueryTheCalendar) {
  WorkCalendar cal = officialCopy();
  int calls = 0;
  cal.setWarningSink([&](std::string_view) {
    ++calls;
    (void)cal.isWorkday(date("2027-01-05"));  // would deadlock if called under the lock
  });
  (void)cal.isWorkday(date("2027-01-04"));
  EXPECT_EQ(calls, 1);
}

// ---- loading -----------------------------------------------------------------------------------

TEST(WorkCalendarCsv, ParsesCrLfBomAndBlankLines) {
  WorkCalendar cal = WorkCalendar::fromCsv(
      "\xEF\xBB\xBF" "date,kind,name\r\n2030-10-01,holiday,国庆节\r\n\r\n2030-09-29,workday,国庆节\r\n");
  EXPECT_TRUE(cal.covers(2030));
  EXPECT_FALSE(cal.covers(2029));
  EXPECT_EQ(cal.kind(date("2030-10-01")), DayKind::kHoliday);
  EXPECT_EQ(cal.kind(date("2030-09-29")), DayKind::kAdjustedWorkday);
  EXPECT_EQ(cal.holidayName(date("2030-09-29")), "国庆节");
  EXPECT_EQ(cal.kind(date("2030-10-02")), DayKind::kWeekday);
}

void expectRejected(std::string_view csv, std::string_view fragment) {
  try {
    (void)WorkCalendar::fromCsv(csv);
    ADD_FAILURE() << "accepted: " << csv;
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(WorkCalendarCsv, RejectsBadLinesNamingTheLine) {
  expectRejected("2024-01-01,holiday,元旦\n", "line 1: expected the header");
  expectRejected("", "line 1: expected the header");
  expectRejected("date,kind,name\n2024-01-01,holiday\n", "line 2: expected 3 fields");
  expectRejected("date,kind,name\n2024-01-01,holiday,元旦,x\n", "line 2: expected 3 fields");
  expectRejected("date,kind,name\n2024-01-01,holiday,元旦\n2024-02-30,holiday,春节\n",
                 "line 3: invalid date \"2024-02-30\"");
  expectRejected("date,kind,name\n2024-1-1,holiday,元旦\n", "line 2: invalid date");
  expectRejected("date,kind,name\n2024-01-01,vacation,元旦\n", "line 2: unknown kind \"vacation\"");
  expectRejected("date,kind,name\n2024-01-01,holiday,元旦\n\n2024-01-01,holiday,元旦\n",
                 "line 4: duplicate date 2024-01-01 (first on line 2)");
  expectRejected("date,kind,name\n2024-02-05,workday,春节\n", "line 2: 2024-02-05 is not a Saturday");
  expectRejected("date,kind,name\n2024-01-01,holiday,\n", "line 2: empty name");
}

TEST(WorkCalendarCsv, HeaderOnlyMeansMondayToFridayEverywhere) {
  WorkCalendar cal = WorkCalendar::fromCsv("date,kind,name\n");
  EXPECT_TRUE(cal.coveredYears().empty());
  EXPECT_FALSE(cal.covers(2026));
  EXPECT_EQ(cal.addWorkdays(date("2026-10-01"), 1), date("2026-10-02"));
  EXPECT_EQ(cal.addWorkdays(date("2026-03-06"), 1), date("2026-03-09"));
  EXPECT_EQ(cal.addWorkdays(date("2026-03-09"), -1), date("2026-03-06"));
  EXPECT_EQ(cal.workdaysBetween(date("2026-03-01"), date("2026-03-31")), 22);
}

TEST(WorkCalendarCsv, GapYearsFallBackAndWarn) {
  WorkCalendar cal = WorkCalendar::fromCsv(
      "date,kind,name\n2024-10-01,holiday,国庆节\n2026-10-01,holiday,国庆节\n");
  Sink sink;
  cal.setWarningSink(sink.fn());
  EXPECT_TRUE(cal.covers(2024));
  EXPECT_FALSE(cal.covers(2025));
  EXPECT_TRUE(cal.covers(2026));
  EXPECT_FALSE(cal.isWorkday(date("2024-10-01")));
  EXPECT_EQ(sink.size(), 0u);
  EXPECT_TRUE(cal.isWorkday(date("2025-10-01")));  // a Wednesday, and 2025 is not loaded
  EXPECT_EQ(sink.size(), 1u);
  const Date a = date("2024-09-30"), b = date("2026-10-08");
  EXPECT_EQ(cal.workdaysBetween(a, b), countByWalking(cal, a, b));
  EXPECT_EQ(cal.addWorkdays(a, 1), date("2024-10-02"));
  EXPECT_EQ(cal.addWorkdays(a, 520), addByWalking(cal, a, 520));
  EXPECT_EQ(sink.size(), 1u);
}

TEST(WorkCalendar, ConcurrentReadsAgree) {
  const WorkCalendar& cal = WorkCalendar::official();
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 5000; ++i) {
        const Date d = date("2024-01-01").plusDays(i % 1000);
        if (cal.workdaysBetween(d, cal.addWorkdays(d, 20)) != 20) ++mismatches;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace jinfu
