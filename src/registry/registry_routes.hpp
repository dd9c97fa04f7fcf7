#pragma once
#include "platform/auth/consent.hpp"
#include "platform/fwd.hpp"

namespace jinfu::registry {
class RegistryStore;
// `consent` answers whether a bank may read an enterprise's data (数据授权).
void addRoutes(http::Router& router, RegistryStore& store, audit::AuditLog& audit, auth::ConsentCheck consent,
               auth::ConsentedEnterprises consented,
               const Clock& clock);
}  // namespace jinfu::registry
