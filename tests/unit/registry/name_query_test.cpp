#include "registry/name_query.hpp"
#include "registry/regions.hpp"

#include <gtest/gtest.h>

namespace jinfu::registry {
namespace {

using Parts = std::vector<std::string>;

TEST(NameQuery, OneWordIsASubstringOnly) {
  auto q = readNameQuery("天宝", regionNames());
  EXPECT_EQ(q.needle, "天宝");
  EXPECT_TRUE(q.inOrder.empty());
}

TEST(NameQuery, WordsTypedApartAlsoMatchInOrder) {
  auto q = readNameQuery("  天宝   科技 ", regionNames());
  EXPECT_EQ(q.needle, "天宝科技");
  ASSERT_EQ(q.inOrder.size(), 1u);
  EXPECT_EQ(q.inOrder[0], (Parts{"天宝", "科技"}));
  // Latin letters are lower-cased: pinyin is stored in lower case.
  EXPECT_EQ(readNameQuery("Tian Bao", regionNames()).needle, "tianbao");
}

TEST(NameQuery, APlaceInFrontIsItsOwnPart) {
  // 焦作天宝 finds 焦作市天宝桓祥科技有限公司: the city's stem, then the rest.
  auto q = readNameQuery("焦作天宝", regionNames());
  EXPECT_EQ(q.needle, "焦作天宝");
  ASSERT_EQ(q.inOrder.size(), 1u);
  EXPECT_EQ(q.inOrder[0], (Parts{"焦作", "天宝"}));
  // The full name of the place is taken before its stem, and places may follow each other.
  EXPECT_EQ(readNameQuery("焦作市天宝", regionNames()).inOrder.at(0), (Parts{"焦作市", "天宝"}));
  // A leading place may be missing from the name (河南 usually is), so each may be left out.
  auto province = readNameQuery("河南焦作天宝", regionNames());
  ASSERT_EQ(province.inOrder.size(), 2u);
  EXPECT_EQ(province.inOrder[0], (Parts{"河南", "焦作", "天宝"}));
  EXPECT_EQ(province.inOrder[1], (Parts{"焦作", "天宝"}));
  // A one-character stem is no place (温县 → 温 would split every 温…).
  EXPECT_TRUE(readNameQuery("温泉酒店", regionNames()).inOrder.empty());
  EXPECT_EQ(readNameQuery("温县天宝", regionNames()).inOrder.at(0), (Parts{"温县", "天宝"}));
}

TEST(NameQuery, APlaceAloneIsASubstring) {
  // Nothing after the place: a plain substring ("焦作" finds every 焦作… name).
  EXPECT_TRUE(readNameQuery("焦作", regionNames()).inOrder.empty());
  EXPECT_TRUE(readNameQuery("焦作市", regionNames()).inOrder.empty());
}

}  // namespace
}  // namespace jinfu::registry
