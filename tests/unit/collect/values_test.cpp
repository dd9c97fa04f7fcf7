#include "collect/values.hpp"

#include "platform/uscc.hpp"

#include <gtest/gtest.h>

#include <string>

namespace jinfu::collect {
namespace {

std::string date(std::string_view cell) {
  std::string out;
  auto e = parseDate(cell, out);
  return e ? "ERR:" + e->zh : out;
}
std::string month(std::string_view cell) {
  std::string out;
  auto e = parseMonth(cell, out);
  return e ? "ERR:" + e->zh : out;
}
std::string period(std::string_view cell) {
  std::string out;
  auto e = parsePeriod(cell, out);
  return e ? "ERR:" + e->zh : out;
}
std::string year(std::string_view cell) {
  std::string out;
  auto e = parseYear(cell, out);
  return e ? "ERR:" + e->zh : out;
}
bool refused(const std::string& s) { return s.rfind("ERR:", 0) == 0; }

std::optional<std::int64_t> amount(std::string_view cell, bool inWan = false, bool allowNegative = false) {
  std::int64_t fen = 0;
  if (parseAmount(cell, inWan, allowNegative, fen)) return std::nullopt;
  return fen;
}
std::string amountError(std::string_view cell, bool inWan = false) {
  std::int64_t fen = 0;
  auto e = parseAmount(cell, inWan, false, fen);
  return e ? e->zh : "";
}
std::optional<std::int64_t> integer(std::string_view cell, std::int64_t min = 0, std::int64_t max = 1'000'000) {
  std::int64_t v = 0;
  if (parseInteger(cell, min, max, v)) return std::nullopt;
  return v;
}

// ---- dates -------------------------------------------------------------------------------------

TEST(Values, DateForms) {
  for (const char* cell : {"2021-05-20", "2021/5/20", "2021.5.20", "20210520", "2021年5月20日",
                           "2021年5月20", "  2021-05-20  ", "２０２１－０５－２０", "２０２１年５月２０日",
                           "\u30002021/05/20\u00A0", "2021-05-20 00:00:00", "2021-05-20T08:30",
                           "2021 年 5 月 20 日"})
    EXPECT_EQ(date(cell), "2021-05-20") << cell;
}

TEST(Values, DateRefusesImpossibleAndMalformed) {
  EXPECT_EQ(date("2021-02-30"), "ERR:日期不存在：2021年2月只有28天");
  EXPECT_EQ(date("2024-02-29"), "2024-02-29");
  EXPECT_TRUE(refused(date("2023-02-29")));
  EXPECT_TRUE(refused(date("2100-02-29")));  // not a leap year
  EXPECT_EQ(date("2000-02-29"), "2000-02-29");
  EXPECT_TRUE(refused(date("2021-13-01")));
  EXPECT_TRUE(refused(date("2021-00-10")));
  EXPECT_TRUE(refused(date("2021-04-31")));
  EXPECT_TRUE(refused(date("2021-04-00")));
  EXPECT_EQ(date("1899-12-31"), "ERR:年份 1899 超出 1900–2100 的范围");
  EXPECT_TRUE(refused(date("2101-01-01")));
  EXPECT_EQ(date("1900-01-01"), "1900-01-01");
  EXPECT_EQ(date("2100-12-31"), "2100-12-31");
  for (const char* cell : {"2021-5/20", "21-05-20", "2021-05", "2021", "20210520x", "abc", "2021--05-20",
                           "2021-05-20-", "2021-005-20", "2021年05-20", "2021-05-20 25", "44336",
                           "2021 05 20", "05/20/2021"})
    EXPECT_TRUE(refused(date(cell))) << cell;
}

TEST(Values, MonthForms) {
  for (const char* cell : {"2025-06", "2025/6", "2025.6", "202506", "2025年6月", "2025年06月", "2025-06-01",
                           "2025/6/30", "２０２５年６月", " 2025-6 "})
    EXPECT_EQ(month(cell), "2025-06") << cell;
  EXPECT_TRUE(refused(month("2025")));
  EXPECT_TRUE(refused(month("2025-13")));
  EXPECT_TRUE(refused(month("2025-06-31")));
  EXPECT_TRUE(refused(month("25-06")));
  EXPECT_TRUE(refused(month("June 2025")));
}

TEST(Values, PeriodIsMonthOrYear) {
  EXPECT_EQ(period("2025"), "2025");
  EXPECT_EQ(period("2025年"), "2025");
  EXPECT_EQ(period("2025年度"), "2025");
  EXPECT_EQ(period("2025-06"), "2025-06");
  EXPECT_EQ(period("2025年6月"), "2025-06");
  EXPECT_EQ(period("202506"), "2025-06");
  EXPECT_TRUE(refused(period("25")));
  EXPECT_TRUE(refused(period("1800")));
  EXPECT_EQ(year("2025"), "2025");
  EXPECT_EQ(year("２０２５年"), "2025");
  EXPECT_TRUE(refused(year("2025-06")));
}

TEST(Values, PeriodEnd) {
  EXPECT_EQ(periodEnd("2025-06"), "2025-06-30");
  EXPECT_EQ(periodEnd("2024-02"), "2024-02-29");
  EXPECT_EQ(periodEnd("2025-02"), "2025-02-28");
  EXPECT_EQ(periodEnd("2025-12"), "2025-12-31");
  EXPECT_EQ(periodEnd("2025"), "2025-12-31");
  EXPECT_EQ(periodEnd("2025-06-15"), "2025-06-15");
}

// ---- amounts -----------------------------------------------------------------------------------

TEST(Values, AmountForms) {
  EXPECT_EQ(amount("1,234.56"), 123456);
  EXPECT_EQ(amount("1234"), 123400);
  EXPECT_EQ(amount("0"), 0);
  EXPECT_EQ(amount("1234.5"), 123450);
  EXPECT_EQ(amount("12.3万"), 12'300'000);
  EXPECT_EQ(amount("12.3万元"), 12'300'000);
  EXPECT_EQ(amount("¥1,234"), 123400);
  EXPECT_EQ(amount("￥1,234.00"), 123400);
  EXPECT_EQ(amount("１，２３４．５６"), 123456);
  EXPECT_EQ(amount("  500元 "), 50000);
}

TEST(Values, AmountColumnUnitAndExplicitUnitWins) {
  EXPECT_EQ(amount("12.3", true), 12'300'000);
  EXPECT_EQ(amount("12.345678", true), 12'345'678);
  EXPECT_EQ(amount("500元", true), 50000);  // the cell's unit wins over the column's 万元
  EXPECT_EQ(amount("12.3万", false), 12'300'000);
  EXPECT_FALSE(amount("1.2345678", true));
}

TEST(Values, AmountRefusals) {
  EXPECT_FALSE(amount("1.234"));
  EXPECT_NE(amountError("1.234").find("2位小数"), std::string::npos);
  EXPECT_FALSE(amount("-5"));
  EXPECT_EQ(amountError("-5"), "金额不能为负数");
  EXPECT_EQ(amount("-5", false, true), -500);
  EXPECT_FALSE(amount("1.2E+05"));
  EXPECT_NE(amountError("1.2E+05").find("科学计数法"), std::string::npos);
  EXPECT_NE(amountError("3e5").find("科学计数法"), std::string::npos);
  EXPECT_NE(amountError("１．２Ｅ５").find("科学计数法"), std::string::npos);
  EXPECT_FALSE(amount("99999999999999999999"));
  EXPECT_NE(amountError("99999999999999999999").find("超出"), std::string::npos);
  EXPECT_FALSE(amount("92233720368547758.08"));
  EXPECT_FALSE(amount("1,23,4"));
  EXPECT_FALSE(amount("abc"));
  EXPECT_FALSE(amount("12 34"));
  EXPECT_FALSE(amount("1."));
}

// ---- integers ----------------------------------------------------------------------------------

TEST(Values, Integers) {
  EXPECT_EQ(integer("1234"), 1234);
  EXPECT_EQ(integer("1,234"), 1234);
  EXPECT_EQ(integer(" ４６２ "), 462);
  EXPECT_EQ(integer("0"), 0);
  EXPECT_FALSE(integer("12.5"));
  EXPECT_FALSE(integer("12.0"));
  EXPECT_FALSE(integer("1,23"));
  EXPECT_FALSE(integer("12a"));
  EXPECT_FALSE(integer("-"));
  EXPECT_FALSE(integer("-3"));
  EXPECT_EQ(integer("-3", -10, 10), -3);
  EXPECT_FALSE(integer("1000001"));
  EXPECT_FALSE(integer("99999999999999999999999"));
  std::int64_t v = 0;
  auto e = parseInteger("1000001", 0, 1'000'000, v);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->zh, "不能大于 1000000");
}

// ---- enums, bools --------------------------------------------------------------------------------

TEST(Values, EnumMatchesCodeNameAlias) {
  const std::vector<EnumValue> values = {{"water", "水", {"用水", "水费"}},
                                         {"electricity", "电", {"用电", "电费"}},
                                         {"A", "A级", {}}};
  std::string code;
  for (const auto& [cell, want] : std::vector<std::pair<const char*, const char*>>{
           {"water", "water"}, {"WATER", "water"}, {" Electricity ", "electricity"}, {"水", "water"},
           {"用电", "electricity"}, {"\u3000电费\u3000", "electricity"}, {"ＷＡＴＥＲ", "water"},
           {"a", "A"}, {"Ａ级", "A"}, {"a级", "A"}}) {
    auto e = parseEnum(cell, values, code);
    EXPECT_FALSE(e) << cell << ": " << (e ? e->zh : "");
    EXPECT_EQ(code, want) << cell;
  }
  auto e = parseEnum("煤", values, code);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->zh, "无法识别的取值，应为：水、电、A级");
  EXPECT_TRUE(parseEnum("wat", values, code));
}

