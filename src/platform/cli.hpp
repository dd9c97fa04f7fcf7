#pragma once
// What every `jinfu` command shares: the global options, the database and the clock, opened on
// first use, and the table of commands. Each capability registers its own commands
// (`registerCli(CLI::App&, CliContext&)` in its folder); main parses, then runs the one chosen.
#include <algorithm>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "platform/fwd.hpp"

namespace jinfu {
class Date;

// The global options, with their defaults.
struct Settings {
  std::string db = "sqlite:var/jinfu.db";
  std::string listen = "127.0.0.1:8080";
  unsigned threads = std::max(2u, std::thread::hardware_concurrency());
  size_t poolSize = 8;
  // Handlers that may block run here; each trip costs two thread wake-ups, so more threads than
  // this only add switching on a small machine (BENCHMARKS.md). Long work runs as jobs elsewhere.
  unsigned workers = std::max(4u, 2 * std::thread::hardware_concurrency());
  std::vector<std::string> trustedProxies;
  size_t bodyLimit = 1 << 20;
  std::string webRoot = "web/dist";
  std::string logLevel = "info";
  int authCacheMs = 2000;
  size_t uploadLimit = 100u << 20;
  int sweepSeconds = 60;
  std::string mode = "production";
  std::string now;  // a pinned clock's start; only in test and demo mode
};

// A YYYY-MM-DD argument; ApiError 400 bad_date with the text otherwise (exit status 2).
Date dateArgument(const std::string& text);

class CliContext {
 public:
  CliContext();
  ~CliContext();

  Settings settings;

  // The one clock of this process: the system's, or — for tests and demos only — one pinned to
  // the day their data describes. Throws ApiError for a pinned clock in production mode.
  const Clock& clock();
  // The database of the settings, opened on first use; `migrated` also applies the migrations
  // (once) and returns the ids applied then.
  db::Database& database();
  db::Database& migrated();
  const std::vector<int>& appliedMigrations() const { return applied_; }
  // Closes the database, so that it is gone before logging shuts down.
  void close();

  // Runs `command` when `sub` is the subcommand the command line chose. Returns the exit status.
  void on(CLI::App* sub, std::function<int()> command);
  // The chosen command, or null when none was registered for what was parsed.
  const std::function<int()>* chosen() const;

 private:
  std::unique_ptr<Clock> clock_;
  std::unique_ptr<db::Database> database_;
  bool migrated_ = false;
  std::vector<int> applied_;
  std::vector<std::pair<CLI::App*, std::function<int()>>> commands_;
};

}  // namespace jinfu
