#include "collect/validate.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace jinfu::collect {
namespace {

using Row = std::vector<std::string>;

const Category& cat(std::string_view code) {
  const Category* c = findCategory(code);
  EXPECT_NE(c, nullptr) << code;
  return *c;
}

int col(const Category& c, const ColumnMap& m, std::string_view key) {
  return m.columnOfField[static_cast<size_t>(fieldIndex(c, key))];
}

// ---- header ----------------------------------------------------------------------------------------

TEST(MapHeader, ChineseEnglishAndUnits) {
  const Category& tax = cat("tax");
  const Row header = {"统一社会信用代码", " 企业名称 ", "所属期", "纳税额（万元）", "纳税信用等级", "备注"};
  HeaderResult r = mapHeader(tax, header);
  EXPECT_FALSE(r.problem) << r.problem->zh;
  EXPECT_EQ(r.map.fieldOfColumn, (std::vector<int>{fieldIndex(tax, "uscc"), fieldIndex(tax, "name"),
                                                  fieldIndex(tax, "period"), fieldIndex(tax, "taxPaid"),
                                                  fieldIndex(tax, "creditGrade"), -1}));
  EXPECT_EQ(r.map.columnInWan, (std::vector<bool>{false, false, false, true, false, false}));
  EXPECT_EQ(r.map.unknownColumns, std::vector<std::string>{"备注"});

  HeaderResult en = mapHeader(tax, {"USCC", "tax_period", "taxPaid", "Credit Grade", "错误原因", "原行号", ""});
  EXPECT_FALSE(en.problem) << en.problem->zh;
  EXPECT_EQ(col(tax, en.map, "uscc"), 0);
  EXPECT_EQ(col(tax, en.map, "period"), 1);
  EXPECT_EQ(col(tax, en.map, "taxPaid"), 2);
  EXPECT_EQ(col(tax, en.map, "creditGrade"), 3);
  EXPECT_TRUE(en.map.unknownColumns.empty());  // 错误原因 and 原行号 are silently ignored

  for (const char* h : {"实缴税额(万元)", "实缴税额【万元】", "入库税额 （单位：万元）", "tax paid (万)"}) {
    HeaderResult u = mapHeader(tax, {"信用代码", "税款所属期", h});
    EXPECT_FALSE(u.problem) << h;
    EXPECT_EQ(u.map.fieldOfColumn[2], fieldIndex(tax, "taxPaid")) << h;
    EXPECT_TRUE(u.map.columnInWan[2]) << h;
  }
  HeaderResult yuan = mapHeader(tax, {"ＵＳＣＣ", "*所属期", "纳税额(元)"});
  EXPECT_FALSE(yuan.problem);
  EXPECT_FALSE(yuan.map.columnInWan[2]);
}

TEST(MapHeader, RegisteredCapitalDefaultsToWanUnlessTheHeaderSaysYuan) {
  const Category& reg = cat("registration");
  HeaderResult r = mapHeader(reg, {"注册资本", "注册资金(元)"});
  ASSERT_TRUE(r.problem);  // required columns missing, and two columns for one field
  EXPECT_TRUE(r.map.columnInWan[0]);
  EXPECT_NE(r.problem->zh.find("重复的列"), std::string::npos) << r.problem->zh;
  HeaderResult y = mapHeader(reg, {"注册资本（元）"});
  EXPECT_FALSE(y.map.columnInWan[0]);
}

TEST(MapHeader, NonUnitBracketFallsBackToTheName) {
  const Category& reg = cat("registration");
  HeaderResult r = mapHeader(reg, {"联系电话（手机）"});
  EXPECT_EQ(r.map.fieldOfColumn[0], fieldIndex(reg, "contactMobile"));
}

TEST(MapHeader, Problems) {
  const Category& tax = cat("tax");
  HeaderResult none = mapHeader(tax, {"a", "b"});
  ASSERT_TRUE(none.problem);
  EXPECT_NE(none.problem->zh.find("没有可识别的列"), std::string::npos);
  EXPECT_EQ(none.map.unknownColumns, (std::vector<std::string>{"a", "b"}));

  HeaderResult missing = mapHeader(tax, {"企业名称", "统一社会信用代码"});
  ASSERT_TRUE(missing.problem);
  EXPECT_EQ(missing.problem->zh, "缺少必填列：所属期、纳税额");

  HeaderResult dup = mapHeader(tax, {"统一社会信用代码", "所属期", "纳税额", "实缴税额"});
  ASSERT_TRUE(dup.problem);
  EXPECT_EQ(dup.problem->zh, "重复的列：“纳税额”与“实缴税额”都对应“纳税额”");
  EXPECT_TRUE(mapHeader(tax, {}).problem);
}

// ---- rows ------------------------------------------------------------------------------------------

struct TaxFile {
  const Category& c = cat("tax");
  Row header = {"统一社会信用代码", "企业名称", "所属期", "纳税额（万元）", "纳税信用等级"};
  ColumnMap map = mapHeader(c, header).map;
  RowResult row(Row cells) const { return validateRow(c, map, header, cells); }
};

TEST(ValidateRow, FullTaxRow) {
  TaxFile f;
  RowResult r = f.row({"91440300708461136T", "深圳市腾讯计算机系统有限公司", "2025年6月", "12.34", "A级"});
  ASSERT_TRUE(r.fact) << r.problems[0].reason.zh;
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.fact->uscc, "91440300708461136T");
  EXPECT_EQ(r.fact->key, "2025-06");
  EXPECT_EQ(r.fact->factDate, "2025-06-30");
  EXPECT_EQ(r.fact->valuesJson, R"({"creditGrade":"A","period":"2025-06","taxPaid":12340000})");
  EXPECT_EQ(r.fact->name, "深圳市腾讯计算机系统有限公司");
  EXPECT_EQ(r.fact->contentHash.size(), 64u);

