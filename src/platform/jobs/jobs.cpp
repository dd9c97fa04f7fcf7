#include "platform/jobs/jobs.hpp"
#include "platform/json.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>

#include "platform/auth/secrets.hpp"
#include "platform/clock.hpp"
#include "platform/errors.hpp"

namespace jinfu::jobs {
namespace {

constexpr auto kKeepFinished = std::chrono::hours(1);
constexpr size_t kMaxKept = 1000;

nlohmann::json problemOf(const ApiError& e) {
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& f : e.errors()) errors.push_back({{"field", f.field}, {"message", f.message.zh}});
  nlohmann::json p = {{"type", "urn:jinfu:problem:" + e.code()},
                      {"status", e.status()},
                      {"code", e.code()},
                      {"title", e.title().zh},
                      {"detail", e.detail().zh}};
  if (!errors.empty()) p["errors"] = errors;
  return p;
}

}  // namespace

nlohmann::json Snapshot::toJson() const {
  nlohmann::json percent = nullptr;
  if (status == "succeeded") percent = 100;
  else if (total && *total > 0) percent = std::min<int64_t>(99, done * 100 / *total);
  return {{"id", id},
          {"kind", kind},
          {"status", status},
          {"done", done},
          {"total", orNull(total)},
          {"unit", unit},
          {"percent", percent},
          {"cancelRequested", cancelRequested},
          {"result", result},
          {"problem", problem},
          {"createdAt", createdAt},
          {"startedAt", orNull(startedAt)},
          {"finishedAt", orNull(finishedAt)}};
}

struct Progress::State {
  mutable std::mutex mutex;  // guards snap
  Snapshot snap;
  std::atomic<bool> cancel{false};
  Runner::Work work;  // released once run, with whatever it holds (an upload's bytes)
  std::chrono::steady_clock::time_point finished;

  Snapshot copy() const {
    std::lock_guard lock(mutex);
    return snap;
  }
};

void Progress::report(int64_t done, std::optional<int64_t> total) {
  if (state_->cancel.load(std::memory_order_relaxed)) throw Cancelled();
  std::lock_guard lock(state_->mutex);
  state_->snap.done = done;
  if (total) state_->snap.total = *total;
}

struct Runner::Impl {
  const Clock& clock;
  size_t queueLimit;
  mutable std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  std::deque<std::shared_ptr<Progress::State>> queue;
  std::map<std::string, std::shared_ptr<Progress::State>> jobs;
  std::vector<std::thread> threads;

  Impl(const Clock& c, size_t limit) : clock(c), queueLimit(limit) {}

  std::string now() const { return rfc3339Shanghai(clock.now()); }

  void loop() {
    for (;;) {
      std::shared_ptr<Progress::State> job;
      {
        std::unique_lock lock(mutex);
        wake.wait(lock, [&] { return stopping || !queue.empty(); });
        if (queue.empty()) return;  // stopping, nothing left
        job = queue.front();
        queue.pop_front();
      }
      run(*job, job);
    }
  }

  void run(Progress::State& s, const std::shared_ptr<Progress::State>& shared) {
    {
      std::lock_guard lock(s.mutex);
      s.snap.status = "running";
      s.snap.startedAt = now();
    }
    Progress progress(shared);
    std::string status = "succeeded";
    nlohmann::json result, problem;
    try {
      if (s.cancel) throw Cancelled();
      result = s.work(progress);
    } catch (const Cancelled&) {
      status = "cancelled";
      problem = problemOf(ApiError(409, "job_cancelled", {"任务已取消", "Job cancelled"},
                                   {"任务已按要求停止，已写入的内容全部撤回。",
                                    "The job stopped as asked; whatever it had written was taken back."}));
    } catch (const ApiError& e) {
      status = "failed";
      problem = problemOf(e);
    } catch (const std::exception& e) {
      spdlog::error("job {} ({}) failed: {}", s.snap.id, s.snap.kind, e.what());
      status = "failed";
      problem = problemOf(ApiError(500, "internal_error", statusTitle(500),
                                   {"任务因内部错误中止，请将任务编号 " + s.snap.id + " 告知管理员。",
                                    "The job stopped on an internal error; quote job " + s.snap.id + " to the operator."}));
    }
    s.work = nullptr;
    std::lock_guard lock(s.mutex);
    s.snap.status = status;
    s.snap.result = std::move(result);
    s.snap.problem = std::move(problem);
    s.snap.finishedAt = now();
    s.finished = std::chrono::steady_clock::now();
  }

