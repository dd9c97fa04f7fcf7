#include "platform/uscc.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace jinfu {
namespace {

constexpr std::string_view kSymbols = "0123456789ABCDEFGHJKLMNPQRTUWXY";

UsccIssue issueOf(std::string_view raw) {
  UsccResult r = Uscc::parse(raw);
  EXPECT_FALSE(r.ok()) << raw;
  return r.ok() ? UsccIssue{} : r.issue();
}

// ---- valid codes -----------------------------------------------------------------------------

TEST(Uscc, AcceptsHuaweiWorkedExample) {
  // Σ Ci·Wi = 831, 831 mod 31 = 25, C18 = 6; inner 19220382: Σ = 164, mod 11 = 10, C9 = 1.
  UsccResult r = Uscc::parse("914403001922038216");
  ASSERT_TRUE(r.ok()) << r.issue().reasonZh;
  const Uscc& c = r.value();
  EXPECT_EQ(c.str(), "914403001922038216");
  EXPECT_EQ(c.department(), '9');
  EXPECT_EQ(c.category(), '1');
  EXPECT_EQ(c.regionCode(), "440300");
  EXPECT_EQ(c.orgCode(), "192203821");
  EXPECT_EQ(c.checkChar(), '6');
  EXPECT_EQ(c.describeZh(), "市场监管·企业");
  EXPECT_EQ(Uscc::checkCharFor("91440300192203821"), '6');
  EXPECT_EQ(Uscc::orgCodeCheckFor("19220382"), '1');
}

TEST(Uscc, AcceptsWidelyPublishedCodes) {
  for (const char* code : {"91440300708461136T",   // 深圳市腾讯计算机系统有限公司
                           "91100000100003962T",   // 中国工商银行股份有限公司
                           "91110000802100433B",   // 北京百度网讯科技有限公司
                           "91110108551385082Q",   // 小米科技有限责任公司
                           "91330100799655058B"})  // 阿里巴巴（中国）有限公司
    EXPECT_TRUE(Uscc::isValid(code)) << code;
}

TEST(Uscc, StandardsCorrectedExampleIsValid) {
  // GB 32100's own example with the check character corrected to 3; its inner code M000100Y-4
  // is also right, with Y valued 34 as GB 11714 does.
  EXPECT_TRUE(Uscc::isValid("91350100M000100Y43"));
  EXPECT_EQ(Uscc::orgCodeCheckFor("M000100Y"), '4');
  EXPECT_EQ(Uscc::checkCharFor("91350100M000100Y4"), '3');
}

TEST(Uscc, StandardsPrintedExampleHasWrongCheckCharacter) {
  UsccIssue i = issueOf("91350100M000100Y4Z");
  EXPECT_EQ(i.rule, UsccRule::kCheckCharacter);
  EXPECT_EQ(i.position, 18);
  EXPECT_EQ(i.reasonZh, "第18位校验码错误：应为“3”，实际为“Z”");
  EXPECT_EQ(i.reasonEn, "check character at position 18 is wrong: expected '3', got 'Z'");
}

TEST(Uscc, AnyWrongLastCharacterIsReportedWithTheExpectedOne) {
  // Outside the alphabet or not, the useful answer for position 18 is what it should be.
  EXPECT_EQ(issueOf("91440300192203821O").reasonZh, "第18位校验码错误：应为“6”，实际为“O”");
  EXPECT_EQ(issueOf("91440300192203821华").reasonZh, "第18位校验码错误：应为“6”，实际为“华”");
  EXPECT_EQ(issueOf("914403001922038217").rule, UsccRule::kCheckCharacter);
}

// ---- the inner GB 11714 check ----------------------------------------------------------------

TEST(Uscc, OrgCodeCheckMapsTenToXAndElevenToZero) {
  EXPECT_EQ(Uscc::orgCodeCheckFor("65238859"), 'X');  // Σ mod 11 = 1
  EXPECT_EQ(Uscc::orgCodeCheckFor("54957350"), '0');  // Σ mod 11 = 0
  EXPECT_TRUE(Uscc::isValid("9144030065238859X8"));
  EXPECT_TRUE(Uscc::isValid("91440300549573500C"));
  // Not A or B: those would be the 31-symbol values 10 and 11.
  EXPECT_EQ(issueOf("9144030065238859A8").rule, UsccRule::kOrgCodeCheck);
}

TEST(Uscc, OrgCodeCheckValuesLettersOverTheFullAlphabet) {
  // With the 31-symbol values (J=18, U=27, R=25, Q=24) the check would be 9.
  EXPECT_EQ(Uscc::orgCodeCheckFor("4JURQ283"), '0');
  EXPECT_EQ(Uscc::orgCodeCheckFor("FQEFLCR6"), '1');
}

TEST(Uscc, ReportsWrongOrgCodeCheck) {
  UsccIssue i = issueOf("914403001922038226");
  EXPECT_EQ(i.rule, UsccRule::kOrgCodeCheck);
  EXPECT_EQ(i.position, 17);
  EXPECT_EQ(i.reasonZh, "第9–17位组织机构代码校验位错误：应为“1”，实际为“2”");
}

TEST(Uscc, CheckHelpersRejectBadInput) {
  EXPECT_EQ(Uscc::checkCharFor("9144030019220382"), '\0');    // 16 characters
  EXPECT_EQ(Uscc::checkCharFor("9144030019220382I"), '\0');   // I is not a symbol
  EXPECT_EQ(Uscc::orgCodeCheckFor("1922038"), '\0');
  EXPECT_EQ(Uscc::orgCodeCheckFor("1922038-"), '\0');
}

// ---- rules and their messages -----------------------------------------------------------------

TEST(Uscc, ReportsLength) {
  UsccIssue i = issueOf("91440300192203821");
  EXPECT_EQ(i.rule, UsccRule::kLength);
  EXPECT_EQ(i.position, 0);
  EXPECT_EQ(i.reasonZh, "长度应为18位，实际为17位");
  EXPECT_EQ(i.reasonEn, "the code must be 18 characters long, got 17");
  EXPECT_EQ(issueOf("9144030019220382160").reasonZh, "长度应为18位，实际为19位");
}

TEST(Uscc, LengthCountsCharactersNotBytes) {
  UsccIssue i = issueOf("9144030019220382华");  // 17 characters, 20 bytes
  EXPECT_EQ(i.reasonZh, "长度应为18位，实际为17位");
}

TEST(Uscc, ReportsEmpty) {
  for (const char* raw : {"", "   ", "\xE3\x80\x80"}) {  // the last is U+3000
    UsccIssue i = issueOf(raw);
    EXPECT_EQ(i.rule, UsccRule::kEmpty) << raw;
    EXPECT_EQ(i.reasonZh, "统一社会信用代码为空");
  }
}

TEST(Uscc, ReportsExcludedLetter) {
  UsccIssue i = issueOf("914403001I22038216");
  EXPECT_EQ(i.rule, UsccRule::kCharacter);
  EXPECT_EQ(i.position, 10);
  EXPECT_EQ(i.reasonZh, "第10位字符“I”不在允许的字符集中（不使用I、O、S、V、Z）");
}

TEST(Uscc, LetterOIsRejectedWithAHintNotSilentlyMapped) {
  UsccIssue i = issueOf("914403001922O38216");
  EXPECT_EQ(i.rule, UsccRule::kCharacter);
  EXPECT_EQ(i.position, 13);
  EXPECT_EQ(i.reasonZh, "第13位字符“O”不在允许的字符集中（不使用I、O、S、V、Z），可能应为数字“0”");
  EXPECT_NE(i.reasonEn.find("did you mean the digit 0"), std::string::npos);
  EXPECT_EQ(Uscc::normalise("914403001922o38216"), "914403001922O38216");
}

TEST(Uscc, ReportsNonAsciiCharacterByItsPosition) {
  UsccIssue i = issueOf("9144030019220382华6");
  EXPECT_EQ(i.rule, UsccRule::kCharacter);
  EXPECT_EQ(i.position, 17);
  EXPECT_EQ(i.reasonZh, "第17位字符“华”不在允许的字符集中（不使用I、O、S、V、Z）");
}

TEST(Uscc, ReportsInternalSpaceByPosition) {
  UsccIssue i = issueOf("9144 0300192203821");
  EXPECT_EQ(i.rule, UsccRule::kWhitespace);
  EXPECT_EQ(i.position, 5);
  EXPECT_EQ(i.reasonZh, "第5位是空格，统一社会信用代码中间不能有空格");
  // An ideographic space inside is an error too, though it is trimmed at the ends.
  EXPECT_EQ(issueOf("91440300\xE3\x80\x80" "192203821").position, 9);
}

TEST(Uscc, ReportsUnknownDepartment) {
  UsccIssue i = issueOf("B14403001922038216");
  EXPECT_EQ(i.rule, UsccRule::kDepartment);
  EXPECT_EQ(i.position, 1);
  EXPECT_EQ(i.reasonZh, "第1位登记管理部门码“B”无效，应为1–9、A、N、Y之一");
  EXPECT_EQ(issueOf("014403001922038216").rule, UsccRule::kDepartment);
}

TEST(Uscc, EveryListedDepartmentIsAccepted) {
  for (char d : std::string_view("123456789ANY")) {
    std::string prefix = std::string(1, d) + "1440300" + "19220382";
    UsccResult r = Uscc::fromPrefix(prefix);
    EXPECT_TRUE(r.ok()) << prefix << ": " << (r.ok() ? "" : r.issue().reasonZh);
    EXPECT_FALSE(Uscc::departmentNameZh(d).empty()) << d;
  }
}

TEST(Uscc, RegionMustBeDigitsExceptForAgricultureMilitaryAndOther) {
  // Departments A, N and Y may carry a non-numeric region part.
  EXPECT_TRUE(Uscc::isValid("N212AB34MA1234PQXN"));
  EXPECT_TRUE(Uscc::isValid("Y1ABCDEFGHJKLMNP7X"));
  ASSERT_TRUE(Uscc::fromPrefix("A112AB34MA1234PQ").ok());

  UsccResult r = Uscc::fromPrefix("9112AB34MA1234PQ");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.issue().rule, UsccRule::kRegion);
  EXPECT_EQ(r.issue().position, 5);
  EXPECT_EQ(r.issue().reasonZh, "第3–8位行政区划码应为数字，第5位为“A”");
}

