#pragma once
// Who is calling: a person logged in through a session, or a machine client with an API token,
// always on behalf of one organisation. Set on the Request by the authentication guard before a
// protected handler runs; what the caller may see is derived from it (DataScope), never from
// anything the client sends.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jinfu::auth {

// The kinds of organisation the platform knows. What a user may see and do follows from it (with
// the region and the permissions): one enum, compared everywhere instead of strings.
enum class OrgKind { Operator, Government, Bank, Enterprise, Provider, Park };

inline constexpr std::pair<OrgKind, std::string_view> kOrgKinds[] = {
    {OrgKind::Operator, "operator"}, {OrgKind::Government, "government"}, {OrgKind::Bank, "bank"},
    {OrgKind::Enterprise, "enterprise"}, {OrgKind::Provider, "provider"}, {OrgKind::Park, "park"}};

// The code stored in organisations.kind and sent in the API.
constexpr std::string_view code(OrgKind k) {
  for (const auto& [kind, text] : kOrgKinds)
    if (kind == k) return text;
  return "";
}
constexpr std::optional<OrgKind> orgKindByCode(std::string_view c) {
  for (const auto& [kind, text] : kOrgKinds)
    if (text == c) return kind;
  return std::nullopt;
}

struct Principal {
  int64_t userId = 0;
  std::string username;
  std::string displayName;
  int64_t organisationId = 0;
  std::string organisationName;
  OrgKind orgKind = OrgKind::Provider;  // of the organisation (the default sees only itself)
  std::string regionCode;    // GB/T 2260 code of the organisation (a government body's area)
  std::optional<std::string> uscc;  // for an enterprise organisation: its 统一社会信用代码
  std::vector<std::string> roles;
  std::vector<std::string> permissions;  // sorted; for a token, the token's own subset
  std::optional<int64_t> sessionId;      // logged in through the browser
  std::optional<int64_t> tokenId;        // or calling with an API token
  std::optional<std::string> tokenExpiresAt;  // … which expires then
  std::string csrfToken;                 // a session's CSRF token, returned to the browser

  bool can(std::string_view permission) const {
    return std::binary_search(permissions.begin(), permissions.end(), permission);
  }
};

// The part of the data a caller may see, applied inside store queries.
struct DataScope {
  enum class Kind {
    All,           // the platform operator
    Region,        // a government body: organisations whose region code starts with regionPrefix
    Organisation,  // a bank branch, provider or park: its own organisation only
    Enterprise,    // an enterprise: its own organisation and its own market entity (uscc)
  };
  Kind kind = Kind::Organisation;
  std::string regionPrefix;
  int64_t organisationId = 0;
  std::string uscc;
};

// 410800 (焦作市) covers every 4108xx code; 410871 (the zone) covers only itself.
inline std::string regionPrefix(std::string_view code) {
  std::string prefix(code);
  while (prefix.size() > 2 && prefix.ends_with("00")) prefix.resize(prefix.size() - 2);
  return prefix;
}

inline DataScope scopeOf(const Principal& p) {
  DataScope s;
  s.organisationId = p.organisationId;
  if (p.orgKind == OrgKind::Operator) s.kind = DataScope::Kind::All;
  else if (p.orgKind == OrgKind::Government) {
    s.kind = DataScope::Kind::Region;
    s.regionPrefix = regionPrefix(p.regionCode);
  } else if (p.orgKind == OrgKind::Enterprise) {
    s.kind = DataScope::Kind::Enterprise;
    s.uscc = p.uscc.value_or("");
  }
  return s;
}

}  // namespace jinfu::auth
