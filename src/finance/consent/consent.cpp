#include "finance/consent/consent.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "platform/dictionary.hpp"
#include "platform/text.hpp"

namespace jinfu::finance {
namespace {

// The scopes and their labels are the dictionary's (consent_scope), read once; the views point into
// its static storage.
const std::vector<ConsentScope>& scopes() {
  static const std::vector<ConsentScope> list = [] {
    std::vector<ConsentScope> out;
    for (const auto& e : dict::dictionary("consent_scope")->entries) out.push_back({e.value, e.label});
    return out;
  }();
  return list;
}

}  // namespace

std::span<const ConsentScope> consentScopes() { return scopes(); }

const ConsentScope* findConsentScope(std::string_view code) {
  for (const auto& s : scopes())
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
