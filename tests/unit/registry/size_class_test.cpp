#include "registry/size_class.hpp"

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace jinfu::registry {
namespace {

constexpr std::int64_t kWan = 1'000'000;  // fen per 万元
constexpr std::int64_t N = -1;

// One row of the table of 300号: bounds for 大型, 中型, 小型 per indicator (E persons; R, A 万元).
struct TableRow {
  std::vector<const char*> codes;
  const char* industry;
  std::array<std::int64_t, 3> e, r, a;
};

const std::vector<TableRow>& table() {
  static const std::vector<TableRow> rows = {
      {{"01", "A", "05"}, "农、林、牧、渔业", {N, N, N}, {20000, 500, 50}, {N, N, N}},
      {{"C3562", "06", "46", "B", "D"}, "工业", {1000, 300, 20}, {40000, 2000, 300}, {N, N, N}},
      {{"47", "E5010"}, "建筑业", {N, N, N}, {80000, 6000, 300}, {80000, 5000, 300}},
      {{"51"}, "批发业", {200, 20, 5}, {40000, 5000, 1000}, {N, N, N}},
      {{"52"}, "零售业", {300, 50, 10}, {20000, 500, 100}, {N, N, N}},
      {{"54", "58"}, "交通运输业", {1000, 300, 20}, {30000, 3000, 200}, {N, N, N}},
      {{"59"}, "仓储业", {200, 100, 20}, {30000, 1000, 100}, {N, N, N}},
      {{"60"}, "邮政业", {1000, 300, 20}, {30000, 2000, 100}, {N, N, N}},
      {{"61"}, "住宿业", {300, 100, 10}, {10000, 2000, 100}, {N, N, N}},
      {{"62"}, "餐饮业", {300, 100, 10}, {10000, 2000, 100}, {N, N, N}},
      {{"63", "64"}, "信息传输业", {2000, 100, 10}, {100000, 1000, 100}, {N, N, N}},
      {{"65", "I6510"}, "软件和信息技术服务业", {300, 100, 10}, {10000, 1000, 50}, {N, N, N}},
      {{"7010", "701", "70", "703", "K"}, "房地产开发经营", {N, N, N}, {200000, 1000, 100}, {10000, 5000, 2000}},
      {{"702", "7020"}, "物业管理", {1000, 300, 100}, {5000, 1000, 500}, {N, N, N}},
      {{"71", "72", "L"}, "租赁和商务服务业", {300, 100, 10}, {N, N, N}, {120000, 8000, 100}},
      {{"73", "53", "94", "J"}, "其他未列明行业", {300, 100, 10}, {N, N, N}, {N, N, N}},
  };
  return rows;
}

constexpr const char* kClasses[] = {"large", "medium", "small", "micro"};

struct Values {
  std::optional<std::int64_t> e, r, a;
};

// Every indicator of the row exactly at the bound of class `cls` (0 大型, 1 中型, 2 小型).
Values atBound(const TableRow& row, int cls) {
  Values v;
  if (row.e[0] != N) v.e = row.e[static_cast<size_t>(cls)];
  if (row.r[0] != N) v.r = row.r[static_cast<size_t>(cls)] * kWan;
  if (row.a[0] != N) v.a = row.a[static_cast<size_t>(cls)] * kWan;
  return v;
}

SizeDecision classify(const char* code, const Values& v) { return classifySize(code, v.e, v.r, v.a); }

TEST(SizeClass, EveryRowAtAndJustBelowEachBound) {
  for (const auto& row : table()) {
    for (const char* code : row.codes) {
      for (int cls = 0; cls < 3; ++cls) {
        const Values at = atBound(row, cls);
        SizeDecision d = classify(code, at);
        EXPECT_EQ(d.sizeClass, kClasses[cls]) << code << " class " << cls << ": " << d.reasonZh;
        EXPECT_EQ(d.industry, row.industry) << code;
        EXPECT_NE(d.reasonZh.find("≥"), std::string::npos) << d.reasonZh;
        // One indicator one unit (person, fen) below the bound drops one class (下划一档).
        for (int k = 0; k < 3; ++k) {
          Values below = at;
          std::optional<std::int64_t>& slot = k == 0 ? below.e : k == 1 ? below.r : below.a;
          if (!slot) continue;
          *slot -= 1;
          SizeDecision b = classify(code, below);
          EXPECT_EQ(b.sizeClass, kClasses[cls + 1]) << code << " class " << cls << " indicator " << k
                                                    << ": " << b.reasonZh;
        }
      }
    }
  }
}

TEST(SizeClass, MicroWhenAnyIndicatorBelowTheSmallBound) {
  // 工业: E < 20 or R < 300.
  EXPECT_EQ(classifySize("C", 19, 100000 * kWan, std::nullopt).sizeClass, "micro");
  EXPECT_EQ(classifySize("C", 5000, 299 * kWan, std::nullopt).sizeClass, "micro");
  SizeDecision d = classifySize("C", 15, 100 * kWan, std::nullopt);
  EXPECT_EQ(d.sizeClass, "micro");
  EXPECT_EQ(d.reasonZh, "工业：从业人员 15 人（<20）且营业收入 100 万元（<300）→ 微型");
  EXPECT_EQ(classifySize("C", 0, 0, std::nullopt).sizeClass, "micro");
}

TEST(SizeClass, DocumentExampleIsMedium) {
  // 工业, 1,500 staff, revenue 5,000万 → SME (revenue < 40,000), both ≥ 中型 bounds → 中型.
  SizeDecision d = classifySize("C3562", 1500, 5000 * kWan, std::nullopt);
  EXPECT_EQ(d.sizeClass, "medium");
  EXPECT_EQ(d.industry, "工业");
  EXPECT_EQ(d.reasonZh, "工业：从业人员 1500 人（≥300）且营业收入 5000 万元（≥2000）→ 中型");
  EXPECT_EQ(d.reasonEn, "industry: 1500 employees (≥300) and revenue 5000 万元 (≥2000) → medium");
}

TEST(SizeClass, ReasonNamesTheDecidingRule) {
  SizeDecision d = classifySize("C3562", 462, 5'799'580'000, std::nullopt);
  EXPECT_EQ(d.sizeClass, "medium");
  EXPECT_EQ(d.reasonZh, "工业：从业人员 462 人（≥300）且营业收入 5799.58 万元（≥2000）→ 中型");
  // A value just under a bound is shown exactly, never rounded up to it.
  d = classifySize("C", 462, 2000 * kWan - 1, std::nullopt);
  EXPECT_EQ(d.sizeClass, "small");
  EXPECT_NE(d.reasonZh.find("1999.999999 万元（≥300）"), std::string::npos) << d.reasonZh;
}

TEST(SizeClass, LeasingUsesAssetsNotRevenue) {
  SizeDecision d = classifySize("7211", 150, std::nullopt, 9000 * kWan);
  EXPECT_EQ(d.sizeClass, "medium");
  EXPECT_EQ(d.reasonZh, "租赁和商务服务业：从业人员 150 人（≥100）且资产总额 9000 万元（≥8000）→ 中型");
  EXPECT_EQ(classifySize("72", 150, 9000 * kWan, std::nullopt).sizeClass, "");
}

TEST(SizeClass, OtherIndustriesUseEmployeesOnly) {
  EXPECT_EQ(classifySize("73", 300, std::nullopt, std::nullopt).sizeClass, "large");
  EXPECT_EQ(classifySize("73", 9, std::nullopt, std::nullopt).sizeClass, "micro");
  SizeDecision rail = classifySize("53", 50, std::nullopt, std::nullopt);
  EXPECT_EQ(rail.sizeClass, "small");
  EXPECT_EQ(rail.industry, "其他未列明行业");
  EXPECT_NE(rail.reasonZh.find("铁路"), std::string::npos);
}

TEST(SizeClass, RealEstateGroups) {
  SizeDecision bare = classifySize("70", std::nullopt, 1000 * kWan, 5000 * kWan);
  EXPECT_EQ(bare.sizeClass, "medium");
  EXPECT_EQ(bare.industry, "房地产开发经营");
  EXPECT_NE(bare.reasonZh.find("按房地产开发经营"), std::string::npos) << bare.reasonZh;
  SizeDecision rental = classifySize("7040", std::nullopt, 1000 * kWan, 5000 * kWan);
  EXPECT_NE(rental.reasonZh.find("按房地产开发经营"), std::string::npos) << rental.reasonZh;
  SizeDecision dev = classifySize("7010", std::nullopt, 1000 * kWan, 5000 * kWan);
  EXPECT_EQ(dev.reasonZh.find("按房地产开发经营"), std::string::npos) << dev.reasonZh;
  EXPECT_EQ(classifySize("702", 300, 1000 * kWan, std::nullopt).industry, "物业管理");
}

TEST(SizeClass, MissingIndicatorMeansNoClass) {
  SizeDecision d = classifySize("C3562", 462, std::nullopt, std::nullopt);
  EXPECT_EQ(d.sizeClass, "");
  EXPECT_EQ(d.industry, "工业");
  EXPECT_EQ(d.reasonZh, "工业：缺少营业收入，无法划型");
  d = classifySize("47", std::nullopt, std::nullopt, std::nullopt);
  EXPECT_EQ(d.reasonZh, "建筑业：缺少营业收入、资产总额，无法划型");
  // Indicators the row does not use are not needed.
  EXPECT_EQ(classifySize("01", std::nullopt, 600 * kWan, std::nullopt).sizeClass, "medium");
}

TEST(SizeClass, UnknownOrAmbiguousIndustry) {
  EXPECT_EQ(classifySize("", 10, 10, 10).reasonZh, "缺少行业代码，无法划型");
  SizeDecision bad = classifySize("Z99", 10, 10, 10);
  EXPECT_EQ(bad.sizeClass, "");
  EXPECT_NE(bad.reasonZh.find("Z99"), std::string::npos);
  for (const char* section : {"F", "G", "H", "I"}) {
    SizeDecision d = classifySize(section, 10, 10 * kWan, 10 * kWan);
    EXPECT_EQ(d.sizeClass, "") << section;
    EXPECT_NE(d.reasonZh.find("行业大类"), std::string::npos) << d.reasonZh;
  }
  EXPECT_EQ(classifySize("C", -1, 10 * kWan, std::nullopt).sizeClass, "");
}

TEST(SizeClass, ChineseNames) {
  EXPECT_EQ(sizeClassZh("large"), "大型");
  EXPECT_EQ(sizeClassZh("micro"), "微型");
  EXPECT_EQ(sizeClassZh(""), "");
}

}  // namespace
}  // namespace jinfu::registry
