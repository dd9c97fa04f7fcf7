// The audit trail over HTTP: a table of named handlers; the JSON is audit_json's.
#include "platform/audit/audit_routes.hpp"

#include <memory>

#include <nlohmann/json.hpp>

#include "platform/audit/actions.hpp"
#include "platform/http/envelope.hpp"
#include "platform/http/fields.hpp"
#include "platform/http/router.hpp"

namespace jinfu::audit {
namespace {

using http::Request;
using http::Response;

constexpr size_t kMaxFilterChars = 200;

struct Http {
  AuditLog& log;
};

Response search(Http& h, Request& req) {
  Query q = parseQuery(req);
  auto page = h.log.search(auth::scopeOf(req.caller()), q.filter, q.page, q.pageSize);
  return Response::json(http::pageJson(page, [](const StoredEntry& e) { return toJson(e); }));
}

Response exportXlsx(Http& h, Request& req) {
  Query q = parseQuery(req);
  auto exported = h.log.exportXlsx(auth::scopeOf(req.caller()), q.filter);
  nlohmann::json detail = {{"filter", filterJson(q.filter)}, {"rows", exported.rows}};
  if (exported.truncated) detail["truncated"] = true;
  // Who took a copy of the trail is itself part of the trail.
  h.log.record(actorOf(req), {std::string(action::kAuditExport), "success", "audit_log", "", std::nullopt,
                              std::nullopt, detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
  return http::xlsxDownload(std::move(exported.bytes), "审计日志-" + exported.day + ".xlsx", exported.fileName);
}

}  // namespace

Query parseQuery(const Request& req) {
  http::QueryReader r(req);
  Query q;
  auto paging = r.paging();
  q.page = paging.page;
  q.pageSize = paging.pageSize;
  auto& f = q.filter;
  f.organisationId = r.id("organisationId");
  f.outcome = r.oneOf("outcome", {"success", "failure", "denied"}).value_or("");
  f.from = r.date("from");
  f.to = r.date("to");
  if (f.from && f.to && *f.from > *f.to) r.fail("to", {"结束日期不能早于开始日期。", "Must not be before from."});
  f.user = r.text("user", kMaxFilterChars).value_or("");
  f.action = r.text("action", kMaxFilterChars).value_or("");
  f.objectType = r.text("objectType", kMaxFilterChars).value_or("");
  f.objectId = r.text("objectId", kMaxFilterChars).value_or("");
  r.check();
  return q;
}

void addRoutes(http::Router& router, AuditLog& log) {
  http::addRoutes<Http>(router, std::make_shared<Http>(Http{log}), {
      {"GET", "/api/v1/audit", "audit.read", "查询审计日志（按用户、机构、操作、对象、结果、日期筛选）", search},
      {"GET", "/api/v1/audit/export", "audit.export", "导出审计日志为 Excel（最多 100000 条）", exportXlsx},
  });
}

}  // namespace jinfu::audit
