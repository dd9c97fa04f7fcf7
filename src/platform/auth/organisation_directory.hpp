#pragma once
// What other capabilities may ask about organisations without reading identity's tables: a data
// provider named on a command line or in the demo files, the kind of a submitting organisation.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/fwd.hpp"

namespace jinfu::auth {

class OrganisationDirectory {
 public:
  // The provider with this id (all digits), full name or short name.
  static std::optional<int64_t> providerId(soci::session& s, std::string_view idOrName);
  // The kind of an organisation (provider, bank, …), if it exists.
  static std::optional<std::string> kindOf(soci::session& s, int64_t id);
  // Every provider (数据提供部门): id and full name, by id.
  static std::vector<std::pair<int64_t, std::string>> providers(soci::session& s);
};

}  // namespace jinfu::auth
