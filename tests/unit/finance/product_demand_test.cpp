// What banks publish and enterprises ask for, as the API reads it: every problem of a product or a
// demand named at once with its field, codes checked against the catalogues, and the effective
// rate of an LPR product from the LPR in force that month.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "finance/demand/demand.hpp"
#include "finance/product/product.hpp"
#include "platform/errors.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;

const std::vector<std::string> kGrades = {"A", "B", "C", "D", "E"};

json validProduct() {
  return json::parse(R"({"name":"税易贷","kind":"tax","minAmountFen":10000000,"maxAmountFen":300000000,
    "minTermMonths":3,"maxTermMonths":12,"rateKind":"lpr","minRateBp":45,"maxRateBp":150,
    "repayment":["interest_first"],"guarantees":["credit"],"materials":["营业执照"," 纳税证明 "],"approvalWorkdays":5,
    "rules":{"regions":["4108"],"industries":["C","C35"],"sizeClasses":["small","micro"],"minYears":2,"minTaxGrade":"B",
    "minTaxPaid12mFen":5000000,"minInsured":5,"minCreditGrade":"C","noDishonest":true,"noSeriousIllegal":false}})");
}

std::vector<std::string> fieldsOf(const json& body) {
  try {
    readProduct(body, kGrades);
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 422);
    std::vector<std::string> out;
    for (const auto& f : e.errors()) out.push_back(f.field);
    return out;
  }
  return {};
}

TEST(FinanceMarket, AProductIsReadWithEveryRule) {
  auto p = readProduct(validProduct(), kGrades);
  EXPECT_EQ(p.name, "税易贷");
  EXPECT_EQ(p.rateKind, "lpr");
  EXPECT_EQ(p.materials, (std::vector<std::string>{"营业执照", "纳税证明"}));  // trimmed
  EXPECT_EQ(p.rules.regionPrefixes, std::vector<std::string>{"4108"});
  EXPECT_EQ(p.rules.industryPrefixes, (std::vector<std::string>{"C", "C35"}));
  EXPECT_EQ(p.rules.minTaxGrade, "B");
  EXPECT_EQ(p.rules.minTaxPaid12mFen, 5'000'000);
  EXPECT_EQ(p.rules.minCreditGrade, "C");
  EXPECT_FALSE(p.rules.noSeriousIllegal);
  // What the store keeps reads back to the same product.
  ProductSpec back;
  back.name = p.name;
  readSpecJson(specJson(p), back);
  EXPECT_EQ(toJson(back)["rules"], toJson(p)["rules"]);
  EXPECT_EQ(back.materials, p.materials);
}