TEST(Uscc, CategoryIsOnlyCheckedAgainstTheCharacterSet) {
  // 9-4 is not in GB 32100's table but the code is still well formed.
  UsccResult r = Uscc::fromPrefix("9444030019220382");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().describeZh(), "市场监管");
}

TEST(Uscc, DescribesDepartmentAndCategoryInChinese) {
  auto describe = [](std::string_view prefix16) {
    UsccResult r = Uscc::fromPrefix(prefix16);
    return r.ok() ? r.value().describeZh() : r.issue().reasonZh;
  };
  EXPECT_EQ(describe("9244030019220382"), "市场监管·个体工商户");
  EXPECT_EQ(describe("9344030019220382"), "市场监管·农民专业合作社");
  EXPECT_EQ(describe("5244030019220382"), "民政·民办非企业单位");
  EXPECT_EQ(describe("1244030019220382"), "机构编制·事业单位");
  EXPECT_EQ(describe("N244030019220382"), "农业·村级集体经济组织");
  EXPECT_EQ(describe("Y144030019220382"), "其他");
  EXPECT_EQ(Uscc::categoryNameZh('3', '2'), "公证处");
  EXPECT_EQ(Uscc::departmentNameZh('A'), "中央军委改革和编制办公室");
  EXPECT_TRUE(Uscc::departmentNameZh('B').empty());
}

