#pragma once
// The HTTP face of 数据授权 (docs/finance-api.md): an enterprise consents to a bank reading its
// data for a scope and a period, revokes it, and reads who looked at its data; a bank lists the
// consents it holds.
#include <memory>

#include "platform/auth/consent.hpp"
#include "platform/fwd.hpp"

namespace jinfu::finance {

class ConsentStore;
class ConsentService;

void addConsentRoutes(http::Router& router, const std::shared_ptr<ConsentService>& service);

// Whether the bank `orgId` may read `scope` of the enterprise now: what the credit and collect
// routes ask before a bank reads anything.
auth::ConsentCheck consentCheck(ConsentStore& store, const Clock& clock);
auth::ConsentedEnterprises consentedEnterprises(ConsentStore& store, const Clock& clock);

}  // namespace jinfu::finance