TEST(FinanceMarket, EveryProblemOfAProductIsNamed) {
  json bad = validProduct();
  bad["kind"] = "loan";
  bad["minAmountFen"] = 400000000;            // above the maximum
  bad["minTermMonths"] = "3";                  // text
  bad["rateKind"] = "floating";
  bad["repayment"] = json::array({"weekly"});
  bad["guarantees"] = json::array();
  bad["approvalWorkdays"] = 0;
  bad["rules"]["regions"] = json::array({"41a8"});
  bad["rules"]["industries"] = json::array({"c35"});
  bad["rules"]["minTaxGrade"] = "AA";
  bad["rules"]["minCreditGrade"] = "S";
  bad["rules"]["noDishonest"] = "yes";
  auto fields = fieldsOf(bad);
  for (const char* f : {"kind", "maxAmountFen", "minTermMonths", "rateKind", "repayment[0]", "guarantees",
                        "approvalWorkdays", "rules.regions[0]", "rules.industries[0]", "rules.minTaxGrade",
                        "rules.minCreditGrade", "rules.noDishonest"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
}

TEST(FinanceMarket, RatesAreCheckedByTheirKind) {
  json fixed = validProduct();
  fixed["rateKind"] = "fixed";
  fixed["minRateBp"] = -10;  // a negative rate is only a spread
  EXPECT_EQ(fieldsOf(fixed), std::vector<std::string>{"minRateBp"});
  json lpr = validProduct();
  lpr["minRateBp"] = -30;    // LPR − 30 bp is a real offer
  EXPECT_TRUE(fieldsOf(lpr).empty());
  json high = validProduct();
  high["rateKind"] = "fixed";
  high["minRateBp"] = 300;
  high["maxRateBp"] = 3700;  // above 36 %
  EXPECT_EQ(fieldsOf(high), std::vector<std::string>{"maxRateBp"});
}

TEST(FinanceMarket, TextIsCountedInCharactersAndControlCharactersAreRefused) {
  json p = validProduct();
  std::string sixty;
  for (int i = 0; i < 60; ++i) sixty += "贷";
  p["name"] = sixty;
  EXPECT_TRUE(fieldsOf(p).empty());
  p["name"] = sixty + "款";
  EXPECT_EQ(fieldsOf(p), std::vector<std::string>{"name"});
  p["name"] = "税易\x01贷";
  EXPECT_EQ(fieldsOf(p), std::vector<std::string>{"name"});
  p["name"] = "　 ";  // only spaces, also full-width
  EXPECT_EQ(fieldsOf(p), std::vector<std::string>{"name"});
}

TEST(FinanceMarket, TheLprInForceThatMonthIsAdded) {
  auto p = readProduct(validProduct(), kGrades);
  // data/reference/lpr.csv: 2025-05 onwards 3.00 %; 2024-10 to 2025-04 3.10 %.
  auto may2025 = effectiveRate(p, *Date::parse("2025-05-20"));
  EXPECT_EQ(may2025.lprBp, 300);
  EXPECT_EQ(may2025.minBp, 345);
  EXPECT_EQ(may2025.maxBp, 450);
  EXPECT_EQ(effectiveRate(p, *Date::parse("2025-01-15")).lprBp, 310);
  // After the last known month the latest LPR stays in force.
  EXPECT_EQ(effectiveRate(p, *Date::parse("2026-11-27")).lprBp, lpr1yBp(*Date::parse("2026-03-01")));
  EXPECT_FALSE(lpr1yBp(*Date::parse("2010-01-01")));
  ProductSpec fixed = p;
  fixed.rateKind = "fixed";
  fixed.minRateBp = 385;
  fixed.maxRateBp = 435;
  auto r = effectiveRate(fixed, *Date::parse("2026-11-27"));
  EXPECT_EQ(r.minBp, 385);
  EXPECT_FALSE(r.lprBp);
  auto view = forMatching(7, "工商银行焦作分行", p, *Date::parse("2025-05-20"));
  EXPECT_EQ(view.minRateBp, 345);
  EXPECT_EQ(view.id, 7);
  EXPECT_EQ(view.rules.minTaxGrade, "B");
}

TEST(FinanceMarket, ADemandImpliesCreditAndNamesEveryProblem) {
  auto d = readDemand(json::parse(R"({"amountFen":50000000,"termMonths":12,"purpose":" 采购原材料 ",
    "urgency":"urgent","guarantees":["mortgage","mortgage"],"preferredBankIds":[15,15,16]})"));
  EXPECT_EQ(d.purpose, "采购原材料");
  EXPECT_EQ(d.guarantees, (std::vector<std::string>{"credit", "mortgage"}));
  EXPECT_EQ(d.preferredBankIds, (std::vector<int64_t>{15, 16}));
  EXPECT_FALSE(d.productId);
  try {
    readDemand(json::parse(R"({"amountFen":5000,"termMonths":0,"urgency":"asap","guarantees":["house"],
      "preferredBankIds":[0],"productId":"3","contactPhone":"138abc"})"));
    FAIL();
  } catch (const ApiError& e) {
    std::vector<std::string> fields;
    for (const auto& f : e.errors()) fields.push_back(f.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"amountFen", "termMonths", "purpose", "urgency", "guarantees[0]",
                                                "preferredBankIds[0]", "productId", "contactPhone"}));
  }
}

TEST(FinanceMarket, CataloguesHaveChineseNames) {
  EXPECT_EQ(nameOf(productKinds(), "ip_pledge"), "知识产权质押");
  EXPECT_EQ(nameOf(repaymentMethods(), "equal_installment"), "等额本息");
  EXPECT_EQ(nameOf(urgencies(), "very_urgent"), "紧急");
  EXPECT_EQ(nameOf(guaranteeKinds(), "unknown"), "unknown");
  EXPECT_EQ(productStatusByCode("published"), ProductStatus::Published);
  EXPECT_EQ(zh(ProductStatus::Withdrawn), "已下架");
  EXPECT_FALSE(productStatusByCode("deleted"));
}

}  // namespace
}  // namespace jinfu::finance
