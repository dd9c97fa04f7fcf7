// 数据授权 rules: what a request may ask for, and when a consent is live.
#include <gtest/gtest.h>

#include "finance/consent/consent.hpp"

namespace jinfu::finance {
namespace {

std::vector<std::string> fieldsOf(ConsentRequest r) {
  try {
    checkConsentRequest(r);
  } catch (const ApiError& e) {
    std::vector<std::string> out;
    for (const auto& fe : e.errors()) out.push_back(fe.field);
    return out;
  }
  return {};
}

TEST(FinanceConsent, ARequestNamesEveryBadField) {
  ConsentRequest good{7, {"tax", "credit", "tax"}, 30, "申请税易贷"};
  checkConsentRequest(good);
  EXPECT_EQ(good.scopes, (std::vector<std::string>{"credit", "tax"}));  // sorted, duplicates folded
  EXPECT_EQ(fieldsOf({0, {}, 0, ""}), (std::vector<std::string>{"bankId", "scopes", "days"}));
  EXPECT_EQ(fieldsOf({7, {"credit", "salary"}, 366, ""}), (std::vector<std::string>{"scopes[1]", "days"}));
  EXPECT_EQ(fieldsOf({7, {"credit"}, 365, std::string(201, 'x')}), std::vector<std::string>{"purpose"});
  std::string twoHundredChinese;
  for (int i = 0; i < 200; ++i) twoHundredChinese += "贷";
  EXPECT_TRUE(fieldsOf({7, {"credit"}, 1, twoHundredChinese}).empty());  // characters, not bytes
  EXPECT_EQ(fieldsOf({7, {"credit"}, 1, twoHundredChinese + "款"}), std::vector<std::string>{"purpose"});
  for (const auto& s : consentScopes()) EXPECT_EQ(findConsentScope(s.code), &s);
}

TEST(FinanceConsent, LiveUntilRevokedOrExpired) {
  Consent c;
  c.scopes = {"credit", "tax"};
  c.grantedAt = "2026-11-27T10:00:00.000+08:00";
  c.expiresAt = "2026-12-27T10:00:00.000+08:00";
  EXPECT_TRUE(c.covers("credit"));
  EXPECT_FALSE(c.covers("profile"));
  EXPECT_TRUE(c.liveAt("2026-12-27T09:59:59.999+08:00"));
  EXPECT_FALSE(c.liveAt("2026-12-27T10:00:00.000+08:00"));
  EXPECT_EQ(c.statusAt("2026-12-28T00:00:00.000+08:00"), "expired");
  c.revokedAt = "2026-11-28T09:00:00.000+08:00";
  EXPECT_FALSE(c.liveAt("2026-11-28T10:00:00.000+08:00"));
  EXPECT_EQ(c.statusAt("2026-11-28T10:00:00.000+08:00"), "revoked");
}

}  // namespace
}  // namespace jinfu::finance
