// Credit features from facts as of a date: windows, unknown vs. zero, validity periods.
#include <gtest/gtest.h>

#include "credit/features.hpp"

namespace jinfu::credit {
namespace {

Date d(const char* text) { return *Date::parse(text); }

double at(const FeatureVector& v, Feature f) { return v[static_cast<size_t>(f)]; }

// A monthly fact as the collect pipeline stores it: the period's last day, values in fen.
FactInput tax(const std::string& month, long long fen, const char* grade = nullptr) {
  std::string vals = "{";
  if (grade) vals += std::string("\"creditGrade\":\"") + grade + "\",";
  vals += "\"period\":\"" + month + "\",\"taxPaid\":" + std::to_string(fen) + "}";
  auto end = Date::fromYmd(std::stoi(month.substr(0, 4)), std::stoi(month.substr(5, 2)) % 12 + 1, 1);
  Date last = std::stoi(month.substr(5, 2)) == 12 ? *Date::fromYmd(std::stoi(month.substr(0, 4)), 12, 31)
                                                  : end->plusDays(-1);
  return {"tax", last.toString(), vals};
}

std::string monthsBefore(const Date& asOf, int ago) {  // ago 0 = the month before asOf's month
  int index = asOf.year() * 12 + asOf.month() - 2 - ago;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04d-%02d", index / 12, index % 12 + 1);
  return buf;
}

TEST(CreditFeatures, NothingCollectedIsUnknownNotZero) {
  auto v = computeFeatures({}, Coverage{}, d("2015-06-01"), d("2026-03-15"));
  EXPECT_NEAR(at(v, Feature::YearsEstablished), 10.8, 0.05);
  for (size_t i = 1; i < kFeatureCount; ++i) EXPECT_FALSE(known(v[i])) << featureInfos()[i].code;
  EXPECT_EQ(displayValue(Feature::TaxPaid12m, v[1]), "未归集");
}

TEST(CreditFeatures, AReportingDepartmentWithNoRecordMeansNone) {
  Coverage c;
  c.penalty = c.judicial = c.abnormalList = c.licence = c.ip = c.honour = true;
  auto v = computeFeatures({}, c, d("2015-06-01"), d("2026-03-15"));
  for (auto f : {Feature::PenaltyMinor36m, Feature::PenaltyGeneral36m, Feature::PenaltySerious36m,
                 Feature::EnforcementOpen, Feature::Dishonest, Feature::AbnormalListed,
                 Feature::SeriousIllegalListed, Feature::LicencesValid, Feature::Patents, Feature::Trademarks,
                 Feature::Hightech, Feature::Specialised})
    EXPECT_EQ(at(v, f), 0.0) << info(f).code;
  // Periodic sources stay unknown: a tax office that sends files but has no row for this firm
  // does not say it paid nothing.
  EXPECT_FALSE(known(at(v, Feature::TaxPaid12m)));
  EXPECT_FALSE(known(at(v, Feature::InsuredCount)));
}

TEST(CreditFeatures, TaxWindowsTrendAndLatestGrade) {
  Date asOf = d("2026-03-15");
  std::vector<FactInput> facts;
  for (int ago = 0; ago < 12; ++ago) facts.push_back(tax(monthsBefore(asOf, ago), 1'000'000, ago == 0 ? "B" : "A"));
  for (int ago = 12; ago < 24; ++ago) facts.push_back(tax(monthsBefore(asOf, ago), 500'000, "C"));
  facts.push_back(tax("2026-03", 99'000'000, "D"));  // the as-of month itself is not complete
  facts.push_back(tax("2023-01", 99'000'000, "D"));  // older than 24 months
  auto v = computeFeatures(facts, Coverage{}, d("2015-06-01"), asOf);
  EXPECT_DOUBLE_EQ(at(v, Feature::TaxPaid12m), 12.0);  // 万元
  EXPECT_DOUBLE_EQ(at(v, Feature::TaxPaid24m), 18.0);
  EXPECT_DOUBLE_EQ(at(v, Feature::TaxTrend), 100.0);
  EXPECT_DOUBLE_EQ(at(v, Feature::TaxCreditGrade), 3.0);  // B, of 2026-02: the latest ended period
  EXPECT_EQ(displayValue(Feature::TaxCreditGrade, 3.0), "B级");
}

TEST(CreditFeatures, TrendUnknownWithoutTheYearBefore) {
  Date asOf = d("2026-03-15");
  auto v = computeFeatures({tax(monthsBefore(asOf, 0), 1'000'000)}, Coverage{}, std::nullopt, asOf);
  EXPECT_DOUBLE_EQ(at(v, Feature::TaxPaid12m), 1.0);
  EXPECT_FALSE(known(at(v, Feature::TaxTrend)));
  EXPECT_FALSE(known(at(v, Feature::YearsEstablished)));
}

TEST(CreditFeatures, ArrearsMonthsAndHeadcountTrend) {
  Date asOf = d("2026-03-15");
  std::vector<FactInput> facts;
  auto si = [](const std::string& month, int insured, long long arrears) {
    std::string vals = "{" + (arrears ? "\"arrearsAmount\":" + std::to_string(arrears) + "," : std::string()) +
                       "\"insuredCount\":" + std::to_string(insured) + ",\"period\":\"" + month + "\"}";
    return FactInput{"social_insurance", month + "-28", vals};
  };
  facts.push_back(si(monthsBefore(asOf, 0), 120, 0));
  facts.push_back(si(monthsBefore(asOf, 1), 118, 5000));
  facts.push_back(si(monthsBefore(asOf, 2), 118, 5000));
  facts.push_back(si(monthsBefore(asOf, 12), 100, 0));
  facts.push_back(si(monthsBefore(asOf, 13), 100, 9000));  // arrears older than 12 months do not count
  auto v = computeFeatures(facts, Coverage{}, std::nullopt, asOf);
  EXPECT_EQ(at(v, Feature::InsuredCount), 120);
  EXPECT_DOUBLE_EQ(at(v, Feature::InsuredTrend), 20.0);
  EXPECT_EQ(at(v, Feature::SiArrearsMonths), 2);
  EXPECT_FALSE(known(at(v, Feature::HfArrearsMonths)));
  EXPECT_EQ(displayValue(Feature::InsuredTrend, 20.0), "+20.0%");
}

TEST(CreditFeatures, PenaltiesCountOnlyInThe36Months) {
  Coverage c;
  c.penalty = true;
  auto penalty = [](const char* date, const char* severity) {
    return FactInput{"penalty", date, std::string("{\"decidedOn\":\"") + date + "\",\"severity\":\"" + severity + "\"}"};
  };
  auto v = computeFeatures({penalty("2023-03-16", "minor"), penalty("2023-03-14", "serious"),
                            penalty("2025-01-01", "general"), penalty("2026-03-16", "serious")},
                           c, std::nullopt, d("2026-03-15"));
  EXPECT_EQ(at(v, Feature::PenaltyMinor36m), 1);
  EXPECT_EQ(at(v, Feature::PenaltyGeneral36m), 1);
  EXPECT_EQ(at(v, Feature::PenaltySerious36m), 0);  // one too old, one after the as-of date
}

TEST(CreditFeatures, ListsLicencesAndHonoursCountWhileValid) {
  Coverage c;
  c.abnormalList = c.licence = c.honour = c.judicial = c.ip = true;
  std::vector<FactInput> facts = {
      {"abnormal_list", "2025-01-01", R"({"listType":"abnormal","listedOn":"2025-01-01","removedOn":"2025-06-01"})"},
      {"abnormal_list", "2025-09-01", R"({"listType":"serious","listedOn":"2025-09-01"})"},
      {"licence", "2020-01-01", R"({"issuedOn":"2020-01-01","validUntil":"2025-01-01"})"},
      {"licence", "2024-01-01", R"({"issuedOn":"2024-01-01","validUntil":"2029-01-01"})"},
      {"honour", "2022-01-01", R"({"kind":"hightech","validUntil":"2025-01-01"})"},
      {"honour", "2025-01-01", R"({"kind":"little_giant","validUntil":"2028-01-01"})"},
      {"judicial", "2024-05-01", R"({"kind":"enforcement","status":"open"})"},
      {"judicial", "2024-06-01", R"({"kind":"enforcement","status":"closed"})"},
      {"judicial", "2024-07-01", R"({"kind":"dishonest","status":"closed"})"},
      {"ip", "2021-01-01", R"({"kind":"invention"})"},
      {"ip", "2022-01-01", R"({"kind":"trademark"})"},
      {"ip", "2022-02-01", R"({"kind":"software"})"},
  };
  auto v = computeFeatures(facts, c, std::nullopt, d("2026-03-15"));
  EXPECT_EQ(at(v, Feature::AbnormalListed), 0);  // removed before the as-of date
  EXPECT_EQ(at(v, Feature::SeriousIllegalListed), 1);
  EXPECT_EQ(at(v, Feature::LicencesValid), 1);
  EXPECT_EQ(at(v, Feature::Hightech), 0);  // expired
  EXPECT_EQ(at(v, Feature::Specialised), 1);
  EXPECT_EQ(at(v, Feature::EnforcementOpen), 1);
  EXPECT_EQ(at(v, Feature::Dishonest), 0);
  EXPECT_EQ(at(v, Feature::Patents), 1);
  EXPECT_EQ(at(v, Feature::Trademarks), 1);
  // As of a year earlier the serious list did not exist yet and the hightech title was valid.
  auto earlier = computeFeatures(facts, c, std::nullopt, d("2024-12-31"));
  EXPECT_EQ(at(earlier, Feature::SeriousIllegalListed), 0);
  EXPECT_EQ(at(earlier, Feature::AbnormalListed), 0);
  EXPECT_EQ(at(earlier, Feature::Hightech), 1);
}

TEST(CreditFeatures, InputsHashIsStableAndTellsUnknownFromZero) {
  Date asOf = d("2026-03-15");
  FeatureVector a;
  a.fill(kUnknown);
  FeatureVector b = a;
  EXPECT_EQ(inputsHash(asOf, a), inputsHash(asOf, b));
  b[3] = 0;
  EXPECT_NE(inputsHash(asOf, a), inputsHash(asOf, b));
  EXPECT_NE(inputsHash(asOf, a), inputsHash(d("2026-03-16"), a));
  EXPECT_NE(canonicalInputs(asOf, a).find("tax_trend=null"), std::string::npos);
  EXPECT_NE(canonicalInputs(asOf, b).find("tax_trend=0.0"), std::string::npos);
}

}  // namespace
}  // namespace jinfu::credit