TEST(Values, Bools) {
  bool b = false;
  for (const char* t : {"是", "true", "TRUE", "1", "Y", "y", "yes", "１"}) {
    EXPECT_FALSE(parseBool(t, b)) << t;
    EXPECT_TRUE(b) << t;
  }
  for (const char* f : {"否", "false", "0", "N", "no"}) {
    EXPECT_FALSE(parseBool(f, b)) << f;
    EXPECT_FALSE(b) << f;
  }
  EXPECT_TRUE(parseBool("maybe", b));
}

// ---- USCC ----------------------------------------------------------------------------------------

TEST(Values, UsccNormalisedThenValidated) {
  std::string out;
  for (const char* cell : {"914403001922038216", " 9144 0300 1922 0382 16 ", "９１４４０３００１９２２０３８２１６",
                           "9144-0300-1922-0382-16", "\u3000９１４４\u00A0０３００１９２２０３８２１６",
                           "91440300708461136t"}) {
    auto e = parseUscc(cell, out);
    EXPECT_FALSE(e) << cell << ": " << (e ? e->zh : "");
  }
  EXPECT_FALSE(parseUscc("９１４４ ０３００ １９２２ ０３８２ １６", out));
  EXPECT_EQ(out, "914403001922038216");
}

TEST(Values, UsccWrongCheckCharacterKeepsExistingReason) {
  std::string out;
  auto e = parseUscc("914403001922038217", out);
  ASSERT_TRUE(e);
  auto issue = Uscc::validate("914403001922038217");
  ASSERT_TRUE(issue);
  EXPECT_EQ(issue->rule, UsccRule::kCheckCharacter);
  EXPECT_EQ(e->zh, issue->reasonZh);
  EXPECT_EQ(e->en, issue->reasonEn);
  EXPECT_TRUE(parseUscc("91440300192203821", out));  // 17 characters
}