  RowResult yearly = f.row({"91440300708461136T", "", "2025", "1,000", ""});
  ASSERT_TRUE(yearly.fact);
  EXPECT_EQ(yearly.fact->key, "2025");
  EXPECT_EQ(yearly.fact->factDate, "2025-12-31");
  EXPECT_EQ(yearly.fact->valuesJson, R"({"period":"2025","taxPaid":1000000000})");
  EXPECT_EQ(yearly.fact->name, "");
}

TEST(ValidateRow, ReportsEveryProblemOfARow) {
  TaxFile f;
  RowResult r = f.row({"914403001922038217", "x", "2025-13", "1.2E+05", "Z"});
  EXPECT_FALSE(r.fact);
  ASSERT_EQ(r.problems.size(), 4u);
  EXPECT_EQ(r.problems[0].column, "统一社会信用代码");
  EXPECT_EQ(r.problems[0].value, "914403001922038217");
  EXPECT_EQ(r.problems[1].column, "所属期");
  EXPECT_EQ(r.problems[1].reason.zh, "月份 13 不存在");
  EXPECT_EQ(r.problems[2].column, "纳税额（万元）");
  EXPECT_NE(r.problems[2].reason.zh.find("科学计数法"), std::string::npos);
  EXPECT_EQ(r.problems[3].column, "纳税信用等级");
  for (const auto& p : r.problems) EXPECT_FALSE(p.reason.en.empty());

  RowResult empty = f.row({"", "", "  ", "", ""});
  ASSERT_EQ(empty.problems.size(), 3u);
  for (const auto& p : empty.problems) EXPECT_EQ(p.reason.zh, "必填项为空");
  RowResult shortRow = f.row({"91440300708461136T"});
  ASSERT_EQ(shortRow.problems.size(), 2u);  // period and taxPaid missing; optional ones are fine
}

TEST(ValidateRow, ProblemValueIsCutTo200Characters) {
  TaxFile f;
  std::string longValue;
  for (int i = 0; i < 300; ++i) longValue += "税";
  RowResult r = f.row({"91440300708461136T", "", "2025-06", "1", longValue});
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].value.size(), 200u * 3);
}

TEST(ValidateRow, UsccWithSpacesAndFullWidthAccepted) {
  TaxFile f;
  RowResult r = f.row({"９１４４ ０３００ ７０８４ ６１１３ ６Ｔ", "", "2025-06", "1", ""});
  ASSERT_TRUE(r.fact) << r.problems[0].reason.zh;
  EXPECT_EQ(r.fact->uscc, "91440300708461136T");
  RowResult same = f.row({"91440300708461136T", "", "2025-06", "1", ""});
  EXPECT_EQ(r.fact->contentHash, same.fact->contentHash);
}

TEST(ValidateRow, WrongCheckCharacterRefused) {
  TaxFile f;
  RowResult r = f.row({"91440300708461136X", "", "2025-06", "1", ""});
  EXPECT_FALSE(r.fact);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].reason.zh.find("18"), std::string::npos) << r.problems[0].reason.zh;
}

TEST(ValidateRow, HashIsStableAndSensitive) {
  TaxFile f;
  const Row a = {"91440300708461136T", "腾讯", "2025-06", "12.34", "A"};
  RowResult r1 = f.row(a), r2 = f.row(a);
  ASSERT_TRUE(r1.fact && r2.fact);
  EXPECT_EQ(r1.fact->contentHash, r2.fact->contentHash);
  // Another way of writing the same values is the same fact.
  RowResult r3 = f.row({" 91440300708461136t ", "腾讯科技", "2025/6", "123,400元", "a级"});
  ASSERT_TRUE(r3.fact);
  EXPECT_EQ(r1.fact->valuesJson, r3.fact->valuesJson);
  EXPECT_EQ(r1.fact->contentHash, r3.fact->contentHash);  // the display name is not part of the fact
  RowResult other = f.row({"91440300708461136T", "腾讯", "2025-06", "12.35", "A"});
  EXPECT_NE(r1.fact->contentHash, other.fact->contentHash);
  RowResult otherPeriod = f.row({"91440300708461136T", "腾讯", "2025-07", "12.34", "A"});
  EXPECT_NE(r1.fact->contentHash, otherPeriod.fact->contentHash);
  RowResult otherUscc = f.row({"914403001922038216", "腾讯", "2025-06", "12.34", "A"});
  EXPECT_NE(r1.fact->contentHash, otherUscc.fact->contentHash);
}

