#pragma once
// Consents and the read log as the API sends them, and a grant as it reads it.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "finance/consent/consent_store.hpp"

namespace jinfu::finance {

nlohmann::json consentJson(const ConsentRow& r, const std::string& now);
nlohmann::json scopesJson();  // every scope a consent may cover, {code, zh}
nlohmann::json readJson(const ReadRow& r);
// POST /consents: 422 naming each field of the wrong type (the rules are checked by the service).
ConsentRequest readConsentRequest(const nlohmann::json& body);

}  // namespace jinfu::finance