// ---- text ----------------------------------------------------------------------------------------

TEST(Values, Text) {
  std::string out;
  EXPECT_FALSE(parseText("  焦作市  天宝\t\n科技  ", 200, out));
  EXPECT_EQ(out, "焦作市 天宝 科技");
  EXPECT_FALSE(parseText("a  b", 200, out));
  EXPECT_EQ(out, "a b");
  EXPECT_FALSE(parseText("焦作\u200B市", 200, out));
  EXPECT_EQ(out, "焦作市");
  EXPECT_FALSE(parseText("<b>x</b> & \"y\"", 200, out));
  EXPECT_EQ(out, "<b>x</b> & \"y\"");  // literal, not escaped
  EXPECT_FALSE(parseText("焦作市（集团）有限公司", 200, out));
  EXPECT_EQ(out, "焦作市（集团）有限公司");  // no NFKC on free text
  auto e = parseText("a\x01" "b", 200, out);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->zh, "包含控制字符");
  EXPECT_TRUE(parseText("a\x7f", 200, out));
  EXPECT_TRUE(parseText("a\xC2\x9F", 200, out));
  EXPECT_TRUE(parseText("bad \xFF utf8", 200, out));
  EXPECT_FALSE(parseText("一二三", 3, out));
  e = parseText("一二三四", 3, out);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->zh, "长度为 4 个字符，超过上限 3");
  EXPECT_TRUE(parseText("abcd", 3, out));
}

TEST(Values, HelpersForCells) {
  EXPECT_TRUE(isBlank(""));
  EXPECT_TRUE(isBlank(" \u3000\u00A0\t"));
  EXPECT_FALSE(isBlank(" x "));
  EXPECT_EQ(trimCell("\u3000 x y \u00A0"), "x y");
  EXPECT_EQ(cutChars("一二三四", 2), "一二");
  EXPECT_EQ(cutChars("ab", 5), "ab");
}

TEST(Values, FormattedTextFields) {
  FieldSpec region;
  region.type = FieldType::Text;
  region.format = TextFormat::RegionCode;
  Value v;
  EXPECT_FALSE(parseValue(region, " ４１０８７１ ", false, v));
  EXPECT_EQ(v.text, "410871");
  EXPECT_TRUE(parseValue(region, "41087", false, v));
  EXPECT_TRUE(parseValue(region, "焦作市", false, v));

  FieldSpec industry;
  industry.type = FieldType::Text;
  industry.format = TextFormat::IndustryCode;
  EXPECT_FALSE(parseValue(industry, "3562", false, v));
  EXPECT_EQ(v.text, "C3562");
  EXPECT_FALSE(parseValue(industry, "ｃ３５", false, v));
  EXPECT_EQ(v.text, "C35");
  EXPECT_TRUE(parseValue(industry, "A3562", false, v));

  FieldSpec phone;
  phone.type = FieldType::Text;
  phone.format = TextFormat::Phone;
  EXPECT_FALSE(parseValue(phone, "138 1234 5678", false, v));
  EXPECT_EQ(v.text, "13812345678");
  EXPECT_FALSE(parseValue(phone, "0391-2345678", false, v));
  EXPECT_EQ(v.text, "03912345678");
  EXPECT_TRUE(parseValue(phone, "call me", false, v));
}

}  // namespace
}  // namespace jinfu::collect
