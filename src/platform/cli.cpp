#include "platform/cli.hpp"

#include <CLI/CLI.hpp>

#include "platform/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"
#include "platform/errors.hpp"

namespace jinfu {
namespace {

// A production server refuses a pinned clock, because deadlines, consent expiry and the audit
// trail would then lie.
std::unique_ptr<Clock> makeClock(const Settings& s) {
  if (s.now.empty()) return std::make_unique<SystemClock>();
  if (s.mode == "production")
    throw ApiError::badRequest("pinned_clock_in_production",
                               {"--now（JINFU_NOW）只用于测试与演示，请同时指定 --mode test 或 --mode demo；生产模式始终使用系统时钟。",
                                "--now (JINFU_NOW) is for tests and demos only: add --mode test or --mode demo; "
                                "production always runs on the system clock."});
  auto start = parseInstant(s.now);
  if (!start)
    throw ApiError::badRequest("bad_now", {"--now 应为 YYYY-MM-DD 或 RFC 3339 时刻（如 2026-11-27T10:00:00+08:00），实际为“" + s.now + "”。",
                                           "--now must be YYYY-MM-DD or an RFC 3339 instant, got \"" + s.now + "\"."});
  return std::make_unique<PinnedClock>(*start);
}

}  // namespace

Date dateArgument(const std::string& text) {
  auto d = Date::parse(text);
  if (!d)
    throw ApiError::badRequest("bad_date", {"日期应为 YYYY-MM-DD 格式的有效日期，实际为“" + text + "”。",
                                            "Expected a valid YYYY-MM-DD date, got \"" + text + "\"."});
  return *d;
}

CliContext::CliContext() = default;
CliContext::~CliContext() = default;

const Clock& CliContext::clock() {
  if (!clock_) clock_ = makeClock(settings);
  return *clock_;
}

db::Database& CliContext::database() {
  if (!database_) database_ = db::Database::open(db::Location::parse(settings.db), settings.poolSize);
  return *database_;
}

db::Database& CliContext::migrated() {
  auto& db = database();
  if (!migrated_) {
    applied_ = db::migrate(db);
    migrated_ = true;
  }
  return db;
}

void CliContext::close() { database_.reset(); }

void CliContext::on(CLI::App* sub, std::function<int()> command) { commands_.emplace_back(sub, std::move(command)); }

const std::function<int()>* CliContext::chosen() const {
  for (const auto& [sub, command] : commands_)
    if (sub->parsed()) return &command;
  return nullptr;
}

}  // namespace jinfu
