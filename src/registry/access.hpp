#pragma once
// Who may see an enterprise: a caller within its data scope (the enterprise itself, a government
// body of its region, the operator), or a bank holding the enterprise's live consent (数据授权)
// for what it reads. One place for the registry, collect and credit routes to ask.
#include <cstdint>
#include <optional>
#include <string_view>

#include "platform/auth/consent.hpp"
#include "platform/auth/principal.hpp"
#include "registry/registry_store.hpp"

namespace jinfu::audit { class AuditLog; struct Actor; }

namespace jinfu::registry {

// The enterprise as `caller` may read it, or nullopt when it is outside the caller's scope (the
// route answers 404). For a bank: the enterprise when `allowed(enterpriseId)` says a live consent
// covers what it reads; otherwise the refusal is audited (as `actor`) and 403 consent_required
// thrown, whether or not the enterprise exists.
std::optional<EnterpriseRecord> readableEnterprise(RegistryStore& store, const auth::Principal& caller, int64_t id,
                                                   const std::function<bool(int64_t)>& allowed,
                                                   std::string_view scopeZh, audit::AuditLog& audit,
                                                   const audit::Actor& actor);

// readableEnterprise, or 404 not_found; a successful read is recorded in the audit trail as
// enterprise.read with the USCC followed by `readZh` (what was read: "" for the profile).
EnterpriseRecord readEnterprise(RegistryStore& store, const auth::Principal& caller, int64_t id,
                                const std::function<bool(int64_t)>& allowed, std::string_view scopeZh,
                                audit::AuditLog& audit, const audit::Actor& actor, std::string_view readZh);

}  // namespace jinfu::registry
