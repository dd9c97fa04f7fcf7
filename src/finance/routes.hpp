#pragma once
// The HTTP face of 融资对接 (docs/finance-api.md): products, matching, demands, claims,
// applications and their commands, the pipeline and the overdue list for the government, the
// time-limit settings. A bank's own system reaches the same routes with an API token.
#include "platform/fwd.hpp"

namespace jinfu::finance {

class Market;
class ConsentStore;

void addRoutes(http::Router& router, Market& market, ConsentStore& consents, audit::AuditLog& audit);

}  // namespace jinfu::finance
