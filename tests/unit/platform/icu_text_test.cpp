#include "platform/icu_text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace jinfu::text {
namespace {

TEST(IcuText, NfkcFoldsFullWidthAndKeepsAscii) {
  EXPECT_EQ(nfkc("ＡＢＣ１２３"), "ABC123");
  EXPECT_EQ(nfkc("（万元）"), "(万元)");
  EXPECT_EQ(nfkc("plain ascii"), "plain ascii");
  EXPECT_EQ(nfkc(""), "");
  EXPECT_EQ(nfkc("焦作市"), "焦作市");
  EXPECT_EQ(nfkc("\xEF\xBD\x9E"), "~");  // U+FF5E FULLWIDTH TILDE
}

TEST(IcuText, PinyinOfCompanyName) {
  EXPECT_EQ(pinyin("焦作市天宝桓祥科技有限公司"), "jiaozuoshitianbaohuanxiangkejiyouxiangongsi");
  EXPECT_EQ(pinyinInitials("焦作市天宝桓祥科技有限公司"), "jzstbhxkjyxgs");
}

TEST(IcuText, KeepsAsciiLettersAndDigitsDropsPunctuation) {
  EXPECT_EQ(pinyin("ABC焦作 123，有限公司（分公司）"), "abcjiaozuo123youxiangongsifengongsi");
  EXPECT_EQ(pinyinInitials("ABC焦作 123，有限公司"), "abcjz123yxgs");
  EXPECT_EQ(pinyin("ＡＢＣ１２３"), "abc123");
  EXPECT_EQ(pinyinInitials("ＡＢ焦"), "abj");
  EXPECT_EQ(pinyin("  -_/. "), "");
  EXPECT_EQ(pinyin(""), "");
  EXPECT_EQ(pinyinInitials(""), "");
}

TEST(IcuText, NoTonesOrUmlauts) {
  EXPECT_EQ(pinyin("绿"), "lu");
  EXPECT_EQ(pinyin("女"), "nu");
  EXPECT_EQ(pinyin("Café"), "cafe");
}

TEST(IcuText, SafeFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<std::string> got(4);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      std::string last;
      for (int i = 0; i < 200; ++i) last = pinyin("焦作市天宝桓祥科技有限公司") + pinyinInitials("沁阳市");
      got[static_cast<size_t>(t)] = last;
    });
  for (auto& th : threads) th.join();
  for (const auto& g : got) EXPECT_EQ(g, "jiaozuoshitianbaohuanxiangkejiyouxiangongsiqys");
}

}  // namespace
}  // namespace jinfu::text
