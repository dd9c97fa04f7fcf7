#pragma once
// JSON shapes of the audit trail (docs/identity-api.md), for its routes.
#include <nlohmann/json_fwd.hpp>

#include "platform/audit/audit_log.hpp"

namespace jinfu::audit {

// An AuditEntry as the API shows it; before/after as JSON objects.
nlohmann::json toJson(const StoredEntry& entry);

// What a search or an export was asked for: the filters set, for the audit entry of an export.
nlohmann::json filterJson(const AuditLog::Filter& filter);

}  // namespace jinfu::audit