TEST(ValidateRow, UtilitiesKeyJoinsPeriodAndUtility) {
  const Category& c = cat("utilities");
  const Row header = {"信用代码", "账期", "类别", "缴费金额", "欠费金额"};
  HeaderResult h = mapHeader(c, header);
  ASSERT_FALSE(h.problem) << h.problem->zh;
  RowResult r = validateRow(c, h.map, header, {"91440300708461136T", "202506", "用电", "¥1,234.50", ""});
  ASSERT_TRUE(r.fact) << r.problems[0].reason.zh;
  EXPECT_EQ(r.fact->key, "2025-06|electricity");
  EXPECT_EQ(r.fact->valuesJson, R"({"amountPaid":123450,"period":"2025-06","utility":"electricity"})");
}

TEST(ValidateRow, RegistrationRow) {
  const Category& c = cat("registration");
  const Row header = {"统一社会信用代码", "企业名称", "企业类型", "登记状态", "法定代表人", "注册资本",
                      "成立日期", "住所", "行政区划代码", "行业代码", "从业人员", "营业收入（万元）", "联系电话"};
  HeaderResult h = mapHeader(c, header);
  ASSERT_FALSE(h.problem) << h.problem->zh;
  RowResult r = validateRow(c, h.map, header,
                            {"91440300708461136T", "焦作市天宝桓祥科技有限公司", "有限责任公司（自然人投资或控股）",
                             "存续", "张三", "500", "2015年3月2日", "焦作市  山阳区 <b>", "410811", "3562",
                             "1,500", "5000", "138-1234-5678"});
  ASSERT_TRUE(r.fact) << r.problems[0].column << ": " << r.problems[0].reason.zh;
  EXPECT_EQ(r.fact->key, "");
  EXPECT_EQ(r.fact->factDate, "");  // no 核准日期 column: the change counts from receipt
  EXPECT_EQ(r.fact->name, "焦作市天宝桓祥科技有限公司");
  auto v = nlohmann::json::parse(r.fact->valuesJson);
  EXPECT_EQ(v["name"], "焦作市天宝桓祥科技有限公司");
  EXPECT_EQ(v["entityType"], "limited_liability");
  EXPECT_EQ(v["status"], "operating");
  EXPECT_EQ(v["registeredCapital"], 500'000'000);  // 500 万元
  EXPECT_EQ(v["annualRevenue"], 5'000'000'000);
  EXPECT_EQ(v["employees"], 1500);
  EXPECT_EQ(v["industryCode"], "C3562");
  EXPECT_EQ(v["address"], "焦作市 山阳区 <b>");
  EXPECT_EQ(v["contactMobile"], "13812345678");
  EXPECT_FALSE(v.contains("uscc"));
  EXPECT_FALSE(v.contains("formerName"));
  // Keys sorted.
  std::string prev;
  for (auto it = v.begin(); it != v.end(); ++it) {
    EXPECT_LT(prev, it.key());
    prev = it.key();
  }
}

TEST(ValidateRow, DateMayNotPrecedeItsStart) {
  const Category& c = cat("licence");
  const Row header = {"统一社会信用代码", "许可证编号", "许可证名称", "许可日期", "有效期至", "许可机关"};
  HeaderResult h = mapHeader(c, header);
  ASSERT_FALSE(h.problem) << h.problem->zh;
  RowResult bad = validateRow(c, h.map, header,
                              {"91440300708461136T", "JY1", "食品经营许可证", "2024-05-01", "2024-04-30", "局"});
  ASSERT_EQ(bad.problems.size(), 1u);
  EXPECT_EQ(bad.problems[0].column, "有效期至");
  EXPECT_EQ(bad.problems[0].reason.zh, "不能早于“许可日期”（2024-05-01）");
  RowResult ok = validateRow(c, h.map, header,
                             {"91440300708461136T", "JY1", "食品经营许可证", "2024-05-01", "2029-04-30", "局"});
  ASSERT_TRUE(ok.fact);
  EXPECT_EQ(ok.fact->key, "JY1");
  EXPECT_EQ(ok.fact->factDate, "2024-05-01");
}

}  // namespace
}  // namespace jinfu::collect
