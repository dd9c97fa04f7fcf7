#pragma once
// Long work — an import of a million rows, a training, a large export — runs as a job: on a small
// pool of its own, off the threads that serve requests, with progress the user can watch and a way
// to stop it. A job's own writes keep their rules (an import still commits all-or-nothing); a
// cancelled job stops at its next progress report, which rolls its transaction back.
//
// Jobs are kept by the process that runs them, in memory: their rows in the database are whatever
// the work writes, and a job's progress is only meaningful where it runs (an SQLite import holds
// the database's one writer for its whole transaction, so progress could not be written beside it).
// Ids are random, so that one process's ids never name another's jobs; several processes behind a
// load balancer need /api/v1/jobs routed to the same process (session affinity). A finished job is
// kept for an hour.
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/fwd.hpp"

namespace jinfu::http {
class Router;
}

namespace jinfu::jobs {

// Thrown from Progress::report when the job was asked to stop (or the server is stopping).
class Cancelled : public std::exception {
 public:
  const char* what() const noexcept override { return "job cancelled"; }
};

struct Snapshot {
  std::string id, kind;
  int64_t userId = 0;
  std::string status;  // queued | running | succeeded | failed | cancelled
  int64_t done = 0;
  std::optional<int64_t> total;  // unknown for some work (an XLSX's rows)
  std::string unit;              // what done and total count: "行"
  bool cancelRequested = false;
  nlohmann::json result;   // the work's answer once succeeded, else null
  nlohmann::json problem;  // an RFC 9457 body once failed or cancelled, else null
  std::string createdAt;
  std::optional<std::string> startedAt, finishedAt;

  nlohmann::json toJson() const;  // with percent (null when the total is unknown)
};

class Runner;

// Handed to the work. report() is cheap enough to call every row.
class Progress {
 public:
  void report(int64_t done, std::optional<int64_t> total = std::nullopt);

 private:
  friend class Runner;
  struct State;
  explicit Progress(std::shared_ptr<State> state) : state_(std::move(state)) {}
  std::shared_ptr<State> state_;
};

class Runner {
 public:
  // `threads` jobs run at once; `queueLimit` more may wait, beyond that start() refuses (429).
  explicit Runner(const Clock& clock, unsigned threads = 2, size_t queueLimit = 8);
  ~Runner();  // asks every job to stop and waits for them
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  using Work = std::function<nlohmann::json(Progress&)>;
  // Queues `work` on behalf of `userId`; returns the job as queued. ApiError from the work fails the
  // job with that problem; Cancelled cancels it.
  // `total`, when known beforehand, shows from the start.
  Snapshot start(std::string kind, int64_t userId, std::string unit, std::optional<int64_t> total, Work work);

  // A job of `userId`'s (any job when `everyone`), or nullopt.
  std::optional<Snapshot> get(const std::string& id, int64_t userId, bool everyone) const;
  std::vector<Snapshot> list(int64_t userId, bool everyone) const;  // newest first
  // Asks a queued or running job to stop; nullopt when there is no such job of the caller's.
  // Throws ApiError 409 when it has already finished.
  std::optional<Snapshot> cancel(const std::string& id, int64_t userId, bool everyone);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// GET /api/v1/jobs, GET /api/v1/jobs/{id}, POST /api/v1/jobs/{id}/cancel: a user's own jobs (the
// operator's: everyone's).
void addRoutes(http::Router& router, Runner& runner);

}  // namespace jinfu::jobs
