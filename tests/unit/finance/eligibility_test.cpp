// Matching a need against products: each rule's outcome with the enterprise's value and the
// threshold, unknown never counted as a pass, and the ranking of eligible products.
#include <gtest/gtest.h>

#include "finance/oversight/deadlines.hpp"
#include "finance/product/eligibility.hpp"

namespace jinfu::finance {
namespace {

const std::vector<std::string> kGrades = {"A", "B", "C", "D", "E"};

Product taxLoan() {
  Product p;
  p.id = 1;
  p.name = "税易贷";
  p.bankName = "工商银行焦作分行";
  p.minAmountFen = 10'000'000;     // 10 万元
  p.maxAmountFen = 300'000'000;  // 300 万元
  p.minTermMonths = 3;
  p.maxTermMonths = 36;
  p.minRateBp = 345;
  p.maxRateBp = 435;
  p.guarantees = {"credit"};
  p.approvalWorkdays = 5;
  p.rules.regionPrefixes = {"4108"};
  p.rules.industryPrefixes = {"C", "I65"};
  p.rules.sizeClasses = {"small", "micro"};
  p.rules.minYears = 2;
  p.rules.minTaxGrade = "B";
  p.rules.minTaxPaid12mFen = 5'000'000;  // 5 万元
  p.rules.minInsured = 5;
  p.rules.minCreditGrade = "C";
  return p;
}

Profile goodFirm() {
  Profile e;
  e.regionCode = "410871";
  e.industryCode = "C3562";
  e.sizeClass = "small";
  e.years = 6.5;
  e.taxGrade = "A";
  e.taxPaid12mFen = 12'345'600;
  e.insured = 42;
  e.creditGrade = "B";
  e.dishonest = false;
  e.seriousIllegal = false;
  return e;
}

Need need() { return Need{100'000'000, 12, {}}; }  // 100 万元, 12 months

const RuleOutcome& rule(const Match& m, const std::string& name) {
  for (const auto& r : m.rules)
    if (r.rule == name) return r;
  throw std::runtime_error("no rule " + name);
}

TEST(FinanceEligibility, AFittingFirmPassesEveryRule) {
  Product p = taxLoan();
  auto m = match(p, goodFirm(), need(), kGrades);
  EXPECT_TRUE(m.eligible);
  EXPECT_EQ(m.rules.size(), 13u);  // 10 product rules + amount, term, guarantee
  EXPECT_EQ(rule(m, "tax_grade").value, "A级");
  EXPECT_EQ(rule(m, "tax_grade").threshold, "不低于 B级");
  EXPECT_EQ(rule(m, "tax_paid").value, "12.35 万元");
  EXPECT_EQ(rule(m, "amount").threshold, "10 万元–300 万元");
}

TEST(FinanceEligibility, EachFailingRuleIsNamedWithValueAndThreshold) {
  Product p = taxLoan();
  Profile e = goodFirm();
  e.regionCode = "410102";
  e.industryCode = "F5123";
  e.years = 1.2;
  e.taxGrade = "M";
  e.creditGrade = "D";
  e.dishonest = true;
  auto m = match(p, e, Need{500'000'000, 48, {}}, kGrades);
  EXPECT_FALSE(m.eligible);
  for (const char* r : {"region", "industry", "years", "tax_grade", "credit_grade", "dishonest", "amount", "term"})
    EXPECT_EQ(rule(m, r).outcome, Outcome::Fail) << r;
  for (const char* r : {"size", "tax_paid", "insured", "serious_illegal", "guarantee"})
    EXPECT_EQ(rule(m, r).outcome, Outcome::Pass) << r;
  EXPECT_EQ(rule(m, "years").value, "1.2 年");
  EXPECT_EQ(rule(m, "years").threshold, "不少于 2 年");
  EXPECT_EQ(rule(m, "region").threshold, "4108*");
  EXPECT_EQ(rule(m, "term").value, "48 个月");
}

TEST(FinanceEligibility, WhatThePlatformDoesNotKnowIsNotAPass) {
  Profile e = goodFirm();
  e.taxGrade.reset();
  e.insured.reset();
  e.creditGrade.reset();
  e.dishonest.reset();
  auto m = match(taxLoan(), e, need(), kGrades);
  EXPECT_FALSE(m.eligible);
  for (const char* r : {"tax_grade", "insured", "credit_grade", "dishonest"}) {
    EXPECT_EQ(rule(m, r).outcome, Outcome::Unknown) << r;
    EXPECT_TRUE(rule(m, r).value == "未归集" || rule(m, r).value == "未评分") << r;
  }
}

TEST(FinanceEligibility, GuaranteesAProductAccepts) {
  Product mortgage = taxLoan();
  mortgage.guarantees = {"mortgage", "guarantee"};
  EXPECT_EQ(rule(match(mortgage, goodFirm(), need(), kGrades), "guarantee").outcome, Outcome::Fail);
  Need withHouse = need();
  withHouse.guarantees = {"mortgage"};
  auto m = match(mortgage, goodFirm(), withHouse, kGrades);
  EXPECT_EQ(rule(m, "guarantee").outcome, Outcome::Pass);
  EXPECT_EQ(rule(m, "guarantee").threshold, "抵押、保证");
}

TEST(FinanceEligibility, RankingByRateThenPromiseThenTheBanksRecord) {
  Product a = taxLoan(), b = taxLoan(), c = taxLoan(), d = taxLoan(), never = taxLoan();
  a.name = "A";
  b.name = "B";
  b.minRateBp = 330;  // cheapest
  c.name = "C";
  c.approvalWorkdays = 3;  // same rate as A, faster promise
  d.name = "D";  // like A, but its bank answers faster on the platform
  never.name = "X";
  never.rules.minInsured = 1000;  // not eligible
  std::vector<Product> products = {a, b, c, d, never};
  std::vector<BankRecord> all(5), records;
  all[0] = {4.0, 0.5};
  all[3] = {1.5, 0.9};
  std::vector<const Product*> eligible;
  for (size_t i = 0; i < products.size(); ++i)
    if (evaluate(products[i], goodFirm(), need(), kGrades).eligible) {
      eligible.push_back(&products[i]);
      records.push_back(all[i]);
    }
  auto ranked = rank(eligible, records);
  ASSERT_EQ(ranked.size(), 4u);
  EXPECT_EQ(ranked[0].product->name, "B");
  EXPECT_EQ(ranked[1].product->name, "C");
  EXPECT_EQ(ranked[2].product->name, "D");
  EXPECT_EQ(ranked[3].product->name, "A");
  EXPECT_EQ(why(ranked[2]), "年利率 3.45%–4.35%；承诺 5 个工作日审批；该行平均 1.5 个工作日响应，批准率 90%");
}

TEST(FinanceDeadlines, AcrossTheSpringFestivalAndItsAdjustedWorkingWeekend) {
  const auto& cal = WorkCalendar::official();
  // Claimed on Friday 2026-02-13 with two working days: Saturday 14th is an adjusted working day,
  // then the holiday runs to the 23rd, so the deadline is Tuesday the 24th.
  EXPECT_EQ(deadline(cal, *Date::parse("2026-02-13"), 2), *Date::parse("2026-02-24"));
  EXPECT_EQ(deadline(cal, *Date::parse("2026-02-13"), 1), *Date::parse("2026-02-14"));
  // Ten working days from Monday 2026-02-09: 10–14 (five, the 14th a Saturday at work), 24–27,
  // then Saturday 28th, adjusted.
  EXPECT_EQ(deadline(cal, *Date::parse("2026-02-09"), 10), *Date::parse("2026-02-28"));
  EXPECT_FALSE(isOverdue(cal, *Date::parse("2026-02-13"), 2, *Date::parse("2026-02-24")));
  EXPECT_TRUE(isOverdue(cal, *Date::parse("2026-02-13"), 2, *Date::parse("2026-02-25")));
  EXPECT_EQ(workdaysOverdue(cal, *Date::parse("2026-02-13"), 2, *Date::parse("2026-02-27")), 3);
  EXPECT_EQ(workdaysOverdue(cal, *Date::parse("2026-02-13"), 2, *Date::parse("2026-02-20")), 0);
}

}  // namespace
}  // namespace jinfu::finance
