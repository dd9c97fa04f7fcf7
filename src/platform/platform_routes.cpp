#include "platform/platform_routes.hpp"

#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "platform/calendar.hpp"
#include "platform/db/database.hpp"
#include "platform/dictionary.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"
#include "platform/uscc.hpp"

namespace jinfu {

using http::Request;
using http::Response;

void addPlatformRoutes(http::Router& router, db::Database& db, http::Metrics& metrics) {
  metrics.addSource([&db] {
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
  });

  http::Route healthz{"GET", "/healthz", std::string(http::kPublic), "存活检查：进程在运行",
                      [](Request&) { return Response::json({{"status", "ok"}}); }};
  healthz.onIoThread = true;  // alive means answering, even with every worker busy
  router.add(std::move(healthz));
  router.add({"GET", "/readyz", std::string(http::kPublic), "就绪检查：数据库可用",
              [&db](Request&) {
                if (!db.ping())
                  throw ApiError::unavailable({"数据库不可用。", "The database is not reachable."});
                return Response::json({{"status", "ready"}});
              }});
  http::Route metricsRoute{"GET", "/metrics", std::string(http::kPublic), "Prometheus 指标",
                           [&metrics](Request&) {
                             return Response::text(metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
                           }};
  metricsRoute.onIoThread = true;
  router.add(std::move(metricsRoute));
}

namespace {

constexpr size_t kMaxCodesPerRequest = 1000;

const char* kindName(DayKind kind) {
  switch (kind) {
    case DayKind::kWeekday: return "weekday";
    case DayKind::kWeekend: return "weekend";
    case DayKind::kHoliday: return "holiday";
    case DayKind::kAdjustedWorkday: return "adjusted-workday";
  }
  return "weekday";
}

nlohmann::json entriesJson(const dict::Dictionary& d) {
  auto out = nlohmann::json::array();
  for (const auto& e : d.entries)
    out.push_back({{"value", std::string(e.value)}, {"label", std::string(e.label)}, {"tag", std::string(e.tag)}});
  return out;
}

// The codes are the same for everyone and change only with a release.
Response cacheable(Response r) {
  r.headers.emplace_back("Cache-Control", "public, max-age=300");
  return r;
}

nlohmann::json describeDay(const WorkCalendar& calendar, Date date) {
  auto name = calendar.holidayName(date);
  return {{"date", date.toString()},
          {"workday", calendar.isWorkday(date)},
          {"kind", kindName(calendar.kind(date))},
          {"name", name.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::string(name))},
          {"inSchedule", calendar.covers(date.year())}};
}

}  // namespace

void addReferenceRoutes(http::Router& router, const WorkCalendar& calendar) {
  router.add({"POST", "/api/v1/uscc/validate", std::string(http::kPublic), "批量校验统一社会信用代码",
              [](Request& req) {
                auto body = req.jsonBody();
                auto codes = body.find("codes");
                if (codes == body.end() || !codes->is_array())
                  throw ApiError::validation({{"codes", {"应为字符串数组。", "Must be an array of strings."}}});
                if (codes->size() > kMaxCodesPerRequest)
                  throw ApiError::validation(
                      {{"codes", {"一次最多校验 " + std::to_string(kMaxCodesPerRequest) + " 个代码。",
                                  "At most " + std::to_string(kMaxCodesPerRequest) + " codes per request."}}});
                std::vector<FieldError> errors;
                for (size_t i = 0; i < codes->size(); ++i)
                  if (!(*codes)[i].is_string())
                    errors.push_back({"codes[" + std::to_string(i) + "]", {"应为字符串。", "Must be a string."}});
                if (!errors.empty()) throw ApiError::validation(std::move(errors));
                auto results = nlohmann::json::array();
                for (const auto& item : *codes) {
                  const auto& raw = item.get_ref<const std::string&>();
                  auto parsed = Uscc::parse(raw);
                  nlohmann::json r = {{"input", raw}, {"code", Uscc::normalise(raw)}, {"valid", parsed.ok()}};
                  if (parsed.ok()) {
                    r["reason"] = nullptr;
                    r["description"] = parsed.value().describeZh();
                  } else {
                    r["reason"] = req.lang == Lang::En ? parsed.issue().reasonEn : parsed.issue().reasonZh;
                    r["position"] = parsed.issue().position;
                  }
                  results.push_back(std::move(r));
                }
                return Response::json({{"results", std::move(results)}});
              }});

  router.add({"GET", "/api/v1/dictionaries", std::string(http::kPublic), "数据字典：全部枚举的代码、中文名称与标签颜色",
              [](Request&) {
                auto out = nlohmann::json::object();
                for (const auto& d : dict::all()) out[std::string(d.name)] = entriesJson(d);
                return cacheable(Response::json({{"dictionaries", std::move(out)}}));
              }});
  router.add({"GET", "/api/v1/dictionaries/{name}", std::string(http::kPublic), "数据字典：按名称查询一个字典",
              [](Request& req) {
                const auto* d = dict::dictionary(req.param("name"));
                if (!d)
                  throw ApiError::notFound({"没有这个数据字典。", "There is no such dictionary."});
                return cacheable(Response::json({{"name", std::string(d->name)}, {"entries", entriesJson(*d)}}));
              }});

  router.add({"GET", "/api/v1/calendar/{date:date}", std::string(http::kPublic),
              "查询某日是否为工作日，并可推算若干个工作日之后的日期",
              [&calendar](Request& req) {
                Date date = *Date::parse(req.param("date"));
                auto day = describeDay(calendar, date);
                if (auto add = req.queryValue("addWorkdays")) {
                  int n = 0;
                  auto [ptr, ec] = std::from_chars(add->data(), add->data() + add->size(), n);
                  if (ec != std::errc() || ptr != add->data() + add->size() || n < -3650 || n > 3650)
                    throw ApiError::badRequest(
                        "invalid_query_parameter", {"查询参数格式不正确。", "A query parameter is malformed."},
                        {{"addWorkdays", {"应为 -3650 到 3650 之间的整数。", "Must be an integer from -3650 to 3650."}}});
                  Date result = calendar.addWorkdays(date, n);
                  if (result.year() < 1 || result.year() > 9999)
                    throw ApiError::badRequest(
                        "invalid_query_parameter", {"推算结果超出公历 1–9999 年。", "The result falls outside years 1–9999."},
                        {{"addWorkdays", {"推算结果超出公历 1–9999 年。", "The result falls outside years 1–9999."}}});
                  day["addWorkdays"] = n;
                  day["result"] = result.toString();
                }
                return Response::json(day);
              }});
}

}  // namespace jinfu
