#include "finance/consent/consent.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "platform/text.hpp"

namespace jinfu::finance {
namespace {

constexpr std::array<ConsentScope, 13> kScopes = {{
    {"credit", "信用画像"},
    {"profile", "企业基本信息"},
    {"registration", "登记注册"},
    {"tax", "纳税"},
    {"social_insurance", "社保"},
    {"housing_fund", "公积金"},
    {"utilities", "水电气"},
    {"licence", "行政许可"},
    {"penalty", "行政处罚"},
    {"judicial", "司法"},
    {"abnormal_list", "经营异常与严重违法失信"},
    {"ip", "知识产权"},
    {"honour", "资质荣誉"},
}};

}  // namespace

std::span<const ConsentScope> consentScopes() { return kScopes; }

const ConsentScope* findConsentScope(std::string_view code) {
  for (const auto& s : kScopes)
    if (s.code == code) return &s;
  return nullptr;
}

void checkConsentRequest(ConsentRequest& r) {
  std::vector<FieldError> errors;
  if (r.bankId <= 0) errors.push_back({"bankId", {"请选择被授权的银行。", "Choose the bank."}});
  if (r.scopes.empty()) errors.push_back({"scopes", {"请至少选择一项授权范围。", "Choose at least one scope."}});
  for (size_t i = 0; i < r.scopes.size(); ++i)
    if (!findConsentScope(r.scopes[i]))
      errors.push_back({fmt::format("scopes[{}]", i),
                        {"未知的授权范围“" + r.scopes[i] + "”。", "Unknown scope \"" + r.scopes[i] + "\"."}});
  std::sort(r.scopes.begin(), r.scopes.end());
  r.scopes.erase(std::unique(r.scopes.begin(), r.scopes.end()), r.scopes.end());
  if (r.days < 1 || r.days > kMaxConsentDays)
    errors.push_back({"days", {fmt::format("授权期限应为 1 到 {} 天。", kMaxConsentDays),
                               fmt::format("days must be 1 to {}.", kMaxConsentDays)}});
  size_t characters = 0;
  for (size_t i = 0; i < r.purpose.size(); ++characters) text::decodeUtf8(r.purpose, i);
  if (characters > 200)
    errors.push_back({"purpose", {"用途说明不超过 200 个字。", "The purpose is limited to 200 characters."}});
  if (!errors.empty()) throw ApiError::validation(std::move(errors));
}

bool Consent::covers(std::string_view scope) const {
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

std::string_view Consent::statusAt(const std::string& now) const {
  if (revokedAt) return "revoked";
  return now < expiresAt ? "live" : "expired";
}

}  // namespace jinfu::finance