TEST(Uscc, RulesAreReportedInOrder) {
  // Both an excluded letter and a wrong check: the character is reported first.
  EXPECT_EQ(issueOf("9144030019220382IZ").rule, UsccRule::kCharacter);
  // A bad department and a bad region: position 1 first.
  EXPECT_EQ(issueOf("B144A3001922038216").rule, UsccRule::kDepartment);
  // Wrong inner and outer check: the inner one is the more specific.
  EXPECT_EQ(issueOf("914403001922038227").rule, UsccRule::kOrgCodeCheck);
}

// ---- normalisation ----------------------------------------------------------------------------

TEST(Uscc, NormalisesWhatPeoplePaste) {
  const std::string want = "914403001922038216";
  EXPECT_EQ(Uscc::normalise(want), want);
  EXPECT_EQ(Uscc::normalise("  914403001922038216\t\r\n"), want);
  EXPECT_EQ(Uscc::normalise("\xE3\x80\x80" "914403001922038216" "\xC2\xA0"), want);  // U+3000, NBSP
  EXPECT_EQ(Uscc::normalise("\xEF\xBB\xBF" "914403001922038216"), want);              // BOM
  // Full-width digits, as typed with a Chinese input method.
  EXPECT_EQ(Uscc::normalise("９１４４０３００１９２２０３８２１６"), want);
  EXPECT_EQ(Uscc::normalise("91350100ｍ000100ｙ43"), "91350100M000100Y43");
  EXPECT_EQ(Uscc::normalise("91350100Ｍ000100Ｙ43"), "91350100M000100Y43");
  EXPECT_EQ(Uscc::normalise("91350100m000100y43"), "91350100M000100Y43");
  // Internal spaces are kept for validation to report.
  EXPECT_EQ(Uscc::normalise(" 9144 0300 "), "9144 0300");
}

