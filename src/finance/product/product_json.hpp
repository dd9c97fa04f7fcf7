#pragma once
// Products and matching results as the API sends them (docs/finance-api.md). Codes come with
// their Chinese names from the one dictionary of each list.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "finance/product/product_service.hpp"

namespace jinfu::finance {

nlohmann::json named(const std::vector<Named>& list);  // [{code, zh}]
nlohmann::json codesWithNames(const std::vector<std::string>& codes, const std::vector<Named>& list);
nlohmann::json productJson(const ProductRow& p, Date today);
nlohmann::json matchingJson(const Matching& m, Date today);

}  // namespace jinfu::finance
