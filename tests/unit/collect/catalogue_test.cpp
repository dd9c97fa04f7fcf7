#include "collect/catalogue.hpp"

#include "collect/validate.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace jinfu::collect {
namespace {

bool hasNonAscii(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0x80) return true;
  return false;
}

TEST(Catalogue, FixedCategoryCodes) {
  std::vector<std::string> codes;
  for (const auto& c : catalogue()) codes.push_back(c.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"registration", "tax", "social_insurance", "housing_fund",
                                             "utilities", "licence", "penalty", "judicial",
                                             "abnormal_list", "ip", "honour"}));
  EXPECT_NE(findCategory("tax"), nullptr);
  EXPECT_EQ(findCategory("tax")->zh, "纳税");
  EXPECT_EQ(findCategory("nope"), nullptr);
}

TEST(Catalogue, EveryCategoryIsWellFormed) {
  const std::set<std::string> frequencies = {"monthly", "on_change", "yearly"};
  for (const auto& c : catalogue()) {
    SCOPED_TRACE(c.code);
    EXPECT_TRUE(hasNonAscii(c.zh));
    EXPECT_TRUE(hasNonAscii(c.description));
    EXPECT_TRUE(hasNonAscii(c.provider));
    EXPECT_TRUE(frequencies.count(c.frequency));
    // The USCC comes first and is required.
    ASSERT_FALSE(c.fields.empty());
    EXPECT_EQ(c.fields[0].key, "uscc");
    EXPECT_EQ(c.fields[0].type, FieldType::Uscc);
    EXPECT_TRUE(c.fields[0].required);

    std::set<std::string> keys;
    for (const auto& f : c.fields) {
      SCOPED_TRACE(f.key);
      EXPECT_TRUE(keys.insert(f.key).second) << "duplicate key";
      EXPECT_TRUE(hasNonAscii(f.zh));
      EXPECT_TRUE(hasNonAscii(f.description));
      EXPECT_FALSE(hasNonAscii(f.key));
      EXPECT_TRUE(f.key[0] >= 'a' && f.key[0] <= 'z');
      if (f.type == FieldType::Amount) {
        EXPECT_TRUE(f.unit == kUnitYuan || f.unit == kUnitWanYuan);
      }
      if (f.type == FieldType::Enum) {
        EXPECT_FALSE(f.values.empty());
        std::set<std::string> names;
        for (const auto& v : f.values) {
          EXPECT_FALSE(v.code.empty());
          EXPECT_TRUE(hasNonAscii(v.zh)) << v.code;
          EXPECT_TRUE(names.insert(v.code).second) << v.code;
          EXPECT_TRUE(names.insert(v.zh).second || v.zh == v.code) << v.zh;
          for (const auto& a : v.aliases) EXPECT_TRUE(names.insert(a).second) << a;
        }
      }
      if (!f.notBefore.empty()) {
        ASSERT_NE(findField(c, f.notBefore), nullptr);
        EXPECT_EQ(findField(c, f.notBefore)->type, FieldType::Date);
      }
    }
    for (const auto& k : c.keyFields) {
      const FieldSpec* f = findField(c, k);
      ASSERT_NE(f, nullptr) << k;
      EXPECT_TRUE(f->required) << k;
    }
    ASSERT_FALSE(c.dateField.empty());
    const FieldSpec* date = findField(c, c.dateField);
    ASSERT_NE(date, nullptr);
    EXPECT_TRUE(date->type == FieldType::Date || date->type == FieldType::Month ||
                date->type == FieldType::Period || date->type == FieldType::Year);
    // The date is required, except the approval date of registration data: without it the
    // change takes effect on receipt.
    EXPECT_EQ(date->required, c.code != "registration") << c.code;
  }
}

TEST(Catalogue, HeaderNamesAreUnambiguousWithinACategory) {
  for (const auto& c : catalogue()) {
    std::map<std::string, std::string> owner;
    for (const auto& f : c.fields) {
      std::vector<std::string> names = f.aliases;
      names.push_back(f.key);
      names.push_back(f.zh);
      for (const auto& n : names) {
        const std::string norm = normaliseHeaderName(n);
        EXPECT_FALSE(norm.empty()) << c.code << " " << n;
        auto [it, inserted] = owner.emplace(norm, f.key);
        EXPECT_TRUE(inserted || it->second == f.key)
            << c.code << ": \"" << n << "\" names both " << it->second << " and " << f.key;
      }
    }
  }
}

TEST(Catalogue, KeysAndDatesOfTheBrief) {
  EXPECT_EQ(findCategory("registration")->keyFields, std::vector<std::string>{});
  EXPECT_EQ(findCategory("tax")->keyFields, std::vector<std::string>{"period"});
  EXPECT_EQ(findCategory("utilities")->keyFields, (std::vector<std::string>{"period", "utility"}));
  EXPECT_EQ(findCategory("abnormal_list")->keyFields, (std::vector<std::string>{"listType", "listedOn"}));
  EXPECT_EQ(findField(*findCategory("registration"), "registeredCapital")->unit, kUnitWanYuan);
  EXPECT_EQ(findField(*findCategory("tax"), "taxPaid")->unit, kUnitYuan);
  EXPECT_EQ(findField(*findCategory("tax"), "period")->type, FieldType::Period);
  EXPECT_EQ(findField(*findCategory("social_insurance"), "period")->type, FieldType::Month);
  // Outside registration the enterprise name is optional, for display.
  for (const auto& c : catalogue()) {
    const FieldSpec* name = findField(c, "name");
    ASSERT_NE(name, nullptr) << c.code;
    EXPECT_EQ(name->required, c.code == "registration") << c.code;
  }
}

TEST(Catalogue, FieldTypeNames) {
  EXPECT_EQ(fieldTypeName(FieldType::Text), "text");
  EXPECT_EQ(fieldTypeName(FieldType::Uscc), "uscc");
  EXPECT_EQ(fieldTypeName(FieldType::Date), "date");
  EXPECT_EQ(fieldTypeName(FieldType::Month), "month");
  EXPECT_EQ(fieldTypeName(FieldType::Period), "period");
  EXPECT_EQ(fieldTypeName(FieldType::Year), "year");
  EXPECT_EQ(fieldTypeName(FieldType::Amount), "amount");
  EXPECT_EQ(fieldTypeName(FieldType::Integer), "integer");
  EXPECT_EQ(fieldTypeName(FieldType::Enum), "enum");
  EXPECT_EQ(fieldTypeName(FieldType::Bool), "bool");
}

}  // namespace
}  // namespace jinfu::collect
