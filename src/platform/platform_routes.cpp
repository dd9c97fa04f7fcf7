// The platform's own routes as tables of named handlers: liveness, readiness and metrics, and the
// reference tools (the JSON is reference_json's).
#include "platform/platform_routes.hpp"

#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "platform/calendar.hpp"
#include "platform/db/database.hpp"
#include "platform/dictionary.hpp"
#include "platform/embedded.hpp"
#include "platform/errors.hpp"
#include "platform/http/fields.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"
#include "platform/reference_json.hpp"

namespace jinfu {
namespace {

using http::Request;
using http::Response;

constexpr size_t kMaxCodesPerRequest = 1000;
constexpr int kMaxWorkdays = 3650;

// ---- liveness, readiness, metrics ----

struct Platform {
  db::Database& db;
  http::Metrics& metrics;
};

std::string poolGauges(db::Database& db) {
  auto s = db.stats();
  return fmt::format(
      "# HELP jinfu_db_pool_connections Database connections in the pool.\n"
      "# TYPE jinfu_db_pool_connections gauge\njinfu_db_pool_connections {}\n"
      "# HELP jinfu_db_pool_in_use Database connections lent out now.\n"
      "# TYPE jinfu_db_pool_in_use gauge\njinfu_db_pool_in_use {}\n"
      "# HELP jinfu_db_pool_leases_total Connections lent out since start.\n"
      "# TYPE jinfu_db_pool_leases_total counter\njinfu_db_pool_leases_total {}\n"
      "# HELP jinfu_db_pool_timeouts_total Callers that gave up waiting for a connection.\n"
      "# TYPE jinfu_db_pool_timeouts_total counter\njinfu_db_pool_timeouts_total {}\n"
      "# HELP jinfu_db_pool_wait_seconds_total Time spent waiting for a connection.\n"
      "# TYPE jinfu_db_pool_wait_seconds_total counter\njinfu_db_pool_wait_seconds_total {:.6f}\n",
      s.size, s.inUse, s.leases, s.timeouts, s.waitSeconds);
}

Response healthz(Platform&, Request&) { return Response::json({{"status", "ok"}}); }

// The API description the developer portal (/developers) renders: docs/openapi.yaml as JSON,
// carried in the binary (see CMakeLists.txt).
Response openApi(Platform&, Request&) {
  auto doc = embedded::find("openapi.json");
  if (!doc) throw ApiError::notFound({"接口说明缺失。", "The API description is missing."});
  Response res = Response::text(std::string(*doc), "application/json; charset=utf-8");
  res.headers.emplace_back("Cache-Control", "no-cache");
  return res;
}

Response readyz(Platform& p, Request&) {
  if (!p.db.ping()) throw ApiError::unavailable({"数据库不可用。", "The database is not reachable."});
  return Response::json({{"status", "ready"}});
}

Response renderMetrics(Platform& p, Request&) {
  return Response::text(p.metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
}

// ---- reference tools ----

struct Reference {
  const WorkCalendar& calendar;
};

// The codes are the same for everyone and change only with a release.
Response cacheable(Response r) {
  r.headers.emplace_back("Cache-Control", "public, max-age=300");
  return r;
}

// The body's `codes`: an array of at most kMaxCodesPerRequest strings, 422 naming each that is not.
const nlohmann::json& readCodes(const nlohmann::json& body) {
  auto codes = body.find("codes");
  if (codes == body.end() || !codes->is_array())
    throw ApiError::validation({{"codes", {"应为字符串数组。", "Must be an array of strings."}}});
  if (codes->size() > kMaxCodesPerRequest)
    throw ApiError::validation({{"codes", {"一次最多校验 " + std::to_string(kMaxCodesPerRequest) + " 个代码。",
                                           "At most " + std::to_string(kMaxCodesPerRequest) + " codes per request."}}});
  std::vector<FieldError> errors;
  for (size_t i = 0; i < codes->size(); ++i)
    if (!(*codes)[i].is_string())
      errors.push_back({"codes[" + std::to_string(i) + "]", {"应为字符串。", "Must be a string."}});
  if (!errors.empty()) throw ApiError::validation(std::move(errors));
  return *codes;
}

Response validateUscc(Reference&, Request& req) {
  auto body = req.jsonBody();
  auto results = nlohmann::json::array();
  for (const auto& item : readCodes(body)) results.push_back(usccCheckJson(item.get_ref<const std::string&>(), req.lang));
  return Response::json({{"results", std::move(results)}});
}

Response dictionaries(Reference&, Request&) {
  return cacheable(Response::json({{"dictionaries", dictionariesJson()}}));
}

Response dictionary(Reference&, Request& req) {
  const auto* d = dict::dictionary(req.param("name"));
  if (!d) throw ApiError::notFound({"没有这个数据字典。", "There is no such dictionary."});
  return cacheable(Response::json(dictionaryJson(*d)));
}

// addWorkdays, when sent: an integer from -kMaxWorkdays to kMaxWorkdays (sent empty is refused too).
std::optional<int> readAddWorkdays(const Request& req) {
  auto sent = req.queryValue("addWorkdays");
  if (!sent) return std::nullopt;
  http::QueryReader q(req);
  auto n = q.integer("addWorkdays", -kMaxWorkdays, kMaxWorkdays);
  if (sent->empty())
    q.fail("addWorkdays", {fmt::format("应为 {} 到 {} 之间的整数。", -kMaxWorkdays, kMaxWorkdays),
                           fmt::format("Must be an integer from {} to {}.", -kMaxWorkdays, kMaxWorkdays)});
  q.check();
  return static_cast<int>(*n);
}

Response calendarDay(Reference& r, Request& req) {
  Date date = *Date::parse(req.param("date"));
  auto day = dayJson(r.calendar, date);
  if (auto n = readAddWorkdays(req)) {
    Date result = r.calendar.addWorkdays(date, *n);
    if (result.year() < 1 || result.year() > 9999)
      throw ApiError::badRequest(
          "invalid_query_parameter", {"推算结果超出公历 1–9999 年。", "The result falls outside years 1–9999."},
          {{"addWorkdays", {"推算结果超出公历 1–9999 年。", "The result falls outside years 1–9999."}}});
    day["addWorkdays"] = *n;
    day["result"] = result.toString();
  }
  return Response::json(day);
}

}  // namespace

void addPlatformRoutes(http::Router& router, db::Database& db, http::Metrics& metrics) {
  metrics.addSource([&db] { return poolGauges(db); });
  // Liveness and metrics answer on the I/O thread: alive means answering, even with every worker busy.
  const bool ioThread = true;
  http::addRoutes<Platform>(router, std::make_shared<Platform>(Platform{db, metrics}), {
      {"GET", "/healthz", http::kPublic, "存活检查：进程在运行", healthz, 0, 0, false, ioThread},
      {"GET", "/readyz", http::kPublic, "就绪检查：数据库可用", readyz},
      {"GET", "/metrics", http::kPublic, "Prometheus 指标", renderMetrics, 0, 0, false, ioThread},
      {"GET", "/api/v1/openapi.json", http::kPublic, "接口说明（OpenAPI 3.1，JSON），开发者门户 /developers 据此展示",
       openApi},
  });
}

void addReferenceRoutes(http::Router& router, const WorkCalendar& calendar) {
  http::addRoutes<Reference>(router, std::make_shared<Reference>(Reference{calendar}), {
      {"POST", "/api/v1/uscc/validate", http::kPublic, "批量校验统一社会信用代码", validateUscc},
      {"GET", "/api/v1/dictionaries", http::kPublic, "数据字典：全部枚举的代码、中文名称与标签颜色", dictionaries},
      {"GET", "/api/v1/dictionaries/{name}", http::kPublic, "数据字典：按名称查询一个字典", dictionary},
      {"GET", "/api/v1/calendar/{date:date}", http::kPublic, "查询某日是否为工作日，并可推算若干个工作日之后的日期",
       calendarDay},
  });
}

}  // namespace jinfu