  // Drops finished jobs older than an hour, and the oldest finished beyond kMaxKept. Under `mutex`.
  void prune() {
    auto cutoff = std::chrono::steady_clock::now() - kKeepFinished;
    std::vector<std::pair<std::chrono::steady_clock::time_point, std::string>> finished;
    for (auto it = jobs.begin(); it != jobs.end();) {
      auto snap = it->second->copy();
      bool done = snap.finishedAt.has_value();
      if (done && it->second->finished < cutoff) {
        it = jobs.erase(it);
        continue;
      }
      if (done) finished.emplace_back(it->second->finished, it->first);
      ++it;
    }
    if (jobs.size() <= kMaxKept) return;
    std::sort(finished.begin(), finished.end());
    for (size_t i = 0; i < finished.size() && jobs.size() > kMaxKept; ++i) jobs.erase(finished[i].second);
  }

  std::shared_ptr<Progress::State> find(const std::string& id, int64_t userId, bool everyone) const {
    auto it = jobs.find(id);
    if (it == jobs.end()) return nullptr;
    if (!everyone && it->second->copy().userId != userId) return nullptr;  // someone else's: as if absent
    return it->second;
  }
};

Runner::Runner(const Clock& clock, unsigned threads, size_t queueLimit)
    : impl_(std::make_unique<Impl>(clock, queueLimit)) {
  for (unsigned i = 0; i < std::max(1u, threads); ++i) impl_->threads.emplace_back([this] { impl_->loop(); });
}

Runner::~Runner() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
    for (auto& [id, job] : impl_->jobs) job->cancel = true;  // running ones stop at their next report
  }
  impl_->wake.notify_all();
  for (auto& t : impl_->threads) t.join();
}

Snapshot Runner::start(std::string kind, int64_t userId, std::string unit, std::optional<int64_t> total, Work work) {
  auto state = std::make_shared<Progress::State>();
  state->snap.id = auth::randomToken().substr(0, 22);  // 132 random bits
  state->snap.kind = std::move(kind);
  state->snap.userId = userId;
  state->snap.status = "queued";
  state->snap.unit = std::move(unit);
  state->snap.total = total;
  state->snap.createdAt = impl_->now();
  state->work = std::move(work);
  Snapshot out = state->snap;
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->stopping)
      throw ApiError::unavailable({"服务正在停止，请稍后重试。", "The server is stopping; try again shortly."});
    if (impl_->queue.size() >= impl_->queueLimit) {
      ApiError e(429, "busy", statusTitle(429),
                 {"正在排队的任务过多，请稍后再提交。", "Too many jobs are waiting; submit again later."});
      e.withHeader("Retry-After", "10");
      throw e;
    }
    impl_->prune();
    impl_->jobs.emplace(out.id, state);
    impl_->queue.push_back(state);
  }
  impl_->wake.notify_one();
  return out;
}

std::optional<Snapshot> Runner::get(const std::string& id, int64_t userId, bool everyone) const {
  std::lock_guard lock(impl_->mutex);
  auto job = impl_->find(id, userId, everyone);
  if (!job) return std::nullopt;
  return job->copy();
}

std::vector<Snapshot> Runner::list(int64_t userId, bool everyone) const {
  std::vector<Snapshot> out;
  {
    std::lock_guard lock(impl_->mutex);
    for (const auto& [id, job] : impl_->jobs) {
      auto snap = job->copy();
      if (everyone || snap.userId == userId) out.push_back(std::move(snap));
    }
  }
  std::sort(out.begin(), out.end(), [](const Snapshot& a, const Snapshot& b) { return a.createdAt > b.createdAt; });
  return out;
}

std::optional<Snapshot> Runner::cancel(const std::string& id, int64_t userId, bool everyone) {
  std::shared_ptr<Progress::State> job;
  {
    std::lock_guard lock(impl_->mutex);
    job = impl_->find(id, userId, everyone);
  }
  if (!job) return std::nullopt;
  std::lock_guard lock(job->mutex);
  if (job->snap.finishedAt)
    throw ApiError::conflict("job_finished", {"任务已经结束，无法取消。", "The job has already finished."});
  job->cancel = true;
  job->snap.cancelRequested = true;
  return job->snap;
}

}  // namespace jinfu::jobs
