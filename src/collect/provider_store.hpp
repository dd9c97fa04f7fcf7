#pragma once
// The operator's choice of providers per category (table collect_category_providers), and the
// providers of a category as they stand now: that choice, or the catalogue's default.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "collect/providers.hpp"

namespace soci { class session; }

namespace jinfu::collect {

class ProviderStore {
 public:
  // Configured organisation ids by category; categories left to the default are absent.
  static std::map<std::string, std::vector<int64_t>> configured(soci::session& s);
  // Replaces the category's providers (inside the caller's transaction).
  static void set(soci::session& tx, const std::string& category, const std::vector<int64_t>& organisationIds);

  // Every category's providers now, given the operator's choice as configured() read it; and one
  // category's.
  static std::map<std::string, std::vector<ProviderOrg>> all(soci::session& s,
                                                            const std::map<std::string, std::vector<int64_t>>& chosen);
  static std::vector<ProviderOrg> of(soci::session& s, const std::string& category);
};

}  // namespace jinfu::collect
