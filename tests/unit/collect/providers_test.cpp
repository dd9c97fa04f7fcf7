#include "collect/providers.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "collect/catalogue.hpp"

namespace jinfu::collect {
namespace {

// The providers of the demo zone, by id.
const std::vector<ProviderOrg> kZone = {
    {8, "焦作市市场监督管理局"},     {9, "国家税务总局焦作市税务局"}, {10, "焦作市人力资源和社会保障局"},
    {11, "焦作市住房公积金管理中心"}, {12, "焦作市中级人民法院"},       {13, "国网焦作供电公司"},
    {14, "焦作市工业和信息化局"},
};

std::vector<int64_t> ids(const std::vector<ProviderOrg>& list) {
  std::vector<int64_t> out;
  for (const auto& p : list) out.push_back(p.id);
  return out;
}

TEST(Providers, DefaultsFollowTheDepartmentTheCatalogueNames) {
  EXPECT_EQ(ids(providersOf("tax", {}, kZone)), (std::vector<int64_t>{9}));
  EXPECT_EQ(ids(providersOf("registration", {}, kZone)), (std::vector<int64_t>{8}));
  EXPECT_EQ(ids(providersOf("social_insurance", {}, kZone)), (std::vector<int64_t>{10}));
  EXPECT_EQ(ids(providersOf("housing_fund", {}, kZone)), (std::vector<int64_t>{11}));
  EXPECT_EQ(ids(providersOf("judicial", {}, kZone)), (std::vector<int64_t>{12}));
  EXPECT_EQ(ids(providersOf("utilities", {}, kZone)), (std::vector<int64_t>{13}));
  EXPECT_EQ(ids(providersOf("honour", {}, kZone)), (std::vector<int64_t>{14}));
  // The market regulator does not provide 纳税 or 司法: the defect this rule closes.
  EXPECT_FALSE(provides(providersOf("tax", {}, kZone), 8));
  EXPECT_FALSE(provides(providersOf("judicial", {}, kZone), 8));
}

TEST(Providers, EveryCategoryHasDefaultWords) {
  for (const auto& c : catalogue()) EXPECT_FALSE(defaultProviderWords(c.code).empty()) << c.code;
  EXPECT_TRUE(defaultProviderWords("weather").empty());
}

TEST(Providers, TheOperatorsChoiceReplacesTheDefault) {
  auto chosen = providersOf("judicial", {8, 12}, kZone);
  EXPECT_EQ(ids(chosen), (std::vector<int64_t>{8, 12}));
  EXPECT_TRUE(provides(chosen, 8));
  // Only the court, then: the default words no longer add anyone.
  EXPECT_EQ(ids(providersOf("tax", {12}, kZone)), (std::vector<int64_t>{12}));
  // A configured id that is no longer a provider names nobody.
  EXPECT_TRUE(providersOf("tax", {99}, kZone).empty());
}

TEST(Providers, ByCategoryAndNames) {
  auto all = providersByCategory({{"tax", {8}}}, kZone);
  EXPECT_EQ(all.size(), catalogue().size());
  EXPECT_EQ(ids(all["tax"]), (std::vector<int64_t>{8}));
  EXPECT_EQ(ids(all["registration"]), (std::vector<int64_t>{8}));
  EXPECT_EQ(namesOf(all["judicial"]), "焦作市中级人民法院");
  EXPECT_EQ(namesOf(providersOf("penalty", {}, kZone)), "焦作市市场监督管理局");
  EXPECT_EQ(namesOf({}), "（未指定）");
  EXPECT_EQ(namesOf({{1, "甲"}, {2, "乙"}}), "甲、乙");
}

}  // namespace
}  // namespace jinfu::collect
