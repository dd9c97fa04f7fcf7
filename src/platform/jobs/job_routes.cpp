#include <nlohmann/json.hpp>

#include "platform/auth/permissions.hpp"
#include "platform/errors.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/jobs.hpp"

namespace jinfu::jobs {
namespace {

// The operator follows everyone's jobs; anyone else only their own.
bool everyone(const http::Request& req) { return auth::scopeOf(req.caller()).kind == auth::DataScope::Kind::All; }

ApiError jobMissing() {
  return ApiError::notFound({"没有这个任务，或任务已结束超过一小时。", "No such job, or it finished over an hour ago."});
}

}  // namespace

void addRoutes(http::Router& router, Runner& runner) {
  router.add({"GET", "/api/v1/jobs", std::string(auth::perm::kSelf), "我的后台任务（导入等；结束一小时内）",
              [&runner](http::Request& req) {
                nlohmann::json items = nlohmann::json::array();
                for (const auto& job : runner.list(req.caller().userId, everyone(req))) items.push_back(job.toJson());
                return http::Response::json({{"items", items}});
              }});
  router.add({"GET", "/api/v1/jobs/{id}", std::string(auth::perm::kSelf), "查看后台任务的进度与结果",
              [&runner](http::Request& req) {
                auto job = runner.get(req.param("id"), req.caller().userId, everyone(req));
                if (!job) throw jobMissing();
                return http::Response::json(job->toJson());
              }});
  router.add({"POST", "/api/v1/jobs/{id}/cancel", std::string(auth::perm::kSelf),
              "取消排队或进行中的后台任务（已写入的内容全部撤回）", [&runner](http::Request& req) {
                auto job = runner.cancel(req.param("id"), req.caller().userId, everyone(req));
                if (!job) throw jobMissing();
                return http::Response::json(job->toJson(), 202);
              }});
}

}  // namespace jinfu::jobs
