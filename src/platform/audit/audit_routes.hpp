#pragma once
// GET /api/v1/audit and GET /api/v1/audit/export (docs/identity-api.md); the JSON is audit_json's.
#include "platform/audit/audit_json.hpp"
#include "platform/audit/audit_log.hpp"

namespace jinfu::http {
class Router;
struct Request;
}  // namespace jinfu::http

namespace jinfu::audit {

void addRoutes(http::Router& router, AuditLog& log);

// The query string of both routes. Throws ApiError 400 `invalid_query_parameter` with one
// error per bad field (page, pageSize, organisationId, outcome, from, to, text filters).
struct Query {
  AuditLog::Filter filter;
  int page = 1;
  int pageSize = 20;
};
Query parseQuery(const http::Request& request);

}  // namespace jinfu::audit
