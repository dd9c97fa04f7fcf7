#include "finance/consent/consent_json.hpp"
#include "platform/json.hpp"

#include <algorithm>

#include "platform/audit/actions.hpp"
#include "platform/http/fields.hpp"

namespace jinfu::finance {

using nlohmann::json;

json consentJson(const ConsentRow& r, const std::string& now) {
  json scopes = json::array();
  for (const auto& s : r.consent.scopes) {
    const auto* scope = findConsentScope(s);
    scopes.push_back({{"code", s}, {"zh", scope ? scope->zh : s}});
  }
  return {{"id", r.consent.id},
          {"enterprise", {{"id", r.consent.enterpriseId}, {"name", r.enterpriseName}, {"uscc", r.enterpriseUscc}}},
          {"bank", {{"id", r.consent.bankId}, {"name", r.bankName}}},
          {"scopes", scopes},
          {"purpose", r.purpose},
          {"grantedBy", r.grantedBy},
          {"grantedAt", r.consent.grantedAt},
          {"expiresAt", r.consent.expiresAt},
          {"revokedAt", orNull(r.consent.revokedAt)},
          {"status", r.consent.statusAt(now)}};
}

json scopesJson() {
  json scopes = json::array();
  for (const auto& s : consentScopes()) scopes.push_back({{"code", s.code}, {"zh", s.zh}});
  return scopes;
}

json readJson(const ReadRow& r) {
  return {{"at", r.at},
          {"organisation", r.organisationName},
          {"username", r.username},
          {"action", r.action},
          {"actionZh", audit::action::nameZh(r.action)},
          {"detail", r.detail}};
}

ConsentRequest readConsentRequest(const json& body) {
  http::FieldReader f(body);
  ConsentRequest r;
  if (const json* b = f.get("bankId"); b && b->is_number_integer()) r.bankId = b->get<int64_t>();
  if (const json* s = f.get("scopes")) {
    if (!s->is_array()) f.fail("scopes", {"授权范围应为数组。", "scopes must be an array."});
    else
      for (const auto& v : *s) {
        if (v.is_string()) r.scopes.push_back(v.get<std::string>());
        else f.fail("scopes", {"授权范围应为文本代码。", "A scope is a code."});
      }
  }
  if (const json* d = f.get("days")) {
    if (!d->is_number_integer()) f.fail("days", {"授权天数应为整数。", "days must be an integer."});
    else r.days = static_cast<int>(std::clamp<int64_t>(d->get<int64_t>(), -1, 100000));
  }
  if (const json* p = f.get("purpose")) {
    if (!p->is_string()) f.fail("purpose", {"用途应为文本。", "purpose must be text."});
    else r.purpose = p->get<std::string>();
  }
  f.check();
  return r;
}

}  // namespace jinfu::finance
