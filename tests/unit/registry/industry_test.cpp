#include "registry/industry.hpp"
#include "registry/regions.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace jinfu::registry {
namespace {

std::string two(int d) {
  char buf[4];
  std::snprintf(buf, sizeof buf, "%02d", d);
  return buf;
}

TEST(Industry, AllSectionsAndDivisionsHaveNames) {
  for (char s = 'A'; s <= 'T'; ++s) {
    const std::string* name = industrySectionName(std::string(1, s));
    ASSERT_NE(name, nullptr) << s;
    EXPECT_FALSE(name->empty());
  }
  EXPECT_EQ(industrySectionName("U"), nullptr);
  EXPECT_EQ(industrySectionName("c"), nullptr);
  for (int d = 1; d <= 97; ++d) {
    const std::string* name = industryDivisionName(two(d));
    ASSERT_NE(name, nullptr) << d;
    EXPECT_FALSE(name->empty());
    EXPECT_TRUE(sectionOfDivision(two(d)).has_value()) << d;
  }
  EXPECT_EQ(industryDivisionName("00"), nullptr);
  EXPECT_EQ(industryDivisionName("98"), nullptr);
  EXPECT_EQ(industryDivisionName("1"), nullptr);
  EXPECT_FALSE(sectionOfDivision("98").has_value());
}

TEST(Industry, OfficialNames) {
  EXPECT_EQ(*industrySectionName("C"), "制造业");
  EXPECT_EQ(*industrySectionName("T"), "国际组织");
  EXPECT_EQ(*industryDivisionName("01"), "农业");
  EXPECT_EQ(*industryDivisionName("35"), "专用设备制造业");
  EXPECT_EQ(*industryDivisionName("65"), "软件和信息技术服务业");
  EXPECT_EQ(*industryDivisionName("70"), "房地产业");
  EXPECT_EQ(*industryDivisionName("97"), "国际组织");
}

TEST(Industry, DivisionsFallInTheirSections) {
  const std::pair<const char*, const char*> cases[] = {
      {"01", "A"}, {"05", "A"}, {"06", "B"}, {"12", "B"}, {"13", "C"}, {"43", "C"}, {"44", "D"},
      {"46", "D"}, {"47", "E"}, {"50", "E"}, {"51", "F"}, {"52", "F"}, {"53", "G"}, {"60", "G"},
      {"61", "H"}, {"62", "H"}, {"63", "I"}, {"65", "I"}, {"66", "J"}, {"69", "J"}, {"70", "K"},
      {"71", "L"}, {"72", "L"}, {"73", "M"}, {"75", "M"}, {"76", "N"}, {"79", "N"}, {"80", "O"},
      {"82", "O"}, {"83", "P"}, {"84", "Q"}, {"85", "Q"}, {"86", "R"}, {"90", "R"}, {"91", "S"},
      {"96", "S"}, {"97", "T"}};
  for (const auto& [d, s] : cases) EXPECT_EQ(sectionOfDivision(d).value_or("?"), s) << d;
}

TEST(Industry, ParsesCodesAsDepartmentsWriteThem) {
  auto c = parseIndustryCode("C3562");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->section, "C");
  EXPECT_EQ(c->division, "35");
  EXPECT_EQ(c->detail, "3562");
  c = parseIndustryCode("3562");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->section, "C");
  c = parseIndustryCode(" c35 ");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->section + c->detail, "C35");
  c = parseIndustryCode("K");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->section, "K");
  EXPECT_TRUE(c->division.empty());
  c = parseIndustryCode("702");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->section, "K");
  EXPECT_EQ(c->detail, "702");
  for (const char* bad : {"", "X", "A3562", "3", "35621", "98", "C35a", "CC35", "00"})
    EXPECT_FALSE(parseIndustryCode(bad)) << bad;
}

TEST(Regions, JiaozuoDivisions) {
  ASSERT_NE(regionName("410800"), nullptr);
  EXPECT_EQ(*regionName("410800"), "焦作市");
  EXPECT_EQ(*regionName("410882"), "沁阳市");
  EXPECT_EQ(*regionName("410871"), "焦作城乡一体化示范区");
  EXPECT_TRUE(isKnownRegion("410811"));
  EXPECT_FALSE(isKnownRegion("410899"));
  EXPECT_FALSE(isKnownRegion(""));
  EXPECT_EQ(regionName("110000"), nullptr);
}

}  // namespace
}  // namespace jinfu::registry
