#pragma once
// The HTTP face of 信用画像 (docs/credit-api.md): the public active scorecard, scorecard versions
// for the operator, one enterprise's score for itself (or a consented bank, or a government credit
// officer in its region), score history and verification, and grade distributions with drift.
#include "platform/auth/consent.hpp"
#include "platform/fwd.hpp"

namespace jinfu {
namespace registry { class RegistryStore; }
}  // namespace jinfu

namespace jinfu::credit {

class CreditService;

void addRoutes(http::Router& router, CreditService& service, registry::RegistryStore& registry, audit::AuditLog& audit,
               auth::ConsentCheck consent);

}  // namespace jinfu::credit
