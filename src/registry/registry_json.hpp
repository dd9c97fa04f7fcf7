#pragma once
// Enterprises, banks and the platform summary as the API sends them, and the rows of the
// enterprise export (docs/registry-api.md).
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/xlsx.hpp"
#include "registry/registry_store.hpp"

namespace jinfu::registry {

nlohmann::json summaryJson(const Summary& s);
nlohmann::json banksJson(const std::vector<RegistryStore::Bank>& banks);  // {items}
// One row of the search.
nlohmann::json enterpriseListJson(const EnterpriseRecord& e);
// The full record; personal data (法定代表人, 联系人, 联系电话) masked unless `full`.
nlohmann::json enterpriseJson(const EnterpriseRecord& e, bool full);
// The filter as the export's audit entry records it: only what was set.
nlohmann::json filterJson(const EnterpriseFilter& f);

// The export workbook's columns, and one enterprise as a row of it.
std::vector<xlsx::Column> exportColumns();
std::vector<std::string> exportRow(const EnterpriseRecord& e);

}  // namespace jinfu::registry
