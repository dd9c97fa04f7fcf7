#pragma once
// Who may provide each category of the catalogue (提供部门). Facts move credit scores, so a
// department delivers only the categories that are its business: the tax bureau 纳税, the court
// 司法, and so on. By default a category is provided by the provider organisations whose names
// say they are the department its catalogue entry names (税务 for 纳税); the operator may name
// the departments of a category instead, and then exactly those may provide it. Pure, no I/O.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace jinfu::collect {

struct ProviderOrg {
  int64_t id = 0;
  std::string name;
};

// The words of a department's name that make it a default provider of the category.
const std::vector<std::string_view>& defaultProviderWords(std::string_view category);

// The providers of `category` among `providers` (organisations of kind provider): those the
// operator configured, when any; otherwise those the default words name. Ordered as `providers`.
std::vector<ProviderOrg> providersOf(std::string_view category, const std::vector<int64_t>& configured,
                                     const std::vector<ProviderOrg>& providers);

// Every category's providers, by code.
std::map<std::string, std::vector<ProviderOrg>> providersByCategory(
    const std::map<std::string, std::vector<int64_t>>& configured, const std::vector<ProviderOrg>& providers);

bool provides(const std::vector<ProviderOrg>& providersOfCategory, int64_t organisationId);

// "国家税务总局焦作市税务局、…", or "（未指定）" when nobody provides it.
std::string namesOf(const std::vector<ProviderOrg>& providersOfCategory);

}  // namespace jinfu::collect
