#pragma once
// The HTTP face of 信用画像 (docs/credit-api.md): the public active scorecard, scorecard versions
// for the operator, one enterprise's score for itself (or a consented bank, or a government credit
// officer in its region), score history and verification, and grade distributions with drift.
#include <cstdint>
#include <functional>
#include <string_view>

namespace jinfu {
namespace http { class Router; }
namespace audit { class AuditLog; }
}  // namespace jinfu

namespace jinfu::credit {

class CreditService;

// Whether the enterprise's live consent lets the bank `orgId` read `scope` now (数据授权, wired in
// by the app from the finance capability).
using ConsentCheck = std::function<bool(int64_t enterpriseId, int64_t orgId, std::string_view scope)>;

void addRoutes(http::Router& router, CreditService& service, audit::AuditLog& audit, ConsentCheck consent);

}  // namespace jinfu::credit