TEST(Uscc, ParseNormalisesButValidateDoesNot) {
  EXPECT_TRUE(Uscc::parse(" ９１３５０１００ｍ０００１００ｙ４３ ").ok());
  EXPECT_TRUE(Uscc::parse("91350100m000100y43").ok());
  ASSERT_TRUE(Uscc::validate("91350100m000100y43").has_value());
  EXPECT_EQ(Uscc::validate("91350100m000100y43")->rule, UsccRule::kCharacter);
  EXPECT_FALSE(Uscc::validate("91350100M000100Y43").has_value());
}

TEST(Uscc, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(Uscc::normalise("91\xFF"), "91\xEF\xBF\xBD");
  UsccIssue i = issueOf("9144030019220382\xFF" "6");
  EXPECT_EQ(i.rule, UsccRule::kCharacter);
  EXPECT_EQ(i.position, 17);
}

// ---- generation and detection ----------------------------------------------------------------

TEST(Uscc, FromPrefixCompletesSixteenOrSeventeenCharacters) {
  UsccResult a = Uscc::fromPrefix("9144030019220382");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value().str(), "914403001922038216");
  UsccResult b = Uscc::fromPrefix("91440300192203821");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b.value(), a.value());

  UsccResult wrongInner = Uscc::fromPrefix("91440300192203822");
  ASSERT_FALSE(wrongInner.ok());
  EXPECT_EQ(wrongInner.issue().rule, UsccRule::kOrgCodeCheck);

  UsccResult badChar = Uscc::fromPrefix("914403001I220382");
  ASSERT_FALSE(badChar.ok());
  EXPECT_EQ(badChar.issue().position, 10);

  UsccResult shortPrefix = Uscc::fromPrefix("914403");
  ASSERT_FALSE(shortPrefix.ok());
  EXPECT_EQ(shortPrefix.issue().reasonZh, "前缀应为16或17位，实际为6位");
}

TEST(Uscc, ResultAccessorsMatchTheAlternative) {
  UsccResult bad = Uscc::parse("x");
  EXPECT_FALSE(bad);
  EXPECT_THROW((void)bad.value(), std::bad_variant_access);
  UsccResult good = Uscc::parse("914403001922038216");
  EXPECT_TRUE(good);
  EXPECT_THROW((void)good.issue(), std::bad_variant_access);
}

TEST(Uscc, OrdersAndComparesByText) {
  Uscc a = Uscc::parse("91100000100003962T").value();
  Uscc b = Uscc::parse("914403001922038216").value();
  EXPECT_LT(a, b);
  EXPECT_EQ(a, Uscc::parse(" 91100000100003962t ").value());
  EXPECT_NE(a, b);
}

// Property: over random generated codes, every single-character substitution in positions 1–18
// is caught (31 is prime and no weight is 0 mod 31), and isValid() agrees with validate().
TEST(Uscc, DetectsEverySingleSubstitution) {
  std::mt19937 rng(20240204);
  std::uniform_int_distribution<int> sym(0, 30), digit(0, 9);
  for (int round = 0; round < 150; ++round) {
    std::string prefix = "91";
    for (int i = 0; i < 6; ++i) prefix += static_cast<char>('0' + digit(rng));
    for (int i = 0; i < 8; ++i) prefix += kSymbols[static_cast<std::size_t>(sym(rng))];
    UsccResult r = Uscc::fromPrefix(prefix);
    ASSERT_TRUE(r.ok()) << prefix;
    const std::string code(r.value().str());
    for (std::size_t p = 0; p < code.size(); ++p) {
      for (char c : kSymbols) {
        if (c == code[p]) continue;
        std::string mutated = code;
        mutated[p] = c;
        const bool valid = Uscc::isValid(mutated);
        EXPECT_FALSE(valid) << mutated;
        EXPECT_EQ(Uscc::validate(mutated).has_value(), !valid);
      }
    }
  }
}

TEST(Uscc, DetectsAdjacentTranspositions) {
  const std::string code = "91440300708461136T";
  for (std::size_t p = 0; p + 1 < 17; ++p) {
    if (code[p] == code[p + 1]) continue;
    std::string swapped = code;
    std::swap(swapped[p], swapped[p + 1]);
    EXPECT_FALSE(Uscc::isValid(swapped)) << swapped;
  }
}

}  // namespace
}  // namespace jinfu
