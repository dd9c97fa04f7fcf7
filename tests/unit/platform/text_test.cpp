#include <gtest/gtest.h>

#include "platform/text.hpp"

namespace jinfu::text {
namespace {

TEST(Utf8, RejectsMalformedSequences) {
  EXPECT_TRUE(isValidUtf8("企业融资 abc"));
  EXPECT_FALSE(isValidUtf8("\xff"));
  EXPECT_FALSE(isValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(isValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(isValidUtf8("\xe4\xbc"));          // truncated
  EXPECT_FALSE(isValidUtf8("\xf4\x90\x80\x80"));  // past U+10FFFF
}

TEST(Utf8, DecodesEveryByteAndReplacesMalformedOnes) {
  std::string s = "a\xe4\xbc\x81\xff";  // a, 企, a stray byte
  std::size_t i = 0;
  EXPECT_EQ(decodeUtf8(s, i), U'a');
  EXPECT_EQ(decodeUtf8(s, i), U'企');
  EXPECT_EQ(decodeUtf8(s, i), kReplacement);
  EXPECT_EQ(i, s.size());
  EXPECT_TRUE(isValidUtf8("\xef\xbf\xbd")) << "U+FFFD itself is valid text";
  EXPECT_EQ(toUtf8(U'元'), "元");
}

TEST(Fold, FullWidthAsciiBecomesAscii) {
  EXPECT_EQ(foldFullWidth(U'９'), U'9');
  EXPECT_EQ(foldFullWidth(U'Ａ'), U'A');
  EXPECT_EQ(foldFullWidth(U'，'), U',');
  EXPECT_EQ(foldFullWidth(U'元'), U'元');
  EXPECT_TRUE(isUnicodeSpace(U'\u3000'));
  EXPECT_FALSE(isUnicodeSpace(U'0'));
}

}  // namespace
}  // namespace jinfu::text

namespace jinfu::text {
namespace {

TEST(Text, TrimBlankLengthAndControlsAreOneModule) {
  EXPECT_EQ(trim("\u3000\u00a0 焦作 \u200b"), "焦作");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(trimAscii("  a\u3000 \r"), "a\u3000") << "a full-width space is data in a machine format";
  EXPECT_TRUE(isBlank("\u3000 \ufeff"));
  EXPECT_FALSE(isBlank(" x "));
  EXPECT_EQ(lengthInChars("焦作a"), 3u);
  EXPECT_EQ(leftChars("焦作市天宝", 2), "焦作");
  EXPECT_EQ(leftChars("ab", 5), "ab");
  EXPECT_TRUE(hasControl(std::string("a\0b", 3)));
  EXPECT_TRUE(hasControl("a\nb"));
  EXPECT_FALSE(hasControl("a\nb", true));
  EXPECT_TRUE(hasControl("a\x7f", true));
}

}  // namespace
}  // namespace jinfu::text
