#pragma once
// What the route tables of 融资对接 share: the context every handler gets, and the two checks of
// who is calling that several use cases start with. Only *_routes.cpp include this.
#include <cstdint>
#include <memory>

#include "finance/market.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/http/message.hpp"
#include "platform/fwd.hpp"

namespace jinfu::finance {

class ConsentStore;

struct Http {
  Market& market;
  ConsentStore& consents;
  audit::AuditLog& audit;
};

// The caller as the services take it: the principal, and the principal as the audit trail names
// it (kept alive by the caller's scope: `auto actor = audit::actorOf(req); Acting a{…, actor}`).
inline Acting acting(const http::Request& req, const audit::Actor& actor) { return {req.caller(), actor}; }

// The caller's own registered enterprise, or 403 enterprise_only (audited as a denied access).
int64_t requireOwnEnterprise(Http& h, const http::Request& req);
// 403 bank_only with `what` ("只有银行可以接单。") unless the caller is a bank.
void requireBank(const http::Request& req, const char* zh, const char* en);

void addProductRoutes(http::Router& router, const std::shared_ptr<Http>& h);
void addDemandRoutes(http::Router& router, const std::shared_ptr<Http>& h);
void addApplicationRoutes(http::Router& router, const std::shared_ptr<Http>& h);
void addOversightRoutes(http::Router& router, const std::shared_ptr<Http>& h);

}  // namespace jinfu::finance
