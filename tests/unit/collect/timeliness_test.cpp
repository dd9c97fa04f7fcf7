// 归集时效 from receipts: lateness in working days (the official calendar, across the Spring
// Festival), the median delay, and the monthly periods that never came.
#include <gtest/gtest.h>

#include "collect/timeliness.hpp"

namespace jinfu::collect {
namespace {

Receipt receipt(const std::string& category, const std::string& factDate, const std::string& receivedOn,
                int64_t count = 1) {
  return {7, "焦作市人力资源和社会保障局", category, factDate, receivedOn, count, receivedOn + "T10:00:00.000+08:00"};
}

const WorkCalendar& calendar() { return WorkCalendar::official(); }

TEST(Timeliness, TwentyWorkingDaysAcrossTheSpringFestivalAreNotLate) {
  // January 2026 ends on a Saturday. The 20th working day after it is 2026-03-05: the Spring
  // Festival (02-15 … 02-23 off) pushes it back, the adjusted Saturdays 02-14 and 02-28 forward.
  ASSERT_EQ(calendar().addWorkdays(*Date::parse("2026-01-31"), 20).toString(), "2026-03-05");
  auto rows = timeliness({receipt("social_insurance", "2026-01-31", "2026-03-05"),
                          receipt("social_insurance", "2025-12-31", "2026-03-05")},
                         calendar(), *Date::parse("2026-03-10"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].facts, 2);
  EXPECT_EQ(rows[0].late, 1);  // December's, forty-odd working days on
  EXPECT_DOUBLE_EQ(rows[0].lateShare, 0.5);
  EXPECT_EQ(rows[0].categoryName, "社保");
  EXPECT_EQ(rows[0].frequency, "monthly");
  EXPECT_EQ(rows[0].lastReceivedAt, "2026-03-05T10:00:00.000+08:00");
  rows = timeliness({receipt("social_insurance", "2026-01-31", "2026-03-06")}, calendar(), *Date::parse("2026-03-10"));
  EXPECT_EQ(rows[0].late, 1);  // one working day past the twentieth
}

TEST(Timeliness, TheMedianDelayWeighsEachFact) {
  auto rows = timeliness({receipt("tax", "2026-06-30", "2026-07-02", 3), receipt("tax", "2026-05-31", "2026-08-31", 1)},
                         calendar(), *Date::parse("2026-09-01"));
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_TRUE(rows[0].medianDelayWorkdays);
  EXPECT_EQ(*rows[0].medianDelayWorkdays, 2);  // three facts two working days late, one very late
}

TEST(Timeliness, MonthsDueAndNeverReceivedAreMissing) {
  // Received: 2026-03 and 2026-05 only. As of 2026-08-10, April and June are due (June's deadline
  // 2026-07-28) and missing; July's deadline (2026-08-28) is still ahead. Months before the
  // first receipt do not count.
  auto rows = timeliness({receipt("social_insurance", "2026-03-31", "2026-04-10"),
                          receipt("social_insurance", "2026-05-31", "2026-06-10")},
                         calendar(), *Date::parse("2026-08-10"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].missingPeriods, (std::vector<std::string>{"2026-04", "2026-06"}));
}

TEST(Timeliness, EventCategoriesHaveNoMissingPeriods) {
  auto rows = timeliness({receipt("penalty", "2025-01-10", "2026-01-10")}, calendar(), *Date::parse("2026-08-10"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].late, 1);
  EXPECT_TRUE(rows[0].missingPeriods.empty());
}

}  // namespace
}  // namespace jinfu::collect
