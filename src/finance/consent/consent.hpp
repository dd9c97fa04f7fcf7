#pragma once
// 数据授权 rules: what a consent may cover, how long it may last, and whether it is live. Pure.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/errors.hpp"

namespace jinfu::finance {

struct ConsentScope {
  std::string_view code;  // credit, profile, or a collect category
  std::string_view zh;
};

// credit (信用画像), profile (企业基本信息) and every collect category (纳税, 社保 …).
std::span<const ConsentScope> consentScopes();
const ConsentScope* findConsentScope(std::string_view code);

inline constexpr int kDefaultConsentDays = 30;
inline constexpr int kMaxConsentDays = 365;

struct ConsentRequest {
  int64_t bankId = 0;
  std::vector<std::string> scopes;
  int days = kDefaultConsentDays;
  std::string purpose;
};

// Throws ApiError 422 naming each bad field: no or unknown scopes (duplicates are folded), days
// outside 1–365, a purpose over 200 characters.
void checkConsentRequest(ConsentRequest& request);

struct Consent {
  int64_t id = 0;
  int64_t enterpriseId = 0;
  int64_t bankId = 0;
  std::vector<std::string> scopes;
  std::string grantedAt, expiresAt;       // RFC 3339 +08:00, comparable as text
  std::optional<std::string> revokedAt;

  bool covers(std::string_view scope) const;
  // Live at `now` (RFC 3339 +08:00): not revoked and not yet expired.
  bool liveAt(const std::string& now) const { return !revokedAt && now < expiresAt; }
  std::string_view statusAt(const std::string& now) const;  // live | expired | revoked
};

}  // namespace jinfu::finance
