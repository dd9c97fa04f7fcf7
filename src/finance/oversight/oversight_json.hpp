#pragma once
// Clocks, overdue marks, the funnel and the time limits as the API sends and reads them.
#include <nlohmann/json.hpp>

#include "finance/oversight/oversight_service.hpp"

namespace jinfu::finance {

nlohmann::json clockJson(const OversightService::Clocked& c);  // null when no clock runs
nlohmann::json overdueJson(const OverdueRow& o);
nlohmann::json funnelJson(const Funnel& f);
nlohmann::json limitsJson(const TimeLimits& l);
// The time limits a PUT changes, on top of `was`; 422 naming each unknown key or bad value.
TimeLimits readLimits(const nlohmann::json& body, const TimeLimits& was);
nlohmann::json sweepJson(const SweepReport& r);

}  // namespace jinfu::finance
