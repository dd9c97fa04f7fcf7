#pragma once
// Applications, their timeline and the commands on them as the API sends and reads them.
#include <vector>

#include <nlohmann/json.hpp>

#include "finance/application/application_store.hpp"
#include "finance/oversight/oversight_service.hpp"

namespace jinfu::finance {

nlohmann::json applicationJson(const ApplicationRow& a, const OversightService::Clocked& clock);
nlohmann::json timelineJson(const std::vector<EventRow>& events);
nlohmann::json commandsJson(const std::vector<Command>& commands);  // [{code, zh}]
// A bank's command (POST …/commands): 422 naming every bad field.
CommandInput readBankCommand(const nlohmann::json& body);
// An enterprise's command (withdraw, materials): only an optional note.
CommandInput readEnterpriseCommand(Command command, const nlohmann::json& body);

}  // namespace jinfu::finance
