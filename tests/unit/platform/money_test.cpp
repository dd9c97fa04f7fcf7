#include "platform/money.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>

namespace jinfu {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

std::int64_t fenOf(std::string_view text, MoneyUnit unit = MoneyUnit::kYuan) {
  MoneyResult r = Money::parse(text, unit);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().reasonZh);
  return r.ok() ? r.value().fen() : -1;
}

MoneyError errorOf(std::string_view text, MoneyUnit unit = MoneyUnit::kYuan) {
  MoneyResult r = Money::parse(text, unit);
  EXPECT_FALSE(r.ok()) << text << " parsed as " << (r.ok() ? r.value().fen() : 0) << " fen";
  return r.ok() ? MoneyError{} : r.error();
}

// ---- parsing -----------------------------------------------------------------------------------

TEST(MoneyParse, AcceptsTheFormsOfTheBrief) {
  EXPECT_EQ(fenOf("12.5万元"), 12'500'000);  // 125,000 元
  EXPECT_EQ(fenOf("125000.00元"), 12'500'000);
  EXPECT_EQ(fenOf("125,000"), 12'500'000);
  EXPECT_EQ(fenOf("¥1,234.56"), 123'456);
  EXPECT_EQ(fenOf("1234.5"), 123'450);
  EXPECT_EQ(fenOf("-3.2万元"), -3'200'000);
  EXPECT_EQ(fenOf("  125000 元  "), 12'500'000);
}

TEST(MoneyParse, BareNumbersFollowTheUnitParameter) {
  EXPECT_EQ(fenOf("12.5", MoneyUnit::kWanYuan), 12'500'000);
  EXPECT_EQ(fenOf("500", MoneyUnit::kWanYuan), 500'000'000);
  // Text that names its unit overrides the parameter.
  EXPECT_EQ(fenOf("125000元", MoneyUnit::kWanYuan), 12'500'000);
  EXPECT_EQ(fenOf("12.5万元", MoneyUnit::kYuan), 12'500'000);
}

TEST(MoneyParse, AcceptsBareWanAndSpacesBetweenParts) {
  EXPECT_EQ(fenOf("12.5万"), 12'500'000);
  EXPECT_EQ(fenOf("12.5 万元"), 12'500'000);
  EXPECT_EQ(fenOf("¥ 1,234.56"), 123'456);
  EXPECT_EQ(fenOf("- 3"), -300);
  EXPECT_EQ(fenOf("+3"), 300);
  EXPECT_EQ(fenOf("-¥3"), -300);
  EXPECT_EQ(fenOf("¥-3"), -300);
}

TEST(MoneyParse, AcceptsFullWidthInput) {
  EXPECT_EQ(fenOf("１２．５万元"), 12'500'000);
  EXPECT_EQ(fenOf("￥１，２３４．５６"), 123'456);
  EXPECT_EQ(fenOf("－３．２万元"), -3'200'000);
  EXPECT_EQ(fenOf("\xE3\x80\x80" "100元" "\xE3\x80\x80"), 10'000);  // U+3000 around
  EXPECT_EQ(fenOf("\xE2\x88\x92" "5"), -500);                         // U+2212 minus sign
}

TEST(MoneyParse, DecimalPlacesDownToOneFen) {
  EXPECT_EQ(fenOf("0.01"), 1);
  EXPECT_EQ(fenOf("0.1"), 10);
  EXPECT_EQ(fenOf("0.000001万元"), 1);
  EXPECT_EQ(fenOf("1.234567万元"), 1'234'567);
  EXPECT_EQ(fenOf("0"), 0);
  EXPECT_EQ(fenOf("-0.00"), 0);
  EXPECT_EQ(fenOf("007"), 700);
}

TEST(MoneyParse, RejectsFinerThanOneFen) {
  MoneyError e = errorOf("1.234");
  EXPECT_EQ(e.kind, MoneyErrorKind::kTooManyDecimals);
  EXPECT_EQ(e.reasonZh, "以元为单位时最多保留2位小数，实际为3位");
  EXPECT_EQ(e.reasonEn, "at most 2 decimal places are allowed in yuan, got 3");
  // Trailing zeros too: the rule is about what was written, so it is easy to explain.
  EXPECT_EQ(errorOf("1.230元").kind, MoneyErrorKind::kTooManyDecimals);

  MoneyError w = errorOf("1.2345678万元");
  EXPECT_EQ(w.kind, MoneyErrorKind::kTooManyDecimals);
  EXPECT_EQ(w.reasonZh, "以万元为单位时最多保留6位小数，实际为7位");
  EXPECT_EQ(errorOf("1.2345678", MoneyUnit::kWanYuan).kind, MoneyErrorKind::kTooManyDecimals);
}

TEST(MoneyParse, RejectsMisplacedThousandsSeparators) {
  for (const char* text : {"1,23,4", "12,34", "1234,567", ",123", "123,", "1,,234", "1,2345",
                           "1,234,56.00"}) {
    MoneyError e = errorOf(text);
    EXPECT_EQ(e.kind, MoneyErrorKind::kThousands) << text;
  }
  EXPECT_EQ(errorOf("1,23,4").reasonZh, "金额“1,23,4”的千分位分隔符位置不正确");
  EXPECT_EQ(fenOf("1,234,567.89"), 123'456'789);
  EXPECT_EQ(fenOf("999,999"), 99'999'900);
}

TEST(MoneyParse, RejectsEmptyAndGarbage) {
  EXPECT_EQ(errorOf("").kind, MoneyErrorKind::kEmpty);
  EXPECT_EQ(errorOf("   ").reasonZh, "金额为空");

  MoneyError abc = errorOf("abc");
  EXPECT_EQ(abc.kind, MoneyErrorKind::kMalformed);
  EXPECT_EQ(abc.reasonZh, "金额“abc”格式不正确：无法识别“abc”");
  EXPECT_EQ(abc.reasonEn, "malformed amount \"abc\": unexpected \"abc\"");

  EXPECT_EQ(errorOf(" 12.5万元整 ").reasonZh, "金额“12.5万元整”格式不正确：无法识别“整”");
  EXPECT_EQ(errorOf("-").reasonZh, "金额“-”格式不正确：缺少数字");
  EXPECT_EQ(errorOf("12.").reasonZh, "金额“12.”格式不正确：小数点后缺少数字");
  for (const char* text : {"1 000", "1.2.3", ".5", "--3", "3-", "¥¥3", "1e5", "12.5元万", "万元",
                           "0x10", "1.5美元", "\xFF"})
    EXPECT_EQ(errorOf(text).kind, MoneyErrorKind::kMalformed) << text;
}

TEST(MoneyParse, OverflowIsAnErrorNotAWrap) {
  // int64 fen tops out at 92,233,720,368,547,758.07 元.
  EXPECT_EQ(fenOf("92233720368547758.07"), kMax);
  EXPECT_EQ(fenOf("-92233720368547758.07"), -kMax);
  MoneyError e = errorOf("92233720368547758.08");
  EXPECT_EQ(e.kind, MoneyErrorKind::kOverflow);
  EXPECT_EQ(e.reasonZh, "金额“92233720368547758.08”超出可表示的范围");
  EXPECT_EQ(errorOf("9223372036854.775808万元").kind, MoneyErrorKind::kOverflow);
  EXPECT_EQ(errorOf("99999999999999999999999999").kind, MoneyErrorKind::kOverflow);
  EXPECT_EQ(fenOf("9223372036854.775807万元"), kMax);
}

// ---- formatting --------------------------------------------------------------------------------

TEST(MoneyFormat, Yuan) {
  EXPECT_EQ(Money::fromFen(12'500'000).toYuanString(), "125,000.00");
  EXPECT_EQ(Money::fromFen(123'456).toYuanString(), "1,234.56");
  EXPECT_EQ(Money::fromFen(5).toYuanString(), "0.05");
  EXPECT_EQ(Money::fromFen(0).toYuanString(), "0.00");
  EXPECT_EQ(Money::fromFen(-123'456).toYuanString(), "-1,234.56");
  EXPECT_EQ(Money::fromFen(99'999).toYuanString(), "999.99");
  EXPECT_EQ(Money::fromFen(100'000).toYuanString(), "1,000.00");
  EXPECT_EQ(Money::fromFen(kMax).toYuanString(), "92,233,720,368,547,758.07");
  EXPECT_EQ(Money::fromFen(kMin).toYuanString(), "-92,233,720,368,547,758.08");
}

TEST(MoneyFormat, WanYuan) {
  EXPECT_EQ(Money::fromFen(12'500'000).toWanYuanString(), "12.50");
  EXPECT_EQ(Money::fromFen(12'500'000).toWanYuanStringWithUnit(), "12.50万元");
  EXPECT_EQ(Money::fromFen(12'500'000).toWanYuanString(0), "13");  // 12.5 rounds away from zero
  EXPECT_EQ(Money::fromFen(12'500'000).toWanYuanString(6), "12.500000");
  EXPECT_EQ(Money::fromFen(123'456'789'00).toWanYuanString(), "12,345.68");
  EXPECT_EQ(Money::fromFen(0).toWanYuanString(), "0.00");
  EXPECT_EQ(Money::fromFen(1).toWanYuanString(6), "0.000001");
  EXPECT_EQ(Money::fromFen(1).toWanYuanString(9), "0.000001");  // clamped to 6
  EXPECT_EQ(Money::fromFen(1'000'000).toWanYuanString(-1), "1");
}

TEST(MoneyFormat, WanYuanRoundsHalfAwayFromZero) {
  EXPECT_EQ(Money::fromFen(123'450).toWanYuanString(), "0.12");    // 0.12345 → 0.12
  EXPECT_EQ(Money::fromFen(125'000).toWanYuanString(), "0.13");    // 0.125 → 0.13
  EXPECT_EQ(Money::fromFen(-125'000).toWanYuanString(), "-0.13");  // −0.125 → −0.13
  EXPECT_EQ(Money::fromFen(124'999).toWanYuanString(), "0.12");
  EXPECT_EQ(Money::fromFen(12'345'000).toWanYuanString(), "12.35");
  EXPECT_EQ(Money::fromFen(-12'345'000).toWanYuanString(), "-12.35");
  // No "-0.00" for amounts that round to zero.
  EXPECT_EQ(Money::fromFen(-4'999).toWanYuanString(), "0.00");
  EXPECT_EQ(Money::fromFen(-5'000).toWanYuanString(), "-0.01");
  EXPECT_EQ(Money::fromFen(kMax).toWanYuanString(), "9,223,372,036,854.78");
  EXPECT_EQ(Money::fromFen(kMin).toWanYuanString(), "-9,223,372,036,854.78");
}

TEST(MoneyFormat, RoundTripsThroughParse) {
  std::mt19937_64 rng(125000);
  std::uniform_int_distribution<std::int64_t> fen(-1'000'000'000'000'000, 1'000'000'000'000'000);
  for (int i = 0; i < 2000; ++i) {
    Money m = Money::fromFen(fen(rng));
    EXPECT_EQ(fenOf(m.toYuanString()), m.fen());
    EXPECT_EQ(fenOf(m.toWanYuanString(6) + "万元"), m.fen());
  }
}

// ---- arithmetic --------------------------------------------------------------------------------

TEST(MoneyArithmetic, CheckedPlusAndMinus) {
  Money a = Money::fromFen(12'500'000), b = Money::fromFen(3'200'000);
  EXPECT_EQ(a.plus(b).value().fen(), 15'700'000);
  EXPECT_EQ(b.minus(a).value().fen(), -9'300'000);
  EXPECT_TRUE(b.minus(a).value().isNegative());

  MoneyResult over = Money::fromFen(kMax).plus(Money::fromFen(1));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().kind, MoneyErrorKind::kOverflow);
  EXPECT_EQ(over.error().reasonZh, "金额相加超出可表示的范围");
  EXPECT_FALSE(Money::fromFen(kMin).minus(Money::fromFen(1)).ok());
  EXPECT_FALSE(Money::fromFen(0).minus(Money::fromFen(kMin)).ok());
  EXPECT_TRUE(Money::fromFen(kMax).minus(Money::fromFen(kMax)).value().isZero());
}

TEST(MoneyArithmetic, ComparesByValue) {
  EXPECT_EQ(Money(), Money::fromFen(0));
  EXPECT_LT(Money::fromFen(-1), Money());
  EXPECT_EQ(Money::parse("12.5万元").value(), Money::parse("125,000.00").value());
  EXPECT_GT(Money::parse("1万").value(), Money::parse("9,999.99").value());
}

}  // namespace
}  // namespace jinfu
