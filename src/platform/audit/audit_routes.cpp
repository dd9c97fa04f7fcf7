#include "platform/audit/audit_routes.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

#include "platform/audit/actions.hpp"
#include "platform/http/envelope.hpp"
#include "platform/http/router.hpp"
#include "platform/text.hpp"

namespace jinfu::audit {
namespace {

using http::Request;
using http::Response;

constexpr int kMaxPage = 1'000'000;
constexpr size_t kMaxFilterBytes = 200;

template <class Int>
std::optional<Int> parseInt(const std::string& text, Int min, Int max) {
  Int value{};
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < min || value > max) return std::nullopt;
  return value;
}

nlohmann::json objectOrText(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  auto value = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  // Stored by AuditLog::append as an object; show anything else (a tampered row) as it is.
  return value.is_discarded() ? nlohmann::json(*text) : value;
}

nlohmann::json optionalId(const std::optional<int64_t>& id) { return id ? nlohmann::json(*id) : nlohmann::json(nullptr); }

// What the export was asked for, for the audit entry that records it.
nlohmann::json describe(const AuditLog::Filter& f) {
  nlohmann::json out = nlohmann::json::object();
  if (!f.user.empty()) out["user"] = f.user;
  if (f.organisationId) out["organisationId"] = *f.organisationId;
  if (!f.action.empty()) out["action"] = f.action;
  if (!f.objectType.empty()) out["objectType"] = f.objectType;
  if (!f.objectId.empty()) out["objectId"] = f.objectId;
  if (!f.outcome.empty()) out["outcome"] = f.outcome;
  if (f.from) out["from"] = f.from->toString();
  if (f.to) out["to"] = f.to->toString();
  return out;
}

}  // namespace

Query parseQuery(const Request& req) {
  Query q;
  std::vector<FieldError> errors;
  if (auto v = req.queryValue("page")) {
    if (auto n = parseInt<int>(*v, 1, kMaxPage)) q.page = *n;
    else errors.push_back({"page", {"应为 1 到 1000000 之间的整数。", "Must be an integer from 1 to 1000000."}});
  }
  if (auto v = req.queryValue("pageSize")) {
    if (auto n = parseInt<int>(*v, 1, AuditLog::kMaxPageSize)) q.pageSize = *n;
    else errors.push_back({"pageSize", {"应为 1 到 100 之间的整数。", "Must be an integer from 1 to 100."}});
  }
  if (auto v = req.queryValue("organisationId")) {
    if (auto n = parseInt<int64_t>(*v, 1, INT64_MAX)) q.filter.organisationId = *n;
    else errors.push_back({"organisationId", {"应为正整数。", "Must be a positive integer."}});
  }
  if (auto v = req.queryValue("outcome"); v && !v->empty()) {
    if (*v == "success" || *v == "failure" || *v == "denied") q.filter.outcome = *v;
    else
      errors.push_back({"outcome", {"应为 success、failure 或 denied。", "Must be success, failure or denied."}});
  }
  for (const char* name : {"from", "to"}) {
    if (auto v = req.queryValue(name); v && !v->empty()) {
      if (auto d = Date::parse(*v)) (std::string(name) == "from" ? q.filter.from : q.filter.to) = d;
      else errors.push_back({name, {"应为 YYYY-MM-DD 格式的有效日期。", "Must be a valid date as YYYY-MM-DD."}});
    }
  }
  if (q.filter.from && q.filter.to && *q.filter.from > *q.filter.to)
    errors.push_back({"to", {"结束日期不能早于开始日期。", "Must not be before from."}});
  struct TextFilter {
    const char* name;
    std::string AuditLog::Filter::*field;
  };
  for (auto [name, field] : {TextFilter{"user", &AuditLog::Filter::user}, TextFilter{"action", &AuditLog::Filter::action},
                             TextFilter{"objectType", &AuditLog::Filter::objectType},
                             TextFilter{"objectId", &AuditLog::Filter::objectId}}) {
    auto v = req.queryValue(name);
    if (!v) continue;
    if (v->size() > kMaxFilterBytes || !text::isValidUtf8(*v))
      errors.push_back({name, {"应为不超过 200 字节的文本。", "Must be text of at most 200 bytes."}});
    else q.filter.*field = *v;
  }
  if (!errors.empty())
    throw ApiError::badRequest("invalid_query_parameter", {"查询参数格式不正确。", "A query parameter is malformed."},
                               std::move(errors));
  return q;
}

nlohmann::json toJson(const StoredEntry& e) {
  const Content& c = e.content;
  return {{"id", e.id},
          {"at", c.at},
          {"requestId", c.requestId},
          {"userId", optionalId(c.userId)},
          {"username", c.username},
          {"organisationId", optionalId(c.organisationId)},
          {"organisationName", c.organisationName},
          {"tokenId", optionalId(c.tokenId)},
          {"action", c.action},
          {"objectType", c.objectType},
          {"objectId", c.objectId},
          {"outcome", c.outcome},
          {"ip", c.ip},
          {"userAgent", c.userAgent},
          {"before", objectOrText(c.beforeJson)},
          {"after", objectOrText(c.afterJson)},
          {"detail", c.detail}};
}

void addRoutes(http::Router& router, AuditLog& log) {
  router.add({"GET", "/api/v1/audit", "audit.read", "查询审计日志（按用户、机构、操作、对象、结果、日期筛选）",
              [&log](Request& req) {
                Query q = parseQuery(req);
                auto page = log.search(auth::scopeOf(req.caller()), q.filter, q.page, q.pageSize);
                return Response::json(http::pageJson(page, [](const StoredEntry& e) { return toJson(e); }));
              }});

  router.add({"GET", "/api/v1/audit/export", "audit.export", "导出审计日志为 Excel（最多 100000 条）",
              [&log](Request& req) {
                Query q = parseQuery(req);
                auto exported = log.exportXlsx(auth::scopeOf(req.caller()), q.filter);
                nlohmann::json detail = {{"filter", describe(q.filter)}, {"rows", exported.rows}};
                if (exported.truncated) detail["truncated"] = true;
                // Who took a copy of the trail is itself part of the trail.
                log.record(actorOf(req), {std::string(action::kAuditExport), "success", "audit_log", "",
                                          std::nullopt, std::nullopt,
                                          detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
                return http::xlsxDownload(std::move(exported.bytes), exported.fileName);
              }});
}

}  // namespace jinfu::audit
