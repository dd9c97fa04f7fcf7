#pragma once
// Demands as the API sends them.
#include <nlohmann/json.hpp>

#include "finance/demand/demand_store.hpp"
#include "finance/oversight/oversight_service.hpp"

namespace jinfu::finance {

nlohmann::json demandJson(const DemandRow& d, const OversightService::Clocked& clock);

}  // namespace jinfu::finance
