// Background jobs over HTTP: a table of named handlers; a job's JSON is Job::toJson.
#include <memory>

#include <nlohmann/json.hpp>

#include "platform/auth/permissions.hpp"
#include "platform/errors.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/jobs.hpp"

namespace jinfu::jobs {
namespace {

using http::Request;
using http::Response;

struct Http {
  Runner& runner;
};

// The operator follows everyone's jobs; anyone else only their own.
bool everyone(const Request& req) { return auth::scopeOf(req.caller()).kind == auth::DataScope::Kind::All; }

ApiError jobMissing() {
  return ApiError::notFound({"没有这个任务，或任务已结束超过一小时。", "No such job, or it finished over an hour ago."});
}

Response list(Http& h, Request& req) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& job : h.runner.list(req.caller().userId, everyone(req))) items.push_back(job.toJson());
  return Response::json({{"items", items}});
}

Response get(Http& h, Request& req) {
  auto job = h.runner.get(req.param("id"), req.caller().userId, everyone(req));
  if (!job) throw jobMissing();
  return Response::json(job->toJson());
}

Response cancel(Http& h, Request& req) {
  auto job = h.runner.cancel(req.param("id"), req.caller().userId, everyone(req));
  if (!job) throw jobMissing();
  return Response::json(job->toJson(), 202);
}

}  // namespace

void addRoutes(http::Router& router, Runner& runner) {
  using auth::perm::kSelf;
  http::addRoutes<Http>(router, std::make_shared<Http>(Http{runner}), {
      {"GET", "/api/v1/jobs", kSelf, "我的后台任务（导入等；结束一小时内）", list},
      {"GET", "/api/v1/jobs/{id}", kSelf, "查看后台任务的进度与结果", get},
      {"POST", "/api/v1/jobs/{id}/cancel", kSelf, "取消排队或进行中的后台任务（已写入的内容全部撤回）", cancel},
  });
}

}  // namespace jinfu::jobs
